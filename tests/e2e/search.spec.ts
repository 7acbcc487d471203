// Search as a reader uses it: the masthead box, results with the matched words marked, pages, the options, no
// results, a hostile query, and the same search before and without the wasm (a plain GET form).
import { test, expect, main, heading } from './fixtures';

const box = (page: import('@playwright/test').Page) => page.getByRole('search', { name: 'Site' }).getByRole('searchbox');

test('search from the masthead: type, Enter, marked results, next page and back', async ({ page, consoleErrors }) => {
  await page.goto('/');
  await heading(page);
  await box(page).fill('council');
  await box(page).press('Enter');
  await expect(page).toHaveURL(/\/search\?q=council$/);
  const h1 = await heading(page);
  await expect(h1).toHaveText('Search results');
  await expect(h1).toBeFocused();
  // A screen reader arriving at the h1 hears the count too.
  await expect(h1).toHaveAccessibleDescription(/^\d+ results for “council”$/);
  // The query stays in the box; the count is announced in a status region.
  await expect(box(page)).toHaveValue('council');
  const status = main(page).getByRole('status');
  await expect(status).toHaveText(/^\d+ results for “council”$/);
  const total = Number((await status.textContent())!.split(' ')[0]);
  expect(total).toBeGreaterThan(12);
  // Matched words are marked, as text.
  const marks = main(page).locator('.teaser mark');
  await expect(marks.first()).toBeVisible();
  expect((await marks.allTextContents()).every((m) => /^council/i.test(m))).toBe(true);
  const first = await main(page).locator('.teaser-headline').first().textContent();
  await main(page).getByRole('link', { name: 'Older ›' }).click();
  await expect(page).toHaveURL(/\/search\?q=council&page=2$/);
  await expect(main(page).locator('.teaser-headline').first()).not.toHaveText(first!);
  await page.goBack();
  await expect(page).toHaveURL(/\/search\?q=council$/);
  await expect(main(page).locator('.teaser-headline').first()).toHaveText(first!);
  expect(consoleErrors).toEqual([]);
});

test('searching again before the answer came keeps one request in flight, and the last query wins', async ({ page }) => {
  // Counted in the page, where an abort is seen the moment it happens: a search request is in flight from the
  // call to fetch until its answer arrives or its signal aborts it.
  await page.addInitScript(() => {
    const w = window as unknown as { searchesInFlight: number; mostSearchesInFlight: number };
    w.searchesInFlight = 0;
    w.mostSearchesInFlight = 0;
    const fetch = window.fetch.bind(window);
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (!new URL(url, location.href).pathname.startsWith('/api/v1/search')) return fetch(input, init);
      w.mostSearchesInFlight = Math.max(w.mostSearchesInFlight, ++w.searchesInFlight);
      let ended = false;
      const end = () => {
        if (!ended) {
          ended = true;
          w.searchesInFlight--;
        }
      };
      const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
      if (signal?.aborted) end();
      signal?.addEventListener('abort', end);
      return fetch(input, init).finally(end);
    };
  });
  await page.goto('/');
  await heading(page);
  // Every answer held back, as on a slow connection, so each search is still waiting when the next is sent.
  await page.route('**/api/v1/search?**', async (route) => {
    await new Promise((r) => setTimeout(r, 500));
    await route.continue().catch(() => {});
  });
  for (const q of ['hou', 'housi', 'housing']) {
    await box(page).fill(q);
    await box(page).press('Enter');
  }
  await expect(main(page).getByRole('status')).toHaveText(/^\d+ results? for “housing”$/);
  expect(await page.evaluate(() => (window as unknown as { mostSearchesInFlight: number }).mostSearchesInFlight)).toBe(1);
});

test('the options narrow to a section and sort by date', async ({ page }) => {
  await page.goto('/search?q=council');
  await heading(page);
  const form = main(page).getByRole('search', { name: 'Search options' });
  await form.getByLabel('Section').selectOption('housing');
  await form.getByLabel('Order').selectOption('date');
  await form.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\/search\?q=council&section=housing&sort=date$/);
  await expect(main(page).getByRole('status')).toHaveText(/results? for “council” in Housing$/);
  const dates = await main(page).locator('.teaser time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')!));
  expect(dates.length).toBeGreaterThan(0);
  expect([...dates].sort().reverse()).toEqual(dates);
});

test('no results says so and offers a way on', async ({ page }) => {
  await page.goto('/search?q=zzqxv');
  await heading(page);
  await expect(main(page).getByRole('status')).toHaveText('0 results for “zzqxv”');
  await expect(main(page).getByRole('heading', { name: 'No articles matched' })).toBeVisible();
  await expect(main(page).getByRole('link', { name: 'Read the latest news' })).toHaveAttribute('href', '/latest');
});

test('a hostile query is shown as text and breaks nothing', async ({ page, consoleErrors }) => {
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs += 1; void d.dismiss(); });
  const q = '<img src=x onerror=alert(1)>"unbalanced -';
  await page.goto(`/search?q=${encodeURIComponent(q)}`);
  await heading(page);
  await expect(box(page)).toHaveValue(q);
  await expect(main(page).getByRole('status')).toContainText(q.trim());
  await expect(main(page).locator('img[src="x"]')).toHaveCount(0);
  expect(dialogs).toBe(0);
  expect(consoleErrors).toEqual([]);
});

test('a search page arrives with its query in the box, and the app takes it over with the same results', async ({ page }) => {
  await page.goto('/search?q=bus+franchising');
  const served = await main(page).locator('.teaser-headline a').allTextContents();
  expect(served.length).toBeGreaterThan(0);
  await expect(await heading(page)).toHaveText('Search results');
  await expect(box(page)).toHaveValue('bus franchising');
  await expect(main(page).getByRole('status')).toHaveText(/^\d+ results? for “bus franchising”$/);
  await expect(main(page).locator('.teaser mark').first()).toBeVisible();
  expect(await main(page).locator('.teaser-headline a').allTextContents()).toEqual(served);
});

test.describe('before and without the wasm', () => {
  test.use({ javaScriptEnabled: false });

  test('a search page arrives with its query in the masthead box', async ({ page }) => {
    await page.goto('/search?q=bus+franchising');
    await expect(box(page)).toHaveValue('bus franchising');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Search results');
  });

  test('the masthead box submits a plain GET and the server answers with the results', async ({ page }) => {
    await page.goto('/');
    await box(page).fill('franchised buses');
    await box(page).press('Enter');
    await expect(page).toHaveURL(/\/search\?q=franchised\+buses$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Search results');
    await expect(main(page).locator('.teaser mark').first()).toBeVisible();
    await expect(main(page).getByRole('link', { name: /Tyneford's franchised buses/ })).toBeVisible();
  });
});

