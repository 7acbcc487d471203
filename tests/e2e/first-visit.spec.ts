import { test, expect, main, heading, rails, ARTICLE, ARTICLE_HEADLINE, SECTION } from './fixtures';

// First visits: the reference server sends an article as HTML with the data the app needs, and the app takes
// the page over without a second request for it, a second heading, or a layout shift.

test('an article can be read before any script runs', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(ARTICLE);
  await expect(page).toHaveTitle(ARTICLE_HEADLINE);
  await expect(main(page).getByRole('heading', { level: 1 })).toHaveText(ARTICLE_HEADLINE);
  const body = main(page).locator('.article-body p').first();
  await expect(body).toBeVisible();
  expect((await body.textContent())!.length).toBeGreaterThan(40);
  await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Transport' }))
    .toHaveAttribute('aria-current', 'page');
  await context.close();
});

for (const viewport of [{ width: 412, height: 823 }, { width: 1280, height: 800 }]) test(`the app takes an article over without waiting for the API, with one heading and nothing moving (${viewport.width} px)`, async ({ page, consoleErrors }) => {
  await page.setViewportSize(viewport);
  const articleApi = `**/api/v1/articles${ARTICLE}`;
  let answered = false;
  // Hold the API's answer back: the page must be complete without it.
  await page.route(articleApi, async (route) => {
    await new Promise((r) => setTimeout(r, 3000));
    answered = true;
    await route.continue();
  });
  await page.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', () => { (window as any).__started = performance.now(); });
    (window as any).__shift = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as any[]) if (!e.hadRecentInput) (window as any).__shift += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
    // Where the server's headline and lead image are, before the app replaces them.
    addEventListener('load', () => {
      const at = (s: string) => JSON.stringify(document.querySelector(s)!.getBoundingClientRect());
      (window as any).__before = ['h1', 'figure img', '.article-body p'].map((s) => at(`#prerender main ${s}`));
    });
  });
  await page.goto(ARTICLE);
  await expect(page.locator('#prerender')).toHaveCount(0);
  // The app started once the article was painted, whichever element is the largest, not at the 3 s fallback.
  expect(await page.evaluate(() => (window as any).__started)).toBeLessThan(3000);
  await expect(await heading(page)).toHaveText(ARTICLE_HEADLINE);
  await expect(page.getByRole('main')).toHaveCount(1);
  await expect(rails(page).getByRole('heading', { name: 'Latest news' })).toBeVisible();
  // The app's own parts are there: the save button and the comments.
  await expect(page.getByRole('button', { name: 'Save for offline' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Comments', level: 2 })).toBeVisible();
  expect(answered).toBe(false);
  expect(await page.evaluate(() => (window as any).__shift)).toBe(0);
  // The app's headline, lead image and first paragraph are exactly where the server's were: nothing jumps.
  const after = await page.evaluate(() => ['h1', 'figure img', '.article-body p']
    .map((s) => JSON.stringify(document.querySelector(`main ${s}`)!.getBoundingClientRect())));
  expect(after).toEqual(await page.evaluate(() => (window as any).__before));
  // The data is used once: a client-side visit to another page and back still works.
  await rails(page).getByRole('link').first().click();
  await expect(await heading(page)).not.toHaveText(ARTICLE_HEADLINE);
  await page.goBack();
  await expect(await heading(page)).toHaveText(ARTICLE_HEADLINE);
  expect(consoleErrors).toEqual([]);
});

test('until the app can show the article itself, the server\'s stays, and its links are plain links', async ({ page }) => {
  // The page without the article's data, and an API that does not answer: the app cannot build the article.
  await page.route(ARTICLE, async (route) => {
    const response = await route.fetch();
    const html = (await response.text())
      .replace(/<script type="application\/json" data-broadsheet-path="\/articles[^"]*">[\s\S]*?<\/script>/, '');
    await route.fulfill({ response, body: html });
  });
  await page.route(`**/api/v1/articles${ARTICLE}`, () => {});
  await page.goto(ARTICLE);
  await page.waitForFunction(() => document.getElementById('app'));
  await page.waitForTimeout(2500); // past the app's 2 s second look
  await expect(page.locator('#prerender')).toHaveCount(1);
  await expect(main(page).getByRole('heading', { level: 1 })).toHaveText(ARTICLE_HEADLINE);
  // A link in the server's HTML loads its page as any link does (a new document), not inside the hidden app.
  await page.evaluate(() => { (window as any).__samePage = true; });
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Housing' }).click();
  await expect(await heading(page)).toHaveText('Housing');
  expect(await page.evaluate(() => (window as any).__samePage)).toBeUndefined();
});

test('the front page and a section render from the data that came with them', async ({ page }) => {
  // The API never answers: whatever the pages show came with them.
  await page.route('**/api/v1/{front,sections,rails,sections/housing}*', () => {});
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Top stories' })).toBeVisible();
  await expect(rails(page).getByRole('heading', { name: 'Latest news' })).toBeVisible();
  await page.goto(SECTION);
  await expect(await heading(page)).toHaveText('Housing');
  await expect(main(page).getByRole('article').first()).toBeVisible();
});
