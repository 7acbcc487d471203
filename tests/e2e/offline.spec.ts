import { BrowserContext, Page } from '@playwright/test';
import { test, expect, heading, main, ARTICLE, ARTICLE_HEADLINE } from './fixtures';
import { OwnServer } from './server';

// Each test has its own server (so it can cut the network by stopping it) and its own origin, hence its own
// service worker and caches.
test.use({ serviceWorkers: 'allow' });

const OTHER_ARTICLE = '/housing/damp-and-mould-inspections-find-failures';
let server: OwnServer;

test.beforeEach(async () => {
  server = new OwnServer();
  await server.start();
});
test.afterEach(async () => {
  await server.stop();
});

/// Opens `path` and waits until the service worker controls the page.
async function visitControlled(page: Page, path: string) {
  await page.goto(server.base + path);
  await heading(page);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });
}

/// Opens the test article (by `open`) and waits until the app has it: the page arrives as HTML with its data, and
/// the app, once started, fetches the article again, which is when the worker keeps it.
async function readArticle(page: Page, open: () => Promise<unknown>) {
  const fetched = page.waitForResponse((r) => r.url().endsWith('/api/v1/articles' + ARTICLE));
  await open();
  await fetched;
  await expect(await heading(page)).toHaveText(ARTICLE_HEADLINE);
}

/// No network at all: the server is stopped (the worker's own requests fail too) and the browser is offline.
async function cutNetwork(context: BrowserContext) {
  await server.stop();
  await context.setOffline(true);
}

const build = (page: Page) => page.locator('meta[name="broadsheet-build"]').getAttribute('content');

test('the worker registers, activates and precaches this build; Chromium finds the app installable', async ({ page, context }) => {
  await visitControlled(page, '/');
  const id = await build(page);
  expect(id).toMatch(/^[0-9a-f]{16}$/);
  const state = await page.evaluate(async () => (await navigator.serviceWorker.ready).active!.state);
  expect(state).toBe('activated');
  const shell = await page.evaluate(async (id) => {
    const cache = await caches.open('broadsheet-shell-' + id);
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  }, id);
  expect(shell).toContain('/index.html');
  expect(shell.some((p) => p.endsWith('_bg.wasm'))).toBe(true);
  expect(shell.some((p) => p.endsWith('.css'))).toBe(true);
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  // Playwright's contexts are incognito, where Chromium never installs; anything else would be ours.
  expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
  const manifest = await cdp.send('Page.getAppManifest');
  expect(manifest.errors).toEqual([]);
});

test('a visited article opens offline by reload and by link, with an offline notice', async ({ page, context }) => {
  await visitControlled(page, '/transport');
  await readArticle(page, () => page.goto(server.base + ARTICLE));
  await cutNetwork(context);

  await page.reload();
  await expect(await heading(page)).toHaveText(ARTICLE_HEADLINE);
  await expect(page.getByRole('status').filter({ hasText: 'You are offline' })).toBeVisible();

  // By link: from the section's page (kept by the worker too), to the article.
  await page.goto(server.base + '/transport');
  await heading(page);
  await page.getByRole('link', { name: ARTICLE_HEADLINE }).first().click();
  await expect(await heading(page)).toHaveText(ARTICLE_HEADLINE);
  await expect(page.locator('.article p').first()).toBeVisible();
});

test('an unvisited article offline shows the offline page with what can be read', async ({ page, context }) => {
  await visitControlled(page, ARTICLE);
  await readArticle(page, () => page.reload());
  await cutNetwork(context);

  await page.goto(server.base + OTHER_ARTICLE);
  await expect(await heading(page)).toHaveText('You are offline');
  const available = page.getByRole('list').filter({ has: page.getByRole('link', { name: ARTICLE_HEADLINE }) });
  await expect(available).toBeVisible();
  await available.getByRole('link', { name: ARTICLE_HEADLINE }).click();
  await expect(await heading(page)).toHaveText(ARTICLE_HEADLINE);
});

test('saving for offline, then reading and removing it with no network', async ({ page, context }) => {
  await visitControlled(page, '/');
  await page.goto(server.base + OTHER_ARTICLE);
  const headline = (await (await heading(page)).textContent())!;
  await page.getByRole('button', { name: 'Save for offline' }).click();
  await expect(page.getByText('Saved: you can read this article offline.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Saved for offline' })).toHaveAttribute('aria-pressed', 'true');
  await cutNetwork(context);

  await page.goto(server.base + '/saved');
  await expect(await heading(page)).toHaveText('Saved articles');
  const started = Date.now();
  await page.getByRole('link', { name: headline }).click();
  await expect(await heading(page)).toHaveText(headline);
  console.log(`opened a saved article offline in ${Date.now() - started} ms`);

  await page.goto(server.base + '/saved');
  await page.getByRole('button', { name: `Remove “${headline}”` }).click();
  await expect(page.getByRole('status').filter({ hasText: `Removed “${headline}”.` })).toBeVisible();
  await expect(page.getByRole('link', { name: headline })).toHaveCount(0);
  await expect(page.getByText('You have not saved any articles yet.')).toBeVisible();
});

