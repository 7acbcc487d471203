// Lighthouse 12 (mobile defaults: simulated slow 4G, 4x CPU slowdown) on each page, N runs, and the median of
// each figure; then the article's LCP against the static floor's.
// Usage: node scripts/bench/lighthouse-median.mjs BASE_URL OUT_DIR RUNS name=/path ...
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [base, out, runs, ...pages] = process.argv.slice(2);
const flags = '--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --disable-component-update --no-first-run';
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = {};
for (const spec of pages) {
  const [name, path] = spec.split('=');
  const figures = [];
  for (let i = 0; i < Number(runs); i++) {
    const file = join(out, `lh-${name}-${i}.json`);
    const args = [base + path, '--quiet', '--output=json', `--output-path=${file}`, `--chrome-flags=${flags}`,
      '--only-categories=performance'];
    // Lighthouse now and then fails to start or to talk to Chromium on a busy machine: that run is tried again
    // once, and a second failure stops the benchmark with Lighthouse's own message.
    try {
      execFileSync('lighthouse', args, { stdio: 'pipe' });
    } catch (first) {
      console.error(`lighthouse failed on ${path} (run ${i + 1}), trying again: ${String(first.stderr).trim().slice(-300)}`);
      execFileSync('lighthouse', args, { stdio: ['ignore', 'ignore', 'inherit'] });
    }
    const a = JSON.parse(readFileSync(file, 'utf8'));
    figures.push({
      score: a.categories.performance.score * 100,
      fcp: a.audits['first-contentful-paint'].numericValue,
      lcp: a.audits['largest-contentful-paint'].numericValue,
      tbt: a.audits['total-blocking-time'].numericValue,
      cls: a.audits['cumulative-layout-shift'].numericValue,
    });
  }
  results[name] = Object.fromEntries(['score', 'fcp', 'lcp', 'tbt', 'cls'].map((k) => [k, median(figures.map((f) => f[k]))]));
}
console.log(`page (median of ${runs})`.padEnd(22), 'perf'.padStart(5), 'FCP'.padStart(9), 'LCP'.padStart(9), 'TBT'.padStart(9), 'CLS'.padStart(7));
for (const [name, r] of Object.entries(results)) {
  const ms = (v) => `${Math.round(v)} ms`.padStart(9);
  console.log(name.padEnd(22), String(Math.round(r.score)).padStart(5), ms(r.fcp), ms(r.lcp), ms(r.tbt), r.cls.toFixed(3).padStart(7));
}
if (results.article && results.static) {
  console.log(`article LCP / static LCP: ${(results.article.lcp / results.static.lcp).toFixed(2)}x (budget 1.5x)`);
}
