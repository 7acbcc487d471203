// Topics and authors reached as a reader reaches them: from an article's topics and byline, in the app (client
// navigation), with the page's head kept right; and their feeds announced in the head.
import { test, expect, main, heading, ARTICLE } from './fixtures';

const ldTypes = (page: import('@playwright/test').Page) => page.evaluate(() =>
  Array.from(document.querySelectorAll('head script[type="application/ld+json"]'))
    .map((s) => JSON.parse(s.textContent || '{}')['@type']));

test('an article\'s topic leads to the topic\'s page, and back', async ({ page, consoleErrors }) => {
  await page.goto(ARTICLE);
  await heading(page);
  const topics = main(page).getByRole('list', { name: 'Topics' });
  const link = topics.getByRole('link').first();
  const name = (await link.textContent())!.trim();
  await link.click();
  await expect(page).toHaveURL(/\/topics\/[a-z0-9-]+$/);
  const h1 = await heading(page);
  await expect(h1).toHaveText(name);
  await expect(h1).toBeFocused();
  // The article is among the topic's articles.
  await expect(main(page).locator(`a[href="${ARTICLE}"]`)).toHaveCount(1);
  await expect(page).toHaveTitle(`${name} | Broadsheet`);
  // The article's JSON-LD is gone; the topic's is in the server's HTML of its address.
  expect(await ldTypes(page)).toEqual([]);
  const feed = page.locator('head link[rel="alternate"][type="application/rss+xml"]');
  await expect(feed).toHaveAttribute('href', new RegExp(`/topics/[a-z0-9-]+/feed.xml$`));
  await page.goBack();
  await expect(await heading(page)).toHaveText(/Tyneford/);
  expect(consoleErrors).toEqual([]);
});

test('a byline leads to the author\'s page: who they are and what they wrote', async ({ page, request }) => {
  await page.goto(ARTICLE);
  await heading(page);
  await main(page).locator('.article-header .byline a[rel="author"]').click();
  await expect(page).toHaveURL(/\/authors\/gareth-llewellyn$/);
  const h1 = await heading(page);
  await expect(h1).toHaveText('Gareth Llewellyn');
  await expect(h1).toBeFocused();
  const api = await (await request.get('/api/v1/authors/gareth-llewellyn')).json();
  await expect(main(page)).toContainText(api.author.bio);
  await expect(main(page).locator('.teaser')).toHaveCount(api.articles.length);
  await expect(page.locator('meta[property="og:type"]')).toHaveAttribute('content', 'profile');
  expect(await ldTypes(page)).toEqual([]);
});

test('an author\'s later pages work from the pager, and a page past the last is not found', async ({ page, request }) => {
  const api = await (await request.get('/api/v1/authors/priya-natarajan?limit=12')).json();
  await page.goto('/authors/priya-natarajan');
  await heading(page);
  if (api.meta.pages > 1) {
    await main(page).getByRole('link', { name: 'Older ›' }).click();
    await expect(page).toHaveURL(/\/authors\/priya-natarajan\?page=2$/);
    await expect(await heading(page)).toHaveText('Priya Natarajan');
  }
  await page.goto(`/authors/priya-natarajan?page=${api.meta.pages + 1}`);
  await expect(await heading(page)).toHaveText('Page not found');
});
