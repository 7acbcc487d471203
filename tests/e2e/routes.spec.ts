import { test, expect, main, rails, sectionNav, heading, ARTICLE, ARTICLE_HEADLINE, SECTION } from './fixtures';

// Every route renders by deep link (a reload is the same request), with the rails and navigation around it.
const deepLinks: [string, RegExp][] = [
  ['/', /front page/],
  [SECTION, /^Housing$/],
  ['/latest?page=2', /^Latest news$/],
  [ARTICLE, ARTICLE_HEADLINE],
  ['/latest', /Latest news/],
  ['/kinds/interview', /Interviews/],
];
for (const [path, h1] of deepLinks) {
  test(`deep link to ${path}`, async ({ page, consoleErrors }) => {
    await page.goto(path);
    await expect(await heading(page)).toHaveText(h1);
    await expect(rails(page).getByRole('heading', { name: 'Latest news' })).toBeVisible();
    await page.reload();
    await expect(await heading(page)).toHaveText(h1);
    expect(consoleErrors).toEqual([]);
  });
}

test('clicking through front page, section, article and rail moves without reloading', async ({ page, consoleErrors }) => {
  await page.goto('/');
  await heading(page);
  // A marker on window survives client-side navigation and disappears on a full page load.
  await page.evaluate(() => { (window as any).__spa = true; });

  await sectionNav(page).getByRole('link', { name: 'Housing' }).click();
  await expect(page).toHaveURL(SECTION);
  await expect(await heading(page)).toHaveText('Housing');
  await expect(sectionNav(page).getByRole('link', { name: 'Housing' })).toHaveAttribute('aria-current', 'page');

  const teaser = main(page).getByRole('article').first().getByRole('link').first();
  const headline = (await teaser.textContent())!.trim();
  await teaser.click();
  await expect(page).toHaveURL(/^[^?]*\/housing\/[a-z0-9-]+$/);
  await expect(await heading(page)).toHaveText(headline);
  await expect(sectionNav(page).getByRole('link', { name: 'Housing' })).toHaveAttribute('aria-current', 'page');

  await main(page).locator('.kicker a').click();
  await expect(page).toHaveURL(SECTION);

  await rails(page).getByRole('link', { name: 'More interviews' }).click();
  await expect(page).toHaveURL('/kinds/interview');
  await expect(await heading(page)).toHaveText('Interviews');

  await sectionNav(page).getByRole('link', { name: 'Home' }).click();
  await expect(page).toHaveURL('/');
  expect(await page.evaluate(() => (window as any).__spa)).toBe(true);
  expect(consoleErrors).toEqual([]);
});

test('pagination puts the page in the URL and moves between pages', async ({ page }) => {
  await page.goto('/latest');
  const pager = main(page).getByRole('navigation', { name: 'Pages' });
  await expect(pager).toContainText('Page 1 of');
  const first = await main(page).getByRole('article').first().textContent();
  await pager.getByRole('link', { name: /Older/ }).click();
  await expect(page).toHaveURL('/latest?page=2');
  await expect(pager).toContainText('Page 2 of');
  await expect(main(page).getByRole('article').first()).not.toHaveText(first!);
  await pager.getByRole('link', { name: /Newer/ }).click();
  await expect(page).toHaveURL('/latest');
  await expect(main(page).getByRole('article').first()).toHaveText(first!);
});

test('internal links are real links that open in a new tab', async ({ page, context }) => {
  await page.goto(SECTION);
  const link = main(page).getByRole('article').first().getByRole('link').first();
  const href = await link.getAttribute('href');
  expect(href).toMatch(/^\/housing\/[a-z0-9-]+$/);
  const [tab] = await Promise.all([
    context.waitForEvent('page'),
    link.click({ modifiers: ['ControlOrMeta'] }),
  ]);
  await tab.waitForLoadState();
  expect(new URL(tab.url()).pathname).toBe(href);
  await expect(tab.getByRole('main').getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page).toHaveURL(SECTION);
});

test('back restores the scroll position; a new page starts at the top', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 700 });
  await page.goto('/latest');
  await heading(page);
  const target = main(page).getByRole('article').nth(9).getByRole('link').first();
  await page.mouse.wheel(0, 1200);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(1200);
  const before = 1200;

  await target.click();
  await heading(page);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);

  await page.goBack();
  await expect(page).toHaveURL('/latest');
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(before - 5);
  expect(await page.evaluate(() => window.scrollY)).toBeLessThan(before + 5);

  await page.goForward();
  await expect(await heading(page)).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeLessThan(5);
});

const notFound: [string, string][] = [
  ['an unknown path', '/this/path/does/not/exist'],
  ['an unknown section', '/no-such-section'],
  ['an unknown article', '/housing/no-such-article'],
  ['an unknown kind', '/kinds/gossip'],
  ['a slug that is not a slug', '/housing/%3Cscript%3E'],
];
for (const [what, path] of notFound) {
  test(`not-found page for ${what}`, async ({ page }) => {
    await page.goto(path);
    await expect(await heading(page)).toHaveText('Page not found');
    await expect(page).toHaveTitle(/Page not found/);
    await expect(main(page).getByRole('link', { name: 'Go to the front page' })).toHaveAttribute('href', '/');
    await expect(rails(page).getByRole('heading', { name: 'Latest news' })).toBeVisible();
  });
}
