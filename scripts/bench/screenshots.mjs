// Screenshots of the front page, a section and an article at 375 and 1280 px, for a person to look at.
import { launch } from './browser.mjs';

const [base, out] = process.argv.slice(2);
const pages = { front: '/', section: '/housing', article: '/transport/tyneford-bus-franchising-goes-live' };
const browser = await launch(['--disable-background-networking', '--disable-component-update', '--no-first-run']);
for (const width of [375, 1280]) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  for (const [name, path] of Object.entries(pages)) {
    await page.goto(base + path);
    // The app's page, not the server's HTML it replaces: the server's copy is gone and the rails are in.
    await page.locator('#prerender').waitFor({ state: 'detached' });
    await page.locator('main h1').waitFor();
    await page.locator('.rail h2').first().waitFor();
    await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached' }).catch(() => {});
    const file = `${out}/${name}-${width}.png`;
    await page.screenshot({ path: file, fullPage: false });
    console.log('screenshot', file);
  }
  await page.close();
}
await browser.close();
