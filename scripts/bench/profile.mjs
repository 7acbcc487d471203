// Where the app's main-thread time goes while a page loads, by function: a CPU profile (V8's sampling profiler,
// 100 µs) at a CPU slowdown, self time summed per function over the whole load, the page's own scripts too.
// Run it on a build whose wasm keeps its names, else functions show as `wasm-function[N]`:
//   sed 's/data-wasm-opt-params="/&--debuginfo /' index.html > named.html
//   (source scripts/env.sh && release_wasm_env && trunk build --release --dist /tmp/named named.html)
//   rm named.html; target/server/broadsheet-server serve --addr 127.0.0.1:8391 --db /tmp/p.db --dist /tmp/named &
// Usage: node scripts/bench/profile.mjs BASE_URL PATH [SLOWDOWN] [TOP]
import { launch, throttledPage } from './browser.mjs';

const [base, path, slowdown = '4', top = '40'] = process.argv.slice(2);
const browser = await launch();
const { page, cdp } = await throttledPage(browser, slowdown);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
await page.goto(base + path, { waitUntil: 'load' });
for (let i = 0; i < 150; i++) {
  if (await page.evaluate(() => !document.getElementById('prerender') && !!document.querySelector('main h1, main h2'))) break;
  await page.waitForTimeout(200);
}
await page.waitForTimeout(1500);
const { profile } = await cdp.send('Profiler.stop');
await browser.close();

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas;
profile.samples.forEach((id, i) => {
  const n = byId.get(id);
  const name = n.callFrame.functionName || `(${n.callFrame.url.split('/').pop() || 'native'})`;
  self.set(name, (self.get(name) || 0) + (dt[i + 1] ?? 0) / 1000);
});
const rows = [...self.entries()].filter(([n]) => !['(idle)', '(program)'].includes(n)).sort((a, b) => b[1] - a[1]);
const total = rows.reduce((s, [, v]) => s + v, 0);
console.log(`${path}: ${total.toFixed(0)} ms of script and wasm at ${slowdown}x (self time, by function)`);
for (const [name, ms] of rows.slice(0, Number(top))) console.log(`${ms.toFixed(1).padStart(8)} ms  ${name.slice(0, 140)}`);
// By crate: the first path segment of a Rust name.
const crates = new Map();
for (const [name, ms] of rows) {
  const m = name.match(/^<?([a-z_][a-z0-9_]*)::/);
  const key = m ? m[1] : name.startsWith('(') ? name : 'js/other';
  crates.set(key, (crates.get(key) || 0) + ms);
}
console.log('by crate:');
for (const [k, ms] of [...crates.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${ms.toFixed(1).padStart(8)} ms  ${k}`);
