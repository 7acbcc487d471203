// Renders the PWA icon PNGs from the SVG artwork in public/icons/.
// Run from the repo root:  node scripts/make-icons.mjs
// Uses the system Chromium through Playwright (no `playwright install` needed).
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';

const dir = new URL('../public/icons/', import.meta.url);
// [source svg, output png, size, transparent corners?]
const jobs = [
  ['icon.svg', 'icon-192.png', 192, true],
  ['icon.svg', 'icon-512.png', 512, true],
  ['icon-maskable.svg', 'icon-maskable-512.png', 512, false],
  ['icon-maskable.svg', 'apple-touch-icon.png', 180, false],
];

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
    '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  for (const [src, out, size, transparent] of jobs) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const svg = readFileSync(new URL(src, dir), 'utf8')
      .replace('<svg ', `<svg width="${size}" height="${size}" style="display:block" `);
    await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
    // Full-bleed icons are opaque; the rounded "any" icon keeps transparent corners.
    const png = await page.screenshot({ path: new URL(out, dir).pathname, omitBackground: transparent });
    await page.close();
    // IHDR: width and height are big-endian u32 at bytes 16 and 20.
    const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    if (png.toString('latin1', 12, 16) !== 'IHDR' || w !== size || h !== size)
      throw new Error(`${out}: expected ${size}x${size}, got ${w}x${h}`);
    console.log(`${out} ${w}x${h} ${png.length} bytes`);
  }
} finally {
  await browser.close();
}
