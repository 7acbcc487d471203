import AxeBuilder from '@axe-core/playwright';
import { test, expect, main, heading } from './fixtures';
import { EDITOR_TOKEN } from './editor';

// Each test comments on its own article, so parallel workers do not see each other's comments.
const pick = async (request: any, index: number) => {
  const listing = await (await request.get('/api/v1/articles?limit=50&kind=news')).json();
  const t = listing.articles[10 + index];
  return `/${t.section.slug}/${t.slug}`;
};
const form = (page: any) => main(page).locator('form.comment-form');
const editor = { Authorization: `Bearer ${EDITOR_TOKEN}` };

test('post, wait for moderation, approved by an editor, then shown to readers', async ({ page, request, consoleErrors }) => {
  const path = await pick(request, 0);
  const text = `A reader's view ${Date.now()}\non two lines`;
  await page.goto(path);
  await heading(page);
  await form(page).getByLabel('Your name').fill('Pat Reader');
  await form(page).getByLabel('Your comment').fill(text);
  const history = await page.evaluate(() => history.length);
  await form(page).getByRole('button', { name: 'Post comment' }).click();
  await expect(form(page).getByRole('status')).toContainText('once an editor has approved it');
  await expect(form(page).getByLabel('Your comment')).toHaveValue('');
  // Posting is not a navigation: the reader stays at the form, where the message is, with no new history entry.
  await expect(form(page).getByRole('status')).toBeInViewport();
  expect(await page.evaluate(() => history.length)).toBe(history);

  const pending = await (await request.get('/api/v1/moderation/comments', { headers: editor })).json();
  const mine = pending.comments.find((c: any) => c.body === text);
  expect(mine.article).toBe(path);
  expect((await request.post(`/api/v1/moderation/comments/${mine.id}/approve`, { headers: editor })).status()).toBe(204);

  await page.reload();
  const item = main(page).locator('.comment-list li', { hasText: 'Pat Reader' });
  await expect(item).toBeVisible();
  await expect(item.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
  // Line breaks are kept; the text is text.
  expect(await item.locator('.comment-body').evaluate((el) => el.textContent)).toBe(text);
  expect(await item.locator('.comment-body').evaluate((el) => (el as HTMLElement).innerText.split('\n').length)).toBe(2);
  expect(consoleErrors).toEqual([]);
});

test('mistakes are shown beside their fields and focus goes to the first', async ({ page, request }) => {
  await page.goto(await pick(request, 1));
  await heading(page);
  await form(page).getByRole('button', { name: 'Post comment' }).click();
  const name = form(page).getByLabel('Your name');
  await expect(name).toBeFocused();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toHaveAccessibleDescription(/Enter the name to show with your comment/);
  await expect(form(page).getByLabel('Your comment')).toHaveAccessibleDescription(/Write your comment/);

  await name.fill('Pat');
  await form(page).getByLabel('Your comment').fill('see https://a.example https://b.example https://c.example www.d.example');
  await form(page).getByRole('button', { name: 'Post comment' }).click();
  await expect(form(page).getByLabel('Your comment')).toBeFocused();
  await expect(form(page).getByLabel('Your comment')).toHaveAccessibleDescription(/at most 3 links/);
  await expect(name).not.toHaveAttribute('aria-invalid', 'true');
});

test('with the API down the draft is kept through a reload, and posting later works once', async ({ page, request }) => {
  const path = await pick(request, 2);
  const text = `Written on a train ${Date.now()}`;
  await page.goto(path);
  await heading(page);
  await form(page).getByLabel('Your name').fill('Sam Commuter');
  await form(page).getByLabel('Your comment').fill(text);
  await page.route('**/comments', (route) =>
    route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.fallback());
  await form(page).getByRole('button', { name: 'Post comment' }).click();
  await expect(form(page).getByRole('status')).toContainText(/couldn't reach Broadsheet.*saved/);
  await expect(form(page).getByLabel('Your comment')).toHaveValue(text);

  await page.reload();
  await heading(page);
  await expect(form(page).getByLabel('Your name')).toHaveValue('Sam Commuter');
  await expect(form(page).getByLabel('Your comment')).toHaveValue(text);

  // The API is back, but slow: a second click while the first post is on its way posts nothing more.
  await page.unroute('**/comments');
  let posts = 0;
  await page.route('**/comments', async (route) => {
    if (route.request().method() !== 'POST') return route.fallback();
    posts += 1;
    await new Promise((resolve) => setTimeout(resolve, 800));
    await route.continue();
  });
  const button = form(page).locator('button[type="submit"]');
  await button.click();
  await expect(button).toHaveText('Posting…');
  await button.click({ force: true });
  await expect(form(page).getByRole('status')).toContainText('approved');
  expect(posts).toBe(1);
  const pending = await (await request.get('/api/v1/moderation/comments', { headers: editor })).json();
  expect(pending.comments.filter((c: any) => c.body === text)).toHaveLength(1);

  await page.reload();
  await heading(page);
  await expect(form(page).getByLabel('Your comment')).toHaveValue('');
});

test('a rate-limited post says when to try again and keeps the text', async ({ page, request }) => {
  await page.goto(await pick(request, 3));
  await heading(page);
  await page.route('**/comments', (route) => route.request().method() === 'POST'
    ? route.fulfill({ status: 429, headers: { 'Retry-After': '300', 'Content-Type': 'application/json' },
        body: '{"error":{"code":"rate_limited","message":"slow down"}}' })
    : route.fallback());
  await form(page).getByLabel('Your name').fill('Quick Typist');
  await form(page).getByLabel('Your comment').fill('Again and again');
  await form(page).getByRole('button', { name: 'Post comment' }).click();
  await expect(form(page).getByRole('status')).toContainText('try again in 5 minutes');
  await expect(form(page).getByLabel('Your comment')).toHaveValue('Again and again');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`axe finds no violations on the form with its errors (${scheme})`, async ({ page, request }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(await pick(request, 4));
    await heading(page);
    await form(page).getByRole('button', { name: 'Post comment' }).click();
    await expect(form(page).locator('.field-error')).toHaveCount(2);
    const results = await new AxeBuilder({ page }).include('.comments')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}
