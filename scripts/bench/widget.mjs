// A partner widget as a partner's reader gets it, cold: bytes transferred from Broadsheet (headers and encoded
// body, as on the wire) and the time from the loader's start to the widget's final height. Median of 5 fresh browser contexts.
// Usage: node scripts/bench/widget.mjs http://127.0.0.1:PORT
import { createServer } from 'node:http';
import { launch } from './browser.mjs';

const app = process.argv[2];
const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner</title></head><body>
<div data-broadsheet-widget data-section="housing" data-limit="5"><a href="${app}/housing">Housing news</a></div>
<script>performance.mark('loader-requested')</script><script src="${app}/embed.js" async></script></body></html>`;
const server = createServer((req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end(page); });
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const partner = `http://localhost:${server.address().port}/`;

const browser = await launch(['--disable-background-networking', '--disable-component-update', '--no-first-run']);
const runs = [];
for (let i = 0; i < 5; i++) {
  const context = await browser.newContext();
  const p = await context.newPage();
  // Playwright sees the widget's own requests too (it runs in another process: a cross-site iframe).
  let bytes = 0;
  const files = {};
  p.on('requestfinished', async (r) => {
    if (!r.url().startsWith(app)) return;
    const s = await r.sizes();
    const n = s.responseBodySize + s.responseHeadersSize;
    bytes += n;
    files[new URL(r.url()).pathname] = n;
  });
  // The loader's start: embed.js executing (its resource timing's responseEnd); the end: the last height set.
  await p.addInitScript(() => {
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.target.tagName === 'IFRAME' && r.attributeName === 'style' && r.target.style.height !== '320px') {
          window.__finalHeightAt = performance.now();
        }
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['style'] });
  });
  await p.goto(partner);
  await p.frameLocator('iframe').locator('li').first().waitFor();
  await p.waitForTimeout(500);
  const timing = await p.evaluate(() => {
    const loader = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/embed.js'));
    return { start: loader ? loader.responseEnd : NaN, end: window.__finalHeightAt };
  });
  runs.push({ bytes, ms: timing.end - timing.start, files });
  await context.close();
}
await browser.close();
server.close();
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log('widget files from Broadsheet (bytes on the wire, last run):');
for (const [path, n] of Object.entries(runs.at(-1).files)) console.log(`  ${path.padEnd(28)} ${n}`);
console.log(`widget total transfer, cold: ${median(runs.map((r) => r.bytes))} bytes (median of ${runs.length})`);
console.log(`loader start to final height: ${median(runs.map((r) => r.ms)).toFixed(0)} ms (median of ${runs.length})`);
