import AxeBuilder from '@axe-core/playwright';
import { Page } from '@playwright/test';
import { test, expect, main, heading } from './fixtures';
import { EDITOR_TOKEN } from './editor';

/// The demo's live blog (content/articles/finance/budget-night-live.md): 46 posts, 26 on its first page.
const BLOG = '/finance/budget-night-live';
const API = '/api/v1/live/finance/budget-night-live';
const editor = { Authorization: `Bearer ${EDITOR_TOKEN}` };

// One blog, changed by each test: one at a time.
test.describe.configure({ mode: 'serial' });

const button = (page: Page) => main(page).locator('button.live-new');
const stream = (page: Page) => main(page).locator('.live-stream > li > article');

/// Opens the blog and waits for the app to follow it.
async function open(page: Page) {
  await page.goto(BLOG);
  await heading(page);
  // The button exists only in the app (hidden until posts wait behind it).
  await expect(button(page)).toBeAttached();
}

/// Tells the page the reader is back on its tab (the app then asks for changes at once, rather than at its next
/// poll 10 to 15 s away) until `done` holds: a poll may meet the changes answer the browser kept for 5 s.
async function pollUntil(page: Page, done: () => Promise<boolean>) {
  await expect.poll(async () => {
    await page.evaluate(() => dispatchEvent(new Event('visibilitychange')));
    return done();
  }, { timeout: 15_000, intervals: [1_000] }).toBe(true);
}

async function post(request: any, body: string, title?: string): Promise<string> {
  const res = await request.post(`${API}/posts`, { headers: editor, data: { body, title } });
  expect(res.status()).toBe(201);
  return (await res.json()).id;
}

/// The sum of the layout shifts the page reports from now on, read with `shifts.read()`.
async function watchShifts(page: Page) {
  await page.evaluate(() => {
    (window as any).__shift = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as any[]) if (!e.hadRecentInput) (window as any).__shift += e.value;
    }).observe({ type: 'layout-shift' });
  });
  return { read: () => page.evaluate(() => (window as any).__shift as number) };
}

test.beforeAll(async ({ request }) => {
  expect((await request.put(`${API}/status`, { headers: editor, data: { status: 'live' } })).status()).toBe(200);
});

test('an update arriving mid-article moves nothing; the button reveals it, focuses it and says so', async ({ page, request, consoleErrors }) => {
  await open(page);
  const reading = main(page).locator('#post-p30');
  await reading.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.mouse.move(5, 5);
  const before = { y: (await reading.boundingBox())!.y, scroll: await page.evaluate(() => scrollY) };
  const under = () => page.evaluate(() => document.elementFromPoint(200, 20)?.closest('article')?.id);
  const topId = await under();
  const shifts = await watchShifts(page);
  const title = await page.title();

  const id = await post(request, 'The chair has called a ten-minute break.', 'Adjournment');
  await pollUntil(page, () => button(page).isVisible());
  await expect(button(page)).toHaveText('1 new update');
  await expect(page).toHaveTitle(`(1) ${title}`);
  await expect(main(page).locator('.live [role="status"]')).toHaveText('1 new update');
  // The text being read did not move, and nothing was inserted above it.
  expect((await reading.boundingBox())!.y).toBe(before.y);
  expect(await page.evaluate(() => scrollY)).toBe(before.scroll);
  expect(await under()).toBe(topId);
  expect(await main(page).locator(`#post-${id}`).count()).toBe(0);
  expect(await shifts.read()).toBe(0);

  await button(page).click();
  const newest = main(page).locator(`#post-${id} h3`);
  await expect(newest).toBeFocused();
  await expect(newest).toContainText('Adjournment');
  await expect(button(page)).toBeHidden();
  await expect(page).toHaveTitle(title);
  await expect(main(page).locator('.live [role="status"]')).toHaveText('1 new update shown');
  expect(consoleErrors).toEqual([]);
});

test('with the top of the stream in view, a new post goes straight in, once', async ({ page, request }) => {
  await open(page);
  await stream(page).first().evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const count = await stream(page).count();
  const id = await post(request, 'Councillors are back in the chamber.');
  await pollUntil(page, async () => (await main(page).locator(`#post-${id}`).count()) === 1);
  await expect(stream(page).first()).toHaveAttribute('id', `post-${id}`);
  await expect(button(page)).toBeHidden();
  // Later polls bring nothing twice.
  for (let i = 0; i < 3; i++) {
    await page.evaluate(() => dispatchEvent(new Event('visibilitychange')));
    await page.waitForTimeout(300);
  }
  await expect(stream(page)).toHaveCount(count + 1);
});

test('edits and deletions reach the open page in place', async ({ page, request }) => {
  await open(page);
  const edited = main(page).locator('#post-p44');
  await edited.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  const put = await request.put(`${API}/posts/p44`, { headers: editor, data: { body: 'Correction: the campaign writes to every parish council **this week**.' } });
  expect(put.status()).toBe(200);
  expect((await request.delete(`${API}/posts/p43`, { headers: editor })).status()).toBe(200);
  await pollUntil(page, async () => (await main(page).locator('#post-p43').count()) === 0);
  await expect(edited).toContainText('this week');
  await expect(edited.locator('.live-updated')).toBeVisible();
  // The deleted key event left the list too.
  await expect(main(page).locator('.live-key-events a[href*="post-p43"]')).toHaveCount(0);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`axe finds no violations with updates waiting (${scheme})`, async ({ page, request }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await open(page);
    await main(page).locator('#post-p30').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await post(request, `A post for the ${scheme} check.`);
    await pollUntil(page, () => button(page).isVisible());
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}

test('offline, the blog says its updates are paused, and catches up when the network is back', async ({ page, context, request }) => {
  await open(page);
  await main(page).locator('#post-p30').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await context.setOffline(true);
  const status = main(page).locator('.live-status');
  await pollUntil(page, async () => (await status.textContent())?.includes('updates are paused') ?? false);
  await post(request, 'Posted while the reader was offline.');
  // Back online: the page asks at once.
  await context.setOffline(false);
  await expect(status).toContainText('Updates appear as they are posted.');
  await expect(button(page)).toBeVisible();
});

test('an ended blog says so and the page stops asking', async ({ page, request }) => {
  await open(page);
  let polls = 0;
  page.on('request', (r) => { if (r.url().includes('/changes?')) polls += 1; });
  expect((await request.put(`${API}/status`, { headers: editor, data: { status: 'ended' } })).status()).toBe(200);
  await pollUntil(page, async () => (await main(page).locator('.live-status').textContent())?.includes('has ended') ?? false);
  const seen = polls;
  await page.evaluate(() => dispatchEvent(new Event('visibilitychange')));
  await page.waitForTimeout(1_000);
  expect(polls).toBe(seen);
  expect((await request.put(`${API}/status`, { headers: editor, data: { status: 'live' } })).status()).toBe(200);
});

test.describe('without the wasm', () => {
  test.use({ javaScriptEnabled: false });

  test('the posts read as pages anchored at the oldest, with key events as links', async ({ page }) => {
    await page.goto(BLOG);
    await expect(main(page).locator('.live-pinned h2')).toHaveText('Pinned');
    const older = main(page).getByRole('link', { name: 'Older updates ›' });
    await older.click();
    await expect(page).toHaveURL(/\?page=with:p20$/);
    await expect(main(page).locator('#post-p01')).toBeVisible();
    await expect(main(page).locator('.live-pinned')).toHaveCount(0);
    await main(page).getByRole('link', { name: /Protesters/i }).first().click();
    await expect(page).toHaveURL(/#post-p04$/);
  });
});
