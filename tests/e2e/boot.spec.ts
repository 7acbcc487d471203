import { test, expect, rails, sectionNav } from './fixtures';

// The served app boots in Chromium, renders the front page from the API, and logs no console errors.
test('the app boots with no console errors', async ({ page, consoleErrors }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Top stories' })).toBeVisible();
  await expect(sectionNav(page).getByRole('link', { name: 'Housing' })).toBeVisible();
  await expect(rails(page).getByRole('heading', { name: 'Latest news' })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});
