// The installable app's figures: bytes the service worker precaches per build (raw and brotli), time to open a
// saved article with no network (median of 5), and screenshots of the app window (Chromium --app mode) and of
// the offline page. It runs its own server so that it can stop it (a true loss of network, the worker's
// requests included).  Usage: node scripts/bench/pwa.mjs OUT_DIR
import { execSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { chromium } from '@playwright/test';

const out = process.argv[2] || 'target/bench';
const port = execSync(`python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"`)
  .toString().trim();
const base = `http://127.0.0.1:${port}`;
const dir = mkdtempSync(join(tmpdir(), 'broadsheet-pwa-'));
let server = null;
async function start() {
  server = spawn('target/server/broadsheet-server', ['serve', '--addr', `127.0.0.1:${port}`, '--db', join(dir, 'pwa.db'),
    '--content', 'content', '--dist', 'dist'], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(`${base}/api/v1/sections`)).ok) return; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}
const stop = () => new Promise((r) => { server.once('exit', r); server.kill('SIGTERM'); });

// Bytes precached: the list in dist/sw.js, as files and as brotli.
// (Minified on a release build: `PRECACHE=["/a",…]`; as written, `const PRECACHE = ['/a', …];`.)
const list = JSON.parse(readFileSync('dist/sw.js', 'utf8').match(/PRECACHE\s*=\s*(\[[^\]]*\])/)[1].replace(/'/g, '"'));
let raw = 0, br = 0;
for (const path of list) {
  const bytes = readFileSync(join('dist', path === '/index.html' ? 'index.html' : path.slice(1)));
  raw += bytes.length;
  br += brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}
console.log(`precache per build: ${list.length} files, ${raw} bytes raw, ${br} bytes brotli`);

const args = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const times = [];
for (let i = 0; i < 5; i++) {
  await start();
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args });
  const context = await browser.newContext({ serviceWorkers: 'allow', viewport: { width: 412, height: 860 } });
  const page = await context.newPage();
  await page.goto(`${base}/housing/council-housing-company-to-build-600-homes`);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.getByRole('button', { name: 'Save for offline' }).click();
  await page.getByText('Saved: you can read').waitFor();
  await stop();
  await context.setOffline(true);
  await page.goto(`${base}/saved`);
  const link = page.getByRole('main').getByRole('listitem').first().getByRole('link');
  const headline = await link.textContent();
  const t0 = Date.now();
  await link.click();
  await page.getByRole('main').getByRole('heading', { level: 1, name: headline }).waitFor();
  times.push(Date.now() - t0);
  if (i === 0) {
    await page.goto(`${base}/finance`);
    await page.getByRole('heading', { level: 1, name: 'You are offline' }).waitFor();
    await page.screenshot({ path: join(out, 'pwa-offline-page.png') });
  }
  await browser.close();
}
times.sort((a, b) => a - b);
console.log(`open a saved article offline (click to h1): median ${times[2]} ms, runs ${times.join(', ')} ms`);

// The installed-app window: Chromium's --app mode (no tabs, no address bar).
await start();
const app = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: [...args, `--app=${base}/`, '--window-size=412,860'] });
const ctx = await app.newContext({ viewport: { width: 412, height: 860 } });
const win = await ctx.newPage();
await win.goto(`${base}/`);
await win.getByRole('main').getByRole('heading', { level: 1 }).waitFor();
await win.waitForLoadState('networkidle');
await win.screenshot({ path: join(out, 'pwa-app-window.png') });
await app.close();
await stop();
console.log(`screenshots: ${join(out, 'pwa-app-window.png')}, ${join(out, 'pwa-offline-page.png')}`);
