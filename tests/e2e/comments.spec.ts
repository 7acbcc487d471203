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

test('the comment page takes a comment, an editor approves it, then readers see it', async ({ page, request, consoleErrors }) => {
  const path = await pick(request, 0);
  const text = `A reader's view ${Date.now()}\non two lines`;
  await page.goto(path);
  await heading(page);
  // The form is a page of the server's: the app links to it with a full navigation.
  await main(page).getByRole('link', { name: 'Add your comment' }).click();
  await expect(page).toHaveURL(new RegExp(`/comment${path}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Add your comment');
  await form(page).getByLabel('Your name').fill('Pat Reader');
  await form(page).getByLabel('Your comment').fill(text);
  await form(page).getByRole('button', { name: 'Post comment' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you for your comment');
  await expect(main(page).getByRole('status')).toContainText('once an editor has approved it');

  const pending = await (await request.get('/api/v1/moderation/comments', { headers: editor })).json();
  const mine = pending.comments.filter((c: any) => c.body === text);
  expect(mine).toHaveLength(1);
  expect(mine[0].article).toBe(path);
  expect((await request.post(`/api/v1/moderation/comments/${mine[0].id}/approve`, { headers: editor })).status()).toBe(204);

  await main(page).getByRole('link', { name: /^Back to/ }).click();
  const item = main(page).locator('.comment-list li', { hasText: 'Pat Reader' });
  await expect(item).toBeVisible();
  await expect(item.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
  // Line breaks are kept; the text is text.
  expect(await item.locator('.comment-body').evaluate((el) => el.textContent)).toBe(text);
  expect(await item.locator('.comment-body').evaluate((el) => (el as HTMLElement).innerText.split('\n').length)).toBe(2);
  expect(consoleErrors).toEqual([]);
});

test('mistakes come back with a summary, a message at each field and nothing typed lost', async ({ page, request }) => {
  const path = await pick(request, 1);
  await page.goto(`/comment${path}`);
  await form(page).getByRole('button', { name: 'Post comment' }).click();
  await expect(page).toHaveTitle(/^Error: /);
  const summary = main(page).getByRole('alert');
  await expect(summary.getByRole('link')).toHaveCount(2);
  const name = form(page).getByLabel('Your name');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toHaveAccessibleDescription(/Enter the name to show with your comment/);
  await expect(form(page).getByLabel('Your comment')).toHaveAccessibleDescription(/Write your comment/);
  // The summary's links go to the fields.
  await summary.getByRole('link').first().click();
  await expect(name).toBeFocused();

  await name.fill('Pat');
  const links = 'see https://a.example https://b.example https://c.example www.d.example';
  await form(page).getByLabel('Your comment').fill(links);
  await form(page).getByRole('button', { name: 'Post comment' }).click();
  await expect(form(page).getByLabel('Your comment')).toHaveAccessibleDescription(/at most 3 links/);
  await expect(form(page).getByLabel('Your comment')).toHaveValue(links);
  await expect(name).toHaveValue('Pat');
  await expect(name).not.toHaveAttribute('aria-invalid', 'true');
});

test.describe('without the wasm', () => {
  test.use({ javaScriptEnabled: false });

  test('the form works, and the same form sent twice is stored once', async ({ page, request }) => {
    const path = await pick(request, 2);
    const text = `Written on a train ${Date.now()}`;
    await page.goto(`/comment${path}`);
    await form(page).getByLabel('Your name').fill('Sam Commuter');
    await form(page).getByLabel('Your comment').fill(text);
    // A reader who sends again (a double click, a retry after a timeout) sends the form's key again.
    const key = await form(page).locator('input[name="key"]').inputValue();
    await form(page).getByRole('button', { name: 'Post comment' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you for your comment');
    const again = await request.post(`/comment${path}`, {
      form: { name: 'Sam Commuter', body: text, key, website: '' },
    });
    expect(again.status()).toBe(200);
    const pending = await (await request.get('/api/v1/moderation/comments', { headers: editor })).json();
    expect(pending.comments.filter((c: any) => c.body === text)).toHaveLength(1);
  });
});

for (const scheme of ['light', 'dark'] as const) {
  test(`axe finds no violations on the comment page with its errors (${scheme})`, async ({ page, request }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`/comment${await pick(request, 4)}`);
    await form(page).getByRole('button', { name: 'Post comment' }).click();
    await expect(form(page).locator('.field-error')).toHaveCount(2);
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}
