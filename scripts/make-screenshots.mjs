// Takes the PWA install-dialog screenshots of the front page.
// Start the server first, then run from the repo root:
//   target/server/broadsheet-server serve --addr 127.0.0.1:18080 --db /tmp/shots.db --content content --dist dist &
//   node scripts/make-screenshots.mjs http://127.0.0.1:18080
import { chromium } from '@playwright/test';

const base = process.argv[2];
if (!base) throw new Error('usage: node scripts/make-screenshots.mjs <base-url>');
const dir = new URL('../public/screenshots/', import.meta.url);
const shots = [
  ['front-narrow.png', 390, 844],
  ['front-wide.png', 1280, 800],
];

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
    '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  for (const [out, width, height] of shots) {
    const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
    await page.goto(new URL('/', base).href, { waitUntil: 'networkidle' });
    await page.locator('main h1').first().waitFor();
    await page.waitForLoadState('networkidle');
    const png = await page.screenshot({ path: new URL(out, dir).pathname, type: 'png', scale: 'css' });
    await page.close();
    const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    if (w !== width || h !== height) throw new Error(`${out}: expected ${width}x${height}, got ${w}x${h}`);
    if (png.length > 300_000) throw new Error(`${out}: ${png.length} bytes, over 300 KB`);
    console.log(`${out} ${w}x${h} ${png.length} bytes`);
  }
} finally {
  await browser.close();
}
