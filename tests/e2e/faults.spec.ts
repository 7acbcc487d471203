// Kinds of fault found by trying real-world bug reports (issue 14): fragments that exist only once the app has
// rendered, reflow at 320 CSS px with long unbroken text, invisible and right-to-left names, and regions that
// must fail alone.
import { test, expect, main, heading, rails, ARTICLE } from './fixtures';

/// A demo article with a 58-letter place name in every text field, and a demo comment with it in name and body.
const LONG = '/housing/anglesey-village-with-the-longest-name-gets-new-homes';
const PLACE = 'Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch';
const commentsApi = (path: string) => `**/api/v1/articles${path}/comments`;

test.describe('fragments', () => {
  test('a deep link to the comments lands on them once the app has rendered them', async ({ page }) => {
    await page.goto(`${ARTICLE}#comments-heading`);
    await heading(page);
    const target = main(page).locator('#comments-heading');
    await expect(target).toBeInViewport();
    // It is far down the page: the test would pass at the top otherwise.
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
  });

  test('a link to one comment waits for the comments, however late they come', async ({ page, request }) => {
    const list = await (await request.get(`/api/v1/articles${ARTICLE}/comments`)).json();
    const id = list.comments[list.comments.length - 1].id;
    await page.route(commentsApi(ARTICLE), async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.fallback();
    });
    await page.goto(`${ARTICLE}#comment-${id}`);
    await expect(page.locator(`#comment-${id}`)).toBeInViewport({ timeout: 8000 });
  });

  test('back to an address with a fragment goes to its target; a plain navigation still focuses the h1', async ({ page }) => {
    await page.goto(`${ARTICLE}#comments-heading`);
    await expect(main(page).locator('#comments-heading')).toBeInViewport();
    await rails(page).getByRole('link').first().click();
    const h1 = await heading(page);
    await expect(h1).toBeFocused();
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await page.goBack();
    await expect(page).toHaveURL(/#comments-heading$/);
    await expect(main(page).locator('#comments-heading')).toBeInViewport();
    await expect(main(page).locator('#comments-heading')).toBeFocused();
  });
});

test.describe('reflow at 320 CSS px', () => {
  test.use({ viewport: { width: 320, height: 700 } });

  /// Elements whose box reaches past the right edge of the viewport: visually hidden ones aside, and those inside
  /// a box of their own that scrolls or clips (the section navigation is a strip that scrolls sideways by design).
  const overflowing = (page: import('@playwright/test').Page) => page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    const inScroller = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== 'visible') return true;
      }
      return false;
    };
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (r.width === 0 || style.position === 'absolute' && style.clip !== 'auto' || inScroller(el)) continue;
      if (r.right > width + 1) out.push(`${el.tagName.toLowerCase()}.${el.className} right=${Math.round(r.right)}`);
    }
    return { scroll: document.documentElement.scrollWidth - width, out: out.slice(0, 5) };
  });

  for (const path of ['/', '/housing', LONG, '/latest']) {
    test(`${path} has no sideways scroll with a ${PLACE.length}-letter name in its text`, async ({ page }) => {
      await page.goto(path);
      await heading(page);
      // The long name is on the page: in the article, its teaser, or a rail.
      await expect(page.getByText(PLACE, { exact: false }).first()).toBeVisible();
      await expect(rails(page).getByText(PLACE, { exact: false }).first()).toBeAttached();
      if (path === LONG) {
        await expect(main(page).locator('.comment-author', { hasText: PLACE })).toBeVisible();
      }
      expect(await overflowing(page)).toEqual({ scroll: 0, out: [] });
    });
  }

  test('a widget has no sideways scroll either', async ({ page }) => {
    await page.goto('/embed/housing?images=1&standfirst=1&limit=10');
    await expect(page.getByRole('link', { name: new RegExp(PLACE) })).toBeVisible();
    expect(await overflowing(page)).toEqual({ scroll: 0, out: [] });
  });
});

test.describe('names', () => {
  test('a name of Braille blanks is refused at its field, with the comment kept', async ({ page }) => {
    await page.goto(`/comment${LONG}`);
    const form = main(page).locator('form.comment-form');
    await form.getByLabel('Your name').fill('\u2800\u2800\u2800');
    await form.getByLabel('Your comment').fill('A fair point.');
    await form.getByRole('button', { name: 'Post comment' }).click();
    await expect(form.getByLabel('Your name')).toHaveAccessibleDescription(/Enter the name to show with your comment/);
    await expect(form.getByLabel('Your comment')).toHaveValue('A fair point.');
  });

  test('a right-to-left override in a name cannot reverse the date after it; right-to-left names read right to left', async ({ page }) => {
    // As another API implementation, or a comment stored before the server removed unpaired controls, could send.
    await page.route(commentsApi(ARTICLE), (route) => route.request().method() !== 'GET' ? route.fallback() :
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({
          comments: [
            { id: 901, author: 'Ann\u202E', body: 'First.', posted: '2026-11-30T23:05:00Z' },
            { id: 902, author: 'سارة أحمد', body: 'شكرا على المقال', posted: '2026-11-30T23:10:00Z' },
          ],
          total: 2,
          comments_open: true,
        }),
      }));
    await page.goto(ARTICLE);
    await heading(page);
    const time = main(page).locator('#comment-901 time');
    await expect(time).toHaveText('30 Nov 2026, 23:05 GMT');
    // The first character of the date is drawn left of its last, as in any left-to-right text.
    const [first, last] = await time.evaluate((el) => {
      const text = el.firstChild as Text;
      const at = (i: number) => {
        const r = document.createRange();
        r.setStart(text, i);
        r.setEnd(text, i + 1);
        return r.getBoundingClientRect().left;
      };
      return [at(0), at(text.length - 1)];
    });
    expect(first).toBeLessThan(last);
    const arabic = main(page).locator('#comment-902');
    expect(await arabic.locator('.comment-author').evaluate((el) => el.matches(':dir(rtl)'))).toBe(true);
    expect(await arabic.locator('.comment-body').evaluate((el) => el.matches(':dir(rtl)'))).toBe(true);
    expect(await arabic.locator('time').evaluate((el) => el.matches(':dir(ltr)'))).toBe(true);
  });
});

test.describe('regions fail alone', () => {
  test('with the comments list failing, the way to comment still shows', async ({ page }) => {
    await page.route(commentsApi(LONG), (route) => route.request().method() === 'GET'
      ? route.fulfill({ status: 503, body: '' }) : route.fallback());
    await page.goto(LONG);
    await heading(page);
    const region = main(page).getByRole('region', { name: 'Comments' });
    await expect(region.getByRole('alert')).toBeVisible();
    await expect(region.getByRole('link', { name: 'Add your comment' })).toHaveAttribute('href', `/comment${LONG}`);
    await expect(main(page).getByRole('heading', { level: 1 })).toContainText(PLACE);
  });
});
