import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, main, rails, heading, ARTICLE, SECTION } from './fixtures';

// Most read as a reader meets it: one count per article view sent by the app, none for automated browsers or a
// reader who said no (on the privacy notice, or with Global Privacy Control), and the list at the end of the rails.

/** The article paths the app sent counts for. */
function counts(page: Page): string[] {
  const sent: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/reads') sent.push(r.postData() || '');
  });
  return sent;
}

/** A browser nobody automates, as far as the page can tell (Playwright's says `navigator.webdriver`). */
async function asAReader(page: Page) {
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false }));
}

/** Clicks the first headline in the main column that leads to an article other than `not`; its path. */
async function openAnArticle(page: Page, not = ''): Promise<string> {
  const links = main(page).getByRole('article').getByRole('heading').getByRole('link');
  await expect(links.first()).toBeVisible();
  for (const link of await links.all()) {
    const href = (await link.getAttribute('href'))!;
    if (href !== not) {
      await link.click();
      await expect(page).toHaveURL(new RegExp(`${href}$`));
      await heading(page);
      return href;
    }
  }
  throw new Error('no other article listed');
}

test('each article a reader opens is counted once, on its first paint and on client-side navigation', async ({ page, consoleErrors }) => {
  await asAReader(page);
  const sent = counts(page);
  await page.goto(ARTICLE);
  await expect(page.locator('#prerender')).toHaveCount(0);
  await expect.poll(() => sent).toEqual([ARTICLE]);
  // A listing is not counted; the next article is.
  await sectionLink(page).click();
  await heading(page);
  const next = await openAnArticle(page, ARTICLE);
  await expect.poll(() => sent).toEqual([ARTICLE, next]);
  // Back to the same article at once: a repeat, not sent.
  await page.goBack();
  await heading(page);
  await page.goForward();
  await heading(page);
  await page.waitForLoadState('networkidle');
  expect(sent).toEqual([ARTICLE, next]);
  expect(consoleErrors).toEqual([]);
});

const sectionLink = (page: Page) => page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Housing' });

test('an automated browser sends no count', async ({ page }) => {
  const sent = counts(page);
  await page.goto(ARTICLE);
  await expect(page.locator('#prerender')).toHaveCount(0);
  await page.waitForLoadState('networkidle');
  expect(sent).toEqual([]);
});

test('a reader who says no on the privacy notice, or whose browser sends Global Privacy Control, is not counted', async ({ page, context }) => {
  await asAReader(page);
  const sent = counts(page);
  await page.goto('/privacy#counting');
  const status = page.locator('.reads-choice [role=status]');
  await expect(status).toHaveText(/is counted/);
  await page.getByRole('button', { name: 'Do not count my reading' }).click();
  await expect(status).toHaveText('Your reading on this device is not counted.');
  await page.goto(ARTICLE);
  await expect(page.locator('#prerender')).toHaveCount(0);
  await page.waitForLoadState('networkidle');
  expect(sent).toEqual([]);
  // Changing their mind counts them again.
  await page.goto('/privacy');
  await page.getByRole('button', { name: 'Count my reading again' }).click();
  await page.goto(SECTION);
  await heading(page);
  const opened = await openAnArticle(page);
  await expect.poll(() => sent).toEqual([opened]);

  const gpc = await context.newPage();
  await asAReader(gpc);
  await gpc.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
  const sentWithGpc = counts(gpc);
  await gpc.goto(ARTICLE);
  await expect(gpc.locator('#prerender')).toHaveCount(0);
  await gpc.waitForLoadState('networkidle');
  expect(sentWithGpc).toEqual([]);
  await gpc.goto('/privacy');
  await expect(gpc.locator('.reads-choice [role=status]')).toHaveText(/Global Privacy Control/);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the most read list is the last rail, and axe finds nothing on it (${scheme})`, async ({ page, request }) => {
    await page.emulateMedia({ colorScheme: scheme });
    // The demo's articles are older than the list's week, so the answer is made from real teasers.
    const latest = await (await request.get('/api/v1/articles?limit=3')).json();
    const asked: string[] = [];
    await page.route('**/api/v1/most-read*', (route) => {
      asked.push(new URL(route.request().url()).searchParams.get('section') || '');
      return route.fulfill({
        json: { id: 'most_read', title: 'Most read', link: '/privacy#counting', link_label: 'How we count reads', items: latest.articles },
      });
    });
    await page.goto(SECTION);
    await heading(page);
    const box = rails(page).getByRole('region', { name: 'Most read' });
    await expect(box).toBeVisible();
    await expect(box.getByRole('link', { name: latest.articles[0].headline })).toBeVisible();
    await expect(box.getByRole('link', { name: /How we count reads/ })).toHaveAttribute('href', '/privacy#counting');
    // Last: nothing in the column moves when it arrives.
    const last = rails(page).locator('section.rail').last();
    await expect(last).toHaveClass(/rail-mostread/);
    // On a section's page, the section's own list.
    expect(asked).toContain('housing');
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect(results.violations).toEqual([]);
  });
}

test('with no counts the list is not shown', async ({ page }) => {
  await page.goto(SECTION);
  await heading(page);
  await page.waitForLoadState('networkidle');
  await expect(rails(page).getByRole('heading', { name: 'Latest news' })).toBeVisible();
  await expect(rails(page).getByRole('region', { name: 'Most read' })).toHaveCount(0);
});
