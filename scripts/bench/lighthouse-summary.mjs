// Reads Lighthouse JSON reports and prints the four category scores and LCP, CLS, TBT and transfer size.
import { readFileSync } from 'node:fs';

console.log('page'.padEnd(10), 'perf', 'a11y', 'best', ' seo', '    LCP', '   CLS', '    TBT', ' transferred');
for (const file of process.argv.slice(2)) {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const score = (c) => String(Math.round((r.categories[c]?.score ?? 0) * 100)).padStart(4);
  const a = r.audits;
  const ms = (id) => (Math.round(a[id].numericValue) + ' ms').padStart(7);
  console.log(
    file.replace(/^.*\/|\.json$/g, '').padEnd(10),
    score('performance'), score('accessibility'), score('best-practices'), score('seo'),
    ms('largest-contentful-paint'),
    a['cumulative-layout-shift'].numericValue.toFixed(3).padStart(6),
    ms('total-blocking-time'),
    ((a['total-byte-weight'].numericValue / 1024).toFixed(1) + ' KB').padStart(12),
  );
  for (const c of ['accessibility', 'best-practices', 'seo']) {
    for (const ref of r.categories[c].auditRefs) {
      const audit = a[ref.id];
      if (ref.weight > 0 && audit.score !== null && audit.score < 1) console.log('   ', c, 'fails:', ref.id, '-', audit.title);
    }
  }
}
