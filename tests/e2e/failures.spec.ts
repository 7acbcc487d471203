import type { Route } from '@playwright/test';
import { test, expect, main, rails, sectionNav, heading, asStaticHost, ARTICLE, ARTICLE_HEADLINE } from './fixtures';

// The app's own handling of a failing API: pages come as from a static host, with no answers written in.
test.beforeEach(async ({ page }, info) => {
  if (!info.title.startsWith('a request that takes too long')) await asStaticHost(page);
});

const ARTICLE_API = `**/api/v1/articles${ARTICLE}`;
const RAILS_API = '**/api/v1/rails';

// Each way the API can fail, as the browser sees it, and what the reader is told.
const failures: [string, (route: Route) => Promise<void>, RegExp][] = [
  ['the network is down', (r) => r.abort('internetdisconnected'), /couldn't reach Broadsheet/],
  ['the server answers 500', (r) => r.fulfill({ status: 500, contentType: 'application/json',
    body: '{"error":{"code":"internal","message":"boom"}}' }), /had a problem answering/],
  ['the server answers 503 with HTML', (r) => r.fulfill({ status: 503, contentType: 'text/html',
    body: '<h1>Service Unavailable</h1>' }), /had a problem answering/],
  ['the JSON is malformed', (r) => r.fulfill({ status: 200, contentType: 'application/json',
    body: '{"headline": "cut off' }), /couldn't read/],
  ['fields are missing', (r) => r.fulfill({ status: 200, contentType: 'application/json',
    body: '{"headline": "Only a headline"}' }), /couldn't read/],
  ['fields have the wrong type', async (r) => {
    const real = await (await r.fetch()).json();
    await r.fulfill({ status: 200, contentType: 'application/json',
      body: JSON.stringify({ ...real, headline: 42, body: 'not a list', rails: 'not a list' }) });
  }, /couldn't read/],
];

for (const [what, fail, message] of failures) {
  test(`article when ${what}: a message, a working retry, and the rest of the page`, async ({ page }) => {
    await page.route(ARTICLE_API, fail);
    await page.goto(ARTICLE);
    const alert = main(page).getByRole('alert');
    await expect(alert).toContainText(message);
    // The rest of the app keeps working.
    await expect(rails(page).getByRole('heading', { name: 'Latest news' })).toBeVisible();
    await expect(sectionNav(page).getByRole('link', { name: 'Housing' })).toBeVisible();
    // Retry recovers once the API does.
    await page.unroute(ARTICLE_API);
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect(await heading(page)).toHaveText(ARTICLE_HEADLINE);
    await expect(main(page).getByRole('alert')).toHaveCount(0);
  });

  test(`rails when ${what}: the article still renders and the rails retry`, async ({ page }) => {
    await page.route(RAILS_API, fail);
    await page.goto(ARTICLE);
    await expect(await heading(page)).toHaveText(ARTICLE_HEADLINE);
    const alert = page.getByRole('complementary').getByRole('alert');
    await expect(alert).toContainText(message);
    await page.unroute(RAILS_API);
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect(rails(page).getByRole('heading', { name: 'Latest news' })).toBeVisible();
  });
}

test('a request that takes too long times out with a message, and retry recovers', async ({ page, consoleErrors }) => {
  // The timeout is a runtime setting in index.html; a short one keeps the test quick.
  await asStaticHost(page, (html) => html.replace('<head>', '<head><meta name="broadsheet-timeout-ms" content="1500">'));
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => { release = resolve; });
  await page.route(ARTICLE_API, async (route) => {
    await held;
    await route.abort().catch(() => {});
  });
  await page.goto(ARTICLE);
  const alert = main(page).getByRole('alert');
  await expect(alert).toContainText(/taking too long/);
  await page.unroute(ARTICLE_API);
  release();
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(await heading(page)).toHaveText(ARTICLE_HEADLINE);
  // Only the browser's own report of the aborted request, nothing from the app.
  expect(consoleErrors.filter((e) => !/Failed to load resource|net::ERR/.test(e))).toEqual([]);
});

test('failing comments leave the article readable', async ({ page }) => {
  await page.route(`${ARTICLE_API}/comments`, (r) => r.fulfill({ status: 500, body: '' }));
  await page.goto(ARTICLE);
  await expect(await heading(page)).toHaveText(ARTICLE_HEADLINE);
  await expect(main(page).getByRole('region', { name: 'Comments' }).getByRole('alert')).toBeVisible();
  await expect(main(page).locator('blockquote')).toBeVisible();
});

test('a 404 from the API shows the not-found page', async ({ page }) => {
  await page.route(ARTICLE_API, (r) => r.fulfill({ status: 404, contentType: 'application/json',
    body: '{"error":{"code":"not_found","message":"gone"}}' }));
  await page.goto(ARTICLE);
  await expect(await heading(page)).toHaveText('Page not found');
});

// A static host with no content API behind it answers the app's requests with its own pages: a 404 page, or
// index.html for every path. The reader is told the news service is not answering, not that the page is missing.
for (const [host, answer] of [
  ['a 404 page', { status: 404, contentType: 'text/html', body: '<!doctype html><title>404</title><h1>Not Found</h1>' }],
  ['index.html for every path', { status: 200, contentType: 'text/html', body: '<!doctype html><html><body></body></html>' }],
] as const) {
  test(`with no content API (the host answers ${host}), pages say the news service is not answering`, async ({ page }) => {
    await page.route('**/api/v1/**', (r) => r.fulfill(answer));
    for (const path of ['/', ARTICLE]) {
      await page.goto(path);
      const alert = main(page).getByRole('alert');
      await expect(alert).toContainText("Broadsheet's news service isn't answering here");
      await expect(alert).not.toContainText(/couldn't find|couldn't read/);
      await expect(alert.getByRole('button', { name: 'Try again' })).toBeVisible();
      await expect(sectionNav(page).getByRole('link', { name: 'Latest' })).toBeVisible();
    }
  });
}

test('a failing section list leaves the navigation links to home and latest', async ({ page }) => {
  await page.route('**/api/v1/sections', (r) => r.abort('failed'));
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Top stories' })).toBeVisible();
  await expect(sectionNav(page).getByRole('link', { name: 'Latest' })).toBeVisible();
});
