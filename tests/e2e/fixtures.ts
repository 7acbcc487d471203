import { test as base, expect, Page } from '@playwright/test';

/// Pages that the tests visit: a known article with comments, one without, and a section.
export const ARTICLE = '/transport/tyneford-bus-franchising-goes-live';
export const ARTICLE_HEADLINE = /Tyneford's franchised buses/;
export const SECTION = '/housing';

/// A `page` that records console errors and uncaught exceptions; `consoleErrors` lists them.
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
    page.on('pageerror', (err) => errors.push(String(err)));
    await use(errors);
  },
});
export { expect };

/// The page's main landmark, where the routed page renders.
export const main = (page: Page) => page.getByRole('main');
/// The rails' complementary region.
export const rails = (page: Page) => page.getByRole('complementary', { name: 'More from Broadsheet' });
/// The section navigation in the masthead.
export const sectionNav = (page: Page) => page.getByRole('navigation', { name: 'Sections' });

/// Waits until the page's one h1 is rendered by the app (which has taken the place of the server's HTML, if the
/// page came with it) and returns it. A page the server alone serves (no app script: the newsletter's, the page
/// for partners) is its HTML.
export async function heading(page: Page) {
  if (await page.locator('script[type="module"]').count() > 0) await expect(page.locator('#prerender')).toHaveCount(0);
  const h1 = main(page).getByRole('heading', { level: 1 });
  await expect(h1).toHaveCount(1);
  return h1;
}

/// Serves every page as a plain static host would: index.html as built, without the article HTML and API answers
/// the reference server writes into it, so that the app fetches everything itself. `edit` may change the HTML.
export async function asStaticHost(page: Page, edit: (html: string) => string = (html) => html) {
  await page.route('**/*', async (route) => {
    if (route.request().resourceType() !== 'document') return route.fallback();
    const res = await route.fetch({ url: new URL('/index.html', route.request().url()).href });
    await route.fulfill({ response: res, body: edit(await res.text()) });
  });
}
