// Makes the floor for the article page: the app's own rendering of an article, saved as a static HTML page
// (same markup, same CSS, no scripts), into a copy of dist/ that the server then serves.
// Usage: node scripts/bench/static-floor.mjs BASE_URL ARTICLE_PATH OUT_FILE
import { writeFileSync } from 'node:fs';
import { launch } from './browser.mjs';

const [base, path, out] = process.argv.slice(2);
const browser = await launch();
const page = await browser.newPage({ serviceWorkers: 'block' });
await page.goto(base + path);
await page.locator('main article h1').waitFor();
// The app's own rendering (rails, comments and all), not the server's HTML it replaces.
await page.waitForFunction(() => !document.getElementById('prerender'));
await page.waitForLoadState('networkidle');
await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached' }).catch(() => {});
const html = await page.evaluate(() => {
  const doc = document.documentElement.cloneNode(true);
  doc.querySelectorAll('script, link[rel="modulepreload"], link[rel="preload"], link[rel="manifest"]').forEach((e) => e.remove());
  // Resources by absolute path, so the file can live anywhere on the site.
  return '<!doctype html>\n' + doc.outerHTML;
});
writeFileSync(out, html);
await browser.close();
console.log(`static floor: ${out} (${html.length} bytes)`);
