import AxeBuilder from '@axe-core/playwright';
import { Page, FrameLocator } from '@playwright/test';
import { test, expect } from './fixtures';
import { partnerSite, widgetPage } from './partner';

const APP = `http://127.0.0.1:${process.env.BROADSHEET_E2E_PORT}`;
const div = (section: string, attrs = '') =>
  `<div data-broadsheet-widget data-section="${section}" ${attrs}><a href="${APP}/${section}">${section} news on Broadsheet</a></div>`;

/// The iframe's height on the partner page and its document's height inside, once both have settled.
async function heights(page: Page, index: number) {
  const frame = page.locator('iframe').nth(index);
  const outer = (await frame.boundingBox())!.height;
  const inner = await frame.contentFrame().locator('html').evaluate((el) => el.getBoundingClientRect().height);
  return { outer, inner };
}

async function expectFitted(page: Page, index: number) {
  await expect.poll(async () => {
    const { outer, inner } = await heights(page, index);
    return Math.abs(outer - inner) <= 2 && outer !== 320;
  }).toBe(true);
}

const widget = (page: Page, index = 0): FrameLocator => page.frameLocator('iframe').nth(index);

test('a partner page on another origin shows the requested headlines, sized to fit', async ({ page, context, request, consoleErrors }) => {
  const site = await partnerSite({ '/': widgetPage(APP, div('housing', 'data-limit="3" data-theme="light"')) });
  try {
    await page.goto(site.origin + '/');
    const frame = page.locator('iframe');
    await expect(frame).toHaveAttribute('title', 'Latest headlines: housing news on Broadsheet');
    await expect(frame).toHaveAttribute('loading', 'lazy');
    expect(await frame.getAttribute('sandbox')).not.toContain('allow-top-navigation');
    const listing = await (await request.get(`${APP}/api/v1/sections/housing?limit=3`)).json();
    const headlines = widget(page).getByRole('listitem').getByRole('link');
    await expect(headlines).toHaveText(listing.articles.map((a: { headline: string }) => a.headline));
    await expect(widget(page).getByRole('heading', { level: 1, name: 'Housing' })).toBeVisible();
    await expectFitted(page, 0);

    // A theme change on the div switches the widget in place, and the height still fits.
    await page.locator('[data-broadsheet-widget]').evaluate((el) => el.setAttribute('data-theme', 'dark'));
    await expect(widget(page).locator('html')).toHaveAttribute('data-theme', 'dark');
    const bg = await widget(page).locator('html').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).toBe('rgb(18, 20, 23)');
    await expectFitted(page, 0);

    // No cookies on either origin, nothing stored by the widget.
    const state = await context.storageState();
    expect(state.cookies).toEqual([]);
    expect(state.origins).toEqual([]);
    expect(await widget(page).locator('html').evaluate(() => document.cookie)).toBe('');
    expect(consoleErrors).toEqual([]);
  } finally {
    await site.close();
  }
});

test('messages from a foreign origin, or about another frame, are ignored', async ({ page }) => {
  const site = await partnerSite({ '/': widgetPage(APP, div('finance', 'data-limit="4"')) });
  try {
    await page.goto(site.origin + '/');
    await expectFitted(page, 0);
    const before = (await heights(page, 0)).outer;
    const id = new URL((await page.locator('iframe').getAttribute('src'))!).searchParams.get('id');
    // From the partner page itself (a foreign origin for the loader), with the right id.
    await page.evaluate((id) => window.postMessage({ type: 'broadsheet:height', id, height: 40 }, '*'), id);
    // From a third origin's frame.
    await page.evaluate((id) => {
      const f = document.createElement('iframe');
      f.src = 'data:text/html,<script>parent.postMessage({type:"broadsheet:height",id:"' + id + '",height:41},"*")</script>';
      document.body.appendChild(f);
    }, id);
    await page.waitForTimeout(300);
    expect((await heights(page, 0)).outer).toBe(before);
  } finally {
    await site.close();
  }
});

