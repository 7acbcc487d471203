import { test, expect, main, heading, SECTION } from './fixtures';

// Pointing at a headline, or tabbing to it, fetches the article before the click; the click then shows it at
// once, without another request.

test('hovering or focusing a headline fetches its article once, and the click needs no request', async ({ page, consoleErrors }) => {
  const asked: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/api/v1/articles/')) asked.push(path);
  });
  await page.goto(SECTION);
  await heading(page);
  const links = main(page).getByRole('article').getByRole('heading').getByRole('link');
  await expect(links.nth(1)).toBeVisible();
  const first = (await links.nth(0).getAttribute('href'))!;
  const second = (await links.nth(1).getAttribute('href'))!;
  expect(asked).toEqual([]);

  await links.nth(0).hover();
  await expect.poll(() => asked).toEqual([`/api/v1/articles${first}`]);
  await page.mouse.move(0, 0);
  await links.nth(0).hover();
  await links.nth(1).focus();
  await expect.poll(() => asked).toEqual([`/api/v1/articles${first}`, `/api/v1/articles${second}`]);
  // Let the prefetched answer arrive, then click: the article is there with no request of its own.
  await page.waitForLoadState('networkidle');
  await links.nth(0).click();
  await expect(page).toHaveURL(new RegExp(`${first}$`));
  await expect((await heading(page)).first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(asked.filter((p) => p === `/api/v1/articles${first}`)).toHaveLength(1);
  expect(consoleErrors).toEqual([]);
});

test('a click while the prefetch is still on its way waits for it instead of asking again', async ({ page, consoleErrors }) => {
  const asked: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/api/v1/articles/')) asked.push(path);
  });
  // A slow network: an article takes a second to arrive.
  await page.route('**/api/v1/articles/*/*', async (route) => {
    await new Promise((r) => setTimeout(r, 1000));
    await route.continue();
  });
  await page.goto(SECTION);
  await heading(page);
  const link = main(page).getByRole('article').getByRole('heading').getByRole('link').nth(2);
  const href = (await link.getAttribute('href'))!;
  const headline = (await link.textContent())!;
  await link.hover();
  await expect.poll(() => asked).toEqual([`/api/v1/articles${href}`]);
  await link.click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await expect(await heading(page)).toHaveText(headline);
  await page.waitForLoadState('networkidle');
  expect(asked.filter((p) => p === `/api/v1/articles${href}`)).toHaveLength(1);
  expect(consoleErrors).toEqual([]);
});
