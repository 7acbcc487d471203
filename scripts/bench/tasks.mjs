// The main thread's long tasks while a page loads, at a CPU slowdown (4x, as Lighthouse's mobile setting), from
// a Chromium trace: when each starts, how long it takes and what fills it. Lighthouse's TBT adds up the part of
// each task over 50 ms; this shows which tasks those are, where TBT alone is one noisy number.
// Usage: node scripts/bench/tasks.mjs BASE_URL PATH [SLOWDOWN] [MIN_MS]
import { launch, throttledPage } from './browser.mjs';

const [base, path, slowdown = '4', min = '30'] = process.argv.slice(2);
const browser = await launch();
const { page, cdp } = await throttledPage(browser, slowdown);
await browser.startTracing(page, {
  categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'disabled-by-default-v8.compile'],
});
await page.goto(base + path, { waitUntil: 'load' });
// Settled: the app's own page is on screen (no server HTML left) and nothing has run for a second.
// (Polled with evaluate, not waitForFunction, whose injected script would add a long task of its own.)
for (let i = 0; i < 150; i++) {
  if (await page.evaluate(() => !document.getElementById('prerender') && !!document.querySelector('main h1, main h2'))) break;
  await page.waitForTimeout(200);
}
await page.waitForTimeout(1500);
const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
await browser.close();

const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
  .map((e) => `${e.pid}:${e.tid}`));
const slices = events.filter((e) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`));
const start = events.find((e) => e.name === 'navigationStart')?.ts ?? Math.min(...slices.map((e) => e.ts));
const tasks = slices.filter((e) => e.name === 'RunTask' && e.dur >= Number(min) * 1000 && e.ts >= start)
  .sort((a, b) => a.ts - b.ts);
const LABELS = ['Layout', 'UpdateLayoutTree', 'Paint', 'ParseHTML', 'TimerFire', 'FireAnimationFrame',
  'RunMicrotasks', 'v8.wasm.compileConsume', 'FlushInstructionCache', 'V8.CompileCode', 'EvaluateScript', 'v8.evaluateModule'];
let blocking = 0;
console.log(`${path}: main-thread tasks of ${min} ms or more at ${slowdown}x slowdown`);
console.log('  start     task  what fills it (ms)');
for (const t of tasks) {
  blocking += Math.max(0, t.dur / 1000 - 50);
  const inside = slices.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur);
  const by = {};
  for (const e of inside) if (LABELS.includes(e.name)) by[e.name] = (by[e.name] || 0) + e.dur / 1000;
  const what = Object.entries(by).sort((a, b) => b[1] - a[1]).slice(0, 5).map(([n, d]) => `${n} ${d.toFixed(0)}`).join(', ');
  console.log(`${String(Math.round((t.ts - start) / 1000)).padStart(5)} ms ${(t.dur / 1000).toFixed(0).padStart(5)} ms  ${what}`);
}
console.log(`longest ${Math.max(0, ...tasks.map((t) => t.dur / 1000)).toFixed(0)} ms; time over 50 ms, all tasks from navigation: ${blocking.toFixed(0)} ms`);