test('two widgets on one page size independently, and a headline opens the article on Broadsheet', async ({ page, context }) => {
  const site = await partnerSite({
    '/': widgetPage(APP, div('education', 'data-limit="2"') + div('transport', 'data-limit="6" data-standfirst="1"')),
  });
  try {
    await page.goto(site.origin + '/');
    await expect(widget(page, 0).getByRole('listitem')).toHaveCount(2);
    await expect(widget(page, 1).getByRole('listitem')).toHaveCount(6);
    await expectFitted(page, 0);
    await expectFitted(page, 1);
    const [small, large] = [(await heights(page, 0)).outer, (await heights(page, 1)).outer];
    expect(large).toBeGreaterThan(small + 150);

    const first = widget(page, 1).getByRole('listitem').first().getByRole('link');
    const headline = (await first.textContent())!;
    const [tab] = await Promise.all([context.waitForEvent('page'), first.click()]);
    await tab.waitForLoadState();
    expect(tab.url()).toMatch(new RegExp(`^${APP}/transport/[a-z0-9-]+$`));
    await expect(tab.getByRole('main').getByRole('heading', { level: 1 })).toHaveText(headline);
    expect(page.url()).toBe(site.origin + '/');
  } finally {
    await site.close();
  }
});

test('a plain iframe without the loader still shows the widget', async ({ page }) => {
  const site = await partnerSite({
    '/': `<!doctype html><title>Plain</title><iframe src="${APP}/embed/workforce?limit=2" title="Workforce headlines" width="100%" height="300" style="border:0"></iframe>`,
  });
  try {
    await page.goto(site.origin + '/');
    await expect(page.frameLocator('iframe').getByRole('listitem')).toHaveCount(2);
    expect((await page.locator('iframe').boundingBox())!.height).toBe(300);
  } finally {
    await site.close();
  }
});

test('an unknown section shows a message and a link, not a blank box', async ({ page }) => {
  const site = await partnerSite({ '/': widgetPage(APP, div('no-such-section')) });
  try {
    await page.goto(site.origin + '/');
    await expect(widget(page).getByText('does not have')).toBeVisible();
    await expect(widget(page).getByRole('link', { name: 'Read the news on Broadsheet' })).toHaveAttribute('target', '_blank');
    await expectFitted(page, 0);
  } finally {
    await site.close();
  }
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds no violations inside the widget (${theme})`, async ({ page }) => {
    await page.goto(`/embed/housing?limit=5&images=1&standfirst=1&theme=${theme}`);
    await expect(page.getByRole('listitem')).toHaveCount(5);
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
      .analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}

test('the partners page builds the snippet, previews it and announces the copy', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/embed');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Broadsheet headlines on your site');
  // A server page: no app, and the page says so in its own markup.
  await expect(page.locator('script[type="module"]')).toHaveCount(0);
  await page.getByLabel('Section', { exact: true }).selectOption({ label: 'Finance' });
  await page.getByLabel('Headlines').fill('3');
  await page.getByLabel('Theme').selectOption('dark');
  await page.getByLabel('Date').uncheck();
  await page.getByRole('button', { name: 'Show preview and snippet' }).click();
  await expect(page).toHaveURL(/\/embed\?chosen=1&section=finance&limit=3&theme=dark$/);
  // What was chosen stays chosen.
  await expect(page.getByLabel('Section', { exact: true })).toHaveValue('finance');
  await expect(page.getByLabel('Headlines')).toHaveValue('3');
  await expect(page.getByLabel('Date')).not.toBeChecked();
  const preview = page.frameLocator('iframe[title="Preview of your widget"]');
  await expect(preview.getByRole('heading', { level: 1 })).toHaveText('Finance');
  await expect(preview.getByRole('listitem')).toHaveCount(3);
  await expect(preview.locator('time')).toHaveCount(0);
  const snippet = page.getByLabel('Your snippet');
  await expect(snippet).toHaveText(/data-section="finance" data-limit="3" data-theme="dark" data-dates="0"/);
  await expect(snippet).toHaveText(new RegExp(`<script src="${APP}/embed.js" async></script>`));
  await page.getByRole('button', { name: 'Copy snippet' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Snippet copied' })).toHaveText('Snippet copied to the clipboard.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await snippet.textContent());
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the partners page still builds the snippet, with the copy left to the reader', async ({ page }) => {
    await page.goto('/embed');
    await page.getByLabel('Headlines').fill('2');
    await page.getByRole('button', { name: 'Show preview and snippet' }).click();
    await expect(page.getByLabel('Your snippet')).toHaveText(/data-limit="2"/);
    await expect(page.getByRole('button', { name: 'Copy snippet' })).toBeHidden();
  });
});

test('a link to the partners page inside the app is answered by the server', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('#prerender')).toHaveCount(0);
  await page.getByRole('contentinfo').getByRole('link', { name: 'Our headlines on your site' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Broadsheet headlines on your site');
  await expect(page.getByLabel('Your snippet')).toHaveText(/data-broadsheet-widget/);
});
