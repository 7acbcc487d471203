import AxeBuilder from '@axe-core/playwright';
import { test, expect, main, rails, sectionNav, heading, ARTICLE, SECTION } from './fixtures';

const pages: [string, string][] = [
  ['front page', '/'],
  ['section', SECTION],
  ['article', ARTICLE],
  ['not-found page', '/no/such/page'],
  ['saved articles page', '/saved'],
  ['page for partners', '/embed'],
  ['topic page', '/topics/council-housing'],
  ['author page', '/authors/priya-natarajan'],
  ['search results page', '/search?q=council%20housing'],
  ['search page with no results', '/search?q=zzqxv'],
];

for (const scheme of ['light', 'dark'] as const) {
  for (const [name, path] of pages) {
    test(`axe finds no WCAG 2.2 AA violations on the ${name} (${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await page.goto(path);
      await heading(page);
      await expect(rails(page).getByRole('heading', { name: 'Latest news' })).toBeVisible();
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
        .analyze();
      const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(summary).toEqual([]);
    });
  }
}

test('every page has the landmarks and exactly one h1', async ({ page }) => {
  for (const [, path] of pages) {
    await page.goto(path);
    await heading(page);
    await expect(page.getByRole('banner')).toHaveCount(1);
    await expect(sectionNav(page)).toHaveCount(1);
    await expect(page.getByRole('main')).toHaveCount(1);
    await expect(rails(page)).toHaveCount(1);
    await expect(page.getByRole('contentinfo')).toHaveCount(1);
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  }
});

test('keyboard only: skip link, section navigation, focus on the new heading', async ({ page }) => {
  await page.goto('/');
  await heading(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();

  // Tab from the top to the Housing link in the section navigation and follow it with Enter.
  const housing = sectionNav(page).getByRole('link', { name: 'Housing' });
  await housing.focus();
  // The focused link shows a visible focus indicator.
  const outline = await housing.evaluate((el) => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth);
  expect(outline).not.toMatch(/^none|0px$/);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(SECTION);
  const h1 = await heading(page);
  await expect(h1).toHaveText('Housing');
  await expect(h1).toBeFocused();
  await expect(page).toHaveTitle(/^Housing/);

  // Onward to an article, by keyboard.
  const first = main(page).getByRole('article').first().getByRole('link').first();
  await first.focus();
  await page.keyboard.press('Enter');
  const articleH1 = await heading(page);
  await expect(articleH1).toBeFocused();
  await expect(page).toHaveTitle(new RegExp((await articleH1.textContent())!.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
});

test('the first load leaves focus at the top of the document', async ({ page }) => {
  await page.goto(SECTION);
  await heading(page);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
});

for (const width of [320, 375, 768, 1280, 1440]) {
  test(`no horizontal scrolling at ${width} px; rails ${width >= 1000 ? 'beside' : 'below'} the main column`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(ARTICLE);
    await heading(page);
    await expect(rails(page).getByRole('heading', { name: 'Latest news' })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const m = (await main(page).boundingBox())!;
    const r = (await rails(page).boundingBox())!;
    if (width >= 1000) {
      expect(r.x).toBeGreaterThanOrEqual(m.x + m.width - 1);
    } else {
      expect(r.y).toBeGreaterThanOrEqual(m.y + m.height - 1);
    }
  });
}
