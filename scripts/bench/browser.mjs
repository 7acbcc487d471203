// The benchmarks' Chromium: Debian's (CHROME_PATH), headless, with the flags every script needs, and a phone-sized
// page at a CPU slowdown (Lighthouse's mobile setting is 4x) for the scripts that time a page load.
import { chromium } from '@playwright/test';

/** Chromium with the benchmarks' flags, and `extra` flags after them. */
export function launch(extra = []) {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', ...extra],
  });
}

/** A 412 x 823 page without service workers, its CPU `slowdown` times slower: `{ context, page, cdp }`. */
export async function throttledPage(browser, slowdown) {
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 412, height: 823 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(slowdown) });
  return { context, page, cdp };
}
