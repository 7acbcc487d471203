import { test, expect } from '@playwright/test';

// The served app boots in Chromium, renders the front page from the API, and logs no console errors.
test('the app boots with no console errors', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(String(err)));
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Top stories' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Housing' })).toBeVisible();
  await expect(page.getByRole('complementary').getByRole('heading', { name: 'Latest news' })).toBeVisible();
  expect(errors).toEqual([]);
});
