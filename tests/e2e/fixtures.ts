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

/// Waits until the page's one h1 is rendered and returns it.
export async function heading(page: Page) {
  const h1 = main(page).getByRole('heading', { level: 1 });
  await expect(h1).toHaveCount(1);
  return h1;
}
