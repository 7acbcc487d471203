// Client-side navigation and memory, in headless Chromium with the API on loopback.
// - Time from a click on a teaser to the new page's h1 painted (the first animation frame after the h1 shows the
//   new headline): 50 articles cold (never fetched), then the same 50 warm (in the app's cache); median and p95.
// - Memory: wasm linear memory and the JS heap (after a forced GC) after 10 and after 200 navigations.
// Usage: node scripts/bench/navigation.mjs BASE_URL
import { launch } from './browser.mjs';

const base = process.argv[2];
const browser = await launch(['--disable-background-networking', '--disable-component-update', '--no-first-run']);
const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
const page = await context.newPage();
await page.addInitScript(() => {
  addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; });
  // Clicks on teasers start the clock; the first frame after main's h1 changes stops it.
  window.__navTimes = [];
  window.__navFrames = [];
  addEventListener('click', (e) => {
    if (!e.target.closest('main a')) return;
    const t0 = performance.now();
    const before = document.querySelector('main h1')?.textContent;
    // frames: how many frames began before the new h1 was in the DOM (0: it is in the first frame after the click).
    let frames = -1;
    const check = () => {
      const h1 = document.querySelector('main h1');
      if (h1 && h1.textContent !== before && h1.closest('article')) {
        window.__navFrames.push(frames);
        requestAnimationFrame(() => window.__navTimes.push(performance.now() - t0));
      } else {
        frames++;
        requestAnimationFrame(check);
      }
    };
    check();
  }, true);
});
const cdp = await context.newCDPSession(page);

// 50 article links from the latest-news listing pages.
const paths = [];
for (let p = 1; paths.length < 50; p++) {
  const r = await (await fetch(`${base}/api/v1/articles?page=${p}&limit=20`)).json();
  if (!r.articles.length) break;
  for (const a of r.articles) paths.push(`/${a.section.slug}/${a.slug}`);
}
paths.length = Math.min(paths.length, 50);

// A listing page that links to every one of them: the app's own /latest pages, found by clicking.
async function navigateTo(path) {
  // Put a real link in the page's main column and click it: the router handles it like any teaser.
  await page.evaluate((href) => {
    let a = document.getElementById('bench-link');
    if (!a) {
      a = document.createElement('a');
      a.id = 'bench-link';
      a.textContent = 'next';
      document.querySelector('main').prepend(a);
    }
    a.href = href;
  }, path);
  const n = await page.evaluate(() => window.__navTimes.length);
  await page.click('#bench-link');
  await page.waitForFunction((n) => window.__navTimes.length > n, n);
}

// The server's HTML of the page comes first; the app takes its place once built (its links are the router's).
const appShown = () => page.waitForFunction(() => !document.getElementById('prerender') && document.querySelector('main h1'));
await page.goto(`${base}/latest`);
await appShown();
await page.waitForLoadState('networkidle');
let firstFrame = 0;
const times = async (list) => {
  const start = await page.evaluate(() => window.__navTimes.length);
  for (const p of list) await navigateTo(p);
  firstFrame = await page.evaluate((s) => window.__navFrames.slice(s).filter((f) => f === 0).length, start);
  return page.evaluate((s) => window.__navTimes.slice(s), start);
};
const stats = (xs) => {
  const s = xs.slice().sort((a, b) => a - b);
  const q = (f) => s[Math.min(s.length - 1, Math.ceil(f * s.length) - 1)];
  return { median: q(0.5), p95: q(0.95), n: s.length };
};
const cold = stats(await times(paths));
cold.firstFrame = firstFrame;
const warm = stats(await times(paths));
warm.firstFrame = firstFrame;
const fmt = (x) => `${x.toFixed(1)} ms`;
// The time runs to the frame after the one that shows the h1 (that frame has been painted by then), so it is
// one frame more than the paint; "in the first frame" counts clicks whose h1 was in the next frame drawn.
for (const [name, x] of [['cold', cold], ['warm', warm]]) {
  console.log(`navigation ${name}: median ${fmt(x.median)}, p95 ${fmt(x.p95)} (${x.n} clicks); new h1 in the first frame after the click: ${x.firstFrame} of ${x.n}`);
}

async function memory() {
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
  const wasm = await page.evaluate(() => window.__wasm?.memory?.buffer.byteLength ?? NaN);
  return { heap, wasm };
}
// Memory after 10 and after 200 navigations in a fresh page.
await page.goto(`${base}/latest`);
await appShown();
let done = 0;
const mem = {};
while (done < 200) {
  await navigateTo(paths[done % paths.length]);
  done++;
  if (done === 10 || done === 200) mem[done] = await memory();
}
const mb = (n) => `${(n / 1048576).toFixed(2)} MB`;
for (const n of [10, 200]) console.log(`memory after ${n} navigations: wasm ${mb(mem[n].wasm)}, JS heap ${mb(mem[n].heap)}`);
console.log(`memory growth 10 -> 200: wasm ${mb(mem[200].wasm - mem[10].wasm)}, JS heap ${mb(mem[200].heap - mem[10].heap)}`);
if (process.env.NAV_JSON) console.log(JSON.stringify({ cold, warm, mem }));
await browser.close();