test('coming back online is noticed without a reload', async ({ page, context }) => {
  await visitControlled(page, ARTICLE);
  const notice = page.getByRole('status').filter({ hasText: 'You are offline' });
  await cutNetwork(context);
  await expect(notice).toBeVisible();
  await page.goto(server.base + OTHER_ARTICLE);
  await expect(await heading(page)).toHaveText('You are offline');

  await server.start();
  await context.setOffline(false);
  await expect(notice).toHaveCount(0);
  // The page that could not load loads by itself.
  await expect(await heading(page)).not.toHaveText('You are offline');
  await expect(page.getByRole('button', { name: 'Save for offline' })).toBeVisible();
});

test('a new build offers an update, and accepting it loads that build', async ({ page }) => {
  await visitControlled(page, ARTICLE);
  const first = await build(page);
  const second = server.secondBuild();
  expect(second.build).not.toBe(first);
  await server.stop();
  await server.start(second.dist);

  // The app checks for a new worker when the tab becomes visible again; do the same check now.
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
  await expect(page.getByText('A new version of Broadsheet is available.')).toBeVisible({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Reload' }).click();
  await expect.poll(() => build(page), { timeout: 15_000 }).toBe(second.build);
  await expect(await heading(page)).toHaveText(ARTICLE_HEADLINE);
  const shells = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('broadsheet-shell-')));
  expect(shells).toEqual([`broadsheet-shell-${second.build}`]);
});

test('without service workers or storage the app is the normal online app', async ({ page, consoleErrors }) => {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'serviceWorker', { get: () => undefined });
    // @ts-expect-error: storage blocked, as some privacy settings do
    delete window.caches;
  });
  await page.goto(server.base + ARTICLE);
  await expect(await heading(page)).toHaveText(ARTICLE_HEADLINE);
  await expect(page.getByRole('button', { name: /Save for offline/ })).toHaveCount(0);
  await page.goto(server.base + '/saved');
  await expect(page.getByText('This browser does not let Broadsheet store articles')).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('the worker keeps an image only when the answer is a 200 image, never a page or a 404', async ({ page }) => {
  await visitControlled(page, '/');
  // Three image requests: a real image, a path that answers a page (200 text/html), and a missing icon (404).
  const kept = await page.evaluate(async () => {
    const real = (document.querySelector('main img') as HTMLImageElement | null)?.src ?? '';
    const load = (src: string) => new Promise<void>((resolve) => {
      const img = new Image();
      img.onload = img.onerror = () => resolve();
      img.src = src;
      document.body.append(img);
    });
    for (const src of [real, '/housing', '/icons/renamed-icon.png']) await load(src);
    const cache = await caches.open('broadsheet-images-v1');
    return { real, keys: (await cache.keys()).map((r) => new URL(r.url).pathname) };
  });
  expect(kept.real).not.toBe('');
  expect(kept.keys).toContain(new URL(kept.real).pathname);
  expect(kept.keys).not.toContain('/housing');
  expect(kept.keys).not.toContain('/icons/renamed-icon.png');
});

test('a saved article shows its photo offline at any width, and removing it removes every copy', async ({ page, context }) => {
  const PHOTO_ARTICLE = '/housing/eastmoor-extends-selective-landlord-licensing-scheme';
  await page.setViewportSize({ width: 412, height: 900 });
  await visitControlled(page, '/');
  await page.goto(server.base + PHOTO_ARTICLE);
  const headline = (await (await heading(page)).textContent())!;
  const lead = page.locator('.lead-image img');
  await expect.poll(() => lead.evaluate((i: HTMLImageElement) => i.currentSrc)).toMatch(/terraced-street-at-dusk-\d+w\.webp$/);
  await page.getByRole('button', { name: 'Save for offline' }).click();
  await expect(page.getByText('Saved: you can read this article offline.')).toBeVisible();
  await cutNetwork(context);

  // Wider, the page asks for a wider copy than the one saved; the worker answers with the saved one.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(server.base + '/saved');
  await main(page).getByRole('link', { name: headline }).click();
  await expect(await heading(page)).toHaveText(headline);
  await expect.poll(() => lead.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBeGreaterThan(0);

  await page.goto(server.base + '/saved');
  await page.getByRole('button', { name: `Remove “${headline}”` }).click();
  await expect(page.getByRole('status').filter({ hasText: `Removed “${headline}”.` })).toBeVisible();
  const left = await page.evaluate(async () =>
    (await (await caches.open('broadsheet-saved')).keys()).map((r) => r.url).filter((u) => u.includes('terraced-street')));
  expect(left).toEqual([]);
});
