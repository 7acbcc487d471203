import { test, expect, main, heading, rails, ARTICLE, ARTICLE_HEADLINE, SECTION } from './fixtures';

// First visits: the reference server sends an article as HTML with the data the app needs, and the app takes
// the page over without a second request for it, a second heading, or a layout shift.

/// Where the first and the last element matching each of `parts` is in the main column, as JSON (run in the page).
const placesNow = (parts: string[]) => parts.map((s) => {
  const all = [...document.querySelectorAll(`main ${s}`)].filter((e) => !e.closest('#app[hidden]'));
  return JSON.stringify([all[0], all[all.length - 1]].map((e) => e.getBoundingClientRect()));
});

/// Runs in the page before its scripts: records when the app's wasm was requested (`__wasmAt`), the layout shift
/// (`__shift`), where the server's `parts` of the main column are before the app replaces them (`__before`), and,
/// in the very frame the app takes the server's place, both main columns' markup (`__html`: the same, rendered
/// from the same views), how many teasers and section
/// links each showed (`__teasers`, `__nav`: all of them, not a part) and how many of the top four teaser images
/// were not loaded yet (`__pending`: a lazy image in the hidden app would only start loading then, and blink).
function watchTakeover(parts: string[]) {
  const w = window as any;
  w.__shift = 0;
  w.__shifted = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as any[]) {
      if (e.hadRecentInput) continue;
      w.__shift += e.value;
      // What moved, to say so when a test fails.
      for (const s of e.sources || []) {
        const n = s.node as Element | null;
        w.__shifted.push(`${n?.nodeName}.${n?.className ?? ''} ${JSON.stringify(s.previousRect)} -> ${JSON.stringify(s.currentRect)}`);
      }
    }
  }).observe({ type: 'layout-shift', buffered: true });
  // Elements, their attributes (in name order: the order carries no meaning) and text, dates and image loading
  // hints included; comments are the renderers' own markers.
  const markup = (e: Element): string => [...e.childNodes].map((n) => {
    if (n.nodeType === Node.TEXT_NODE) return n.textContent;
    if (n.nodeType !== Node.ELEMENT_NODE) return '';
    const el = n as Element;
    const attrs = [...el.attributes].map((a) => ` ${a.name}="${a.value}"`).sort().join('');
    // The save paragraph is the app's own slot (its button appears once storage answers, a task of its own): the
    // server's holds its place, empty. Everything around it must match.
    const inner = el.classList.contains('save-offline') ? '' : markup(el);
    return `<${el.localName}${attrs}>${inner}</${el.localName}>`;
  }).join('');
  addEventListener('load', () => {
    w.__before = parts.map((s) => {
      const all = [...document.querySelectorAll(`#prerender main ${s}`)];
      return JSON.stringify([all[0], all[all.length - 1]].map((e) => e.getBoundingClientRect()));
    });
    w.__html = [markup(document.querySelector('#prerender main')!)];
    w.__teasers = [document.querySelectorAll('#prerender main li.teaser').length];
    w.__nav = [document.querySelectorAll('#prerender nav li').length];
    new MutationObserver((_, o) => {
      if (document.getElementById('prerender')) return;
      w.__wasmAt = performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'))?.startTime;
      w.__loadAt = (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd;
      w.__html.push(markup(document.querySelector('main')!));
      w.__teasers.push(document.querySelectorAll('main li.teaser').length);
      w.__nav.push(document.querySelectorAll('nav li').length);
      w.__pending = [...document.querySelectorAll('main li.teaser img')]
        .slice(0, 4).filter((i) => !(i as HTMLImageElement).complete).length;
      o.disconnect();
    }).observe(document.body, { childList: true });
  });
}

/// A demo article with every block type (paragraphs with emphasis, strong and a link, both heading levels, both
/// list kinds, a quote, a pull quote, an image and a video), published at 23:30 UTC on 30 June.
const EVERY_BLOCK = '/housing/overnight-on-the-repairs-line';

test('an article with every block type is the same markup in the first paint and after takeover, dates included', async ({ page, consoleErrors }) => {
  await page.addInitScript(watchTakeover, ['h1']);
  await page.goto(EVERY_BLOCK);
  await expect(page.locator('#prerender')).toHaveCount(0);
  await expect(await heading(page)).toHaveText(/Overnight on the repairs line/);
  const [servedHtml, shownHtml] = await page.evaluate(() => (window as any).__html);
  for (const part of ['<h2>', '<h3>', '<ol>', '<ul>', '<blockquote>', 'class="pull-quote"', 'class="video"',
    '<em>', '<strong>', 'rel="noopener noreferrer"', '<figcaption>']) expect(servedHtml).toContain(part);
  expect(shownHtml).toBe(servedHtml);
  await expect(main(page).locator('.article-header time').first()).toHaveText('1 Jul 2026, 00:30 BST');
  expect(consoleErrors).toEqual([]);
});

test('an article can be read before any script runs', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(ARTICLE);
  await expect(page).toHaveTitle(ARTICLE_HEADLINE);
  await expect(main(page).getByRole('heading', { level: 1 })).toHaveText(ARTICLE_HEADLINE);
  const body = main(page).locator('.article-body p').first();
  await expect(body).toBeVisible();
  expect((await body.textContent())!.length).toBeGreaterThan(40);
  await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Transport' }))
    .toHaveAttribute('aria-current', 'page');
  await context.close();
});

for (const viewport of [{ width: 412, height: 823 }, { width: 1280, height: 800 }]) test(`the app takes an article over once its answer arrives, the server's page shown meanwhile, with one heading and nothing moving (${viewport.width} px)`, async ({ page, consoleErrors }) => {
  await page.setViewportSize(viewport);
  const articleApi = `**/api/v1/articles${ARTICLE}`;
  // Hold the API's answer back: the server's page stays, complete, until the app has the article.
  let shownWhileWaiting = -1;
  await page.route(articleApi, async (route) => {
    if (shownWhileWaiting < 0) {
      await new Promise((r) => setTimeout(r, 1500));
      shownWhileWaiting = await page.locator('#prerender h1').count();
    }
    await route.continue();
  });
  const parts = ['h1', 'figure img', '.article-body p'];
  await page.addInitScript(watchTakeover, parts);
  await page.goto(ARTICLE);
  await expect(page.locator('#prerender')).toHaveCount(0);
  // The app started once the article was painted, whichever element is the largest, not at the 3 s fallback.
  // The app starts once the page is painted: at its lead image's paint, or 500 ms and two frames after load on a
  // wide screen (where the headline is the largest element). Timers run late on a throttled main thread, so the
  // bound is load plus 2 s: the app is never held back long after the page has loaded.
  const [wasmAt, loadAt] = await page.evaluate(() => [(window as any).__wasmAt, (window as any).__loadAt]);
  expect(wasmAt).toBeGreaterThan(0);
  expect(wasmAt).toBeLessThan(loadAt + 2000);
  await expect(await heading(page)).toHaveText(ARTICLE_HEADLINE);
  await expect(page.getByRole('main')).toHaveCount(1);
  await expect(rails(page).getByRole('heading', { name: 'Latest news' })).toBeVisible();
  // The app's own parts are there: the save button and the comments.
  await expect(page.getByRole('button', { name: 'Save for offline' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Comments', level: 2 })).toBeVisible();
  expect(shownWhileWaiting).toBe(1);
  expect(await page.evaluate(() => (window as any).__shift), await page.evaluate(() => (window as any).__shifted.join('; '))).toBe(0);
  // The app's headline, lead image and first paragraph are exactly where the server's were: nothing jumps.
  const after = await page.evaluate(placesNow, parts);
  expect(after).toEqual(await page.evaluate(() => (window as any).__before));
  // The server's main column and the app's, in the frame of the swap, are the same markup: one set of views.
  const [servedHtml, shownHtml] = await page.evaluate(() => (window as any).__html);
  expect(servedHtml).toContain('<div class="article-body">');
  expect(shownHtml).toBe(servedHtml);
  // A client-side visit to another page and back still works.
  await rails(page).getByRole('link').first().click();
  await expect(await heading(page)).not.toHaveText(ARTICLE_HEADLINE);
  await page.goBack();
  await expect(await heading(page)).toHaveText(ARTICLE_HEADLINE);
  expect(consoleErrors).toEqual([]);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});

test('until the app can show the article itself, the server\'s stays, and its links are plain links', async ({ page }) => {
  // An API that does not answer: the app cannot build the article.
  await page.route(`**/api/v1/articles${ARTICLE}`, () => {});
  await page.goto(ARTICLE);
  await page.waitForFunction(() => document.getElementById('app'));
  await page.waitForTimeout(2500); // past the app's 2 s second look
  await expect(page.locator('#prerender')).toHaveCount(1);
  await expect(main(page).getByRole('heading', { level: 1 })).toHaveText(ARTICLE_HEADLINE);
  // A link in the server's HTML loads its page as any link does (a new document), not inside the hidden app.
  await page.evaluate(() => { (window as any).__samePage = true; });
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Housing' }).click();
  await expect(await heading(page)).toHaveText('Housing');
  expect(await page.evaluate(() => (window as any).__samePage)).toBeUndefined();
});

test('the front page and a section can be read before any script runs', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Top stories', level: 2 })).toBeVisible();
  const headlines = main(page).getByRole('article').getByRole('heading', { level: 3 });
  expect(await headlines.count()).toBeGreaterThan(10);
  await expect(headlines.first().getByRole('link')).toHaveAttribute('href', /^\/[a-z-]+\/[a-z0-9-]+$/);
  await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Home' }))
    .toHaveAttribute('aria-current', 'page');
  await page.goto(SECTION);
  await expect(page).toHaveTitle('Housing | Broadsheet');
  await expect(main(page).getByRole('heading', { level: 1 })).toHaveText('Housing');
  expect(await main(page).getByRole('article').count()).toBeGreaterThan(2);
  await expect(page.getByRole('navigation', { name: 'Pages' })).toContainText(/Page 1 of \d+/);
  await context.close();
});

// The main column's parts whose places a reader would notice moving: the heading, and the first and last teaser's
// image and headline.
const LISTING_PARTS = ['h1', 'li.teaser img', 'li.teaser :is(h2, h3)'];

for (const path of ['/', SECTION]) for (const viewport of [{ width: 412, height: 823 }, { width: 1280, height: 800 }]) test(`the app takes ${path} over, with nothing moving (${viewport.width} px)`, async ({ page, consoleErrors }) => {
  await page.setViewportSize(viewport);
  // A phone's CPU (Lighthouse's 4x slowdown), at which the app builds the page over several tasks.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  // What the app asks the API for, once it has started.
  const asked: string[] = [];
  await page.route('**/api/v1/**', (route) => { asked.push(route.request().url()); return route.continue(); });
  await page.addInitScript(watchTakeover, LISTING_PARTS);
  await page.goto(path);
  await expect(page.locator('#prerender')).toHaveCount(0);
  // The app starts once the page is painted: at its lead image's paint, or 500 ms and two frames after load on a
  // wide screen (where the headline is the largest element). Timers run late on a throttled main thread, so the
  // bound is load plus 2 s: the app is never held back long after the page has loaded.
  const [wasmAt, loadAt] = await page.evaluate(() => [(window as any).__wasmAt, (window as any).__loadAt]);
  expect(wasmAt).toBeGreaterThan(0);
  expect(wasmAt).toBeLessThan(loadAt + 2000);
  await expect(page.getByRole('main')).toHaveCount(1);
  await expect(rails(page).getByRole('heading', { name: 'Latest news' })).toBeVisible();
  expect(await page.evaluate(() => (window as any).__shift), await page.evaluate(() => (window as any).__shifted.join('; '))).toBe(0);
  const after = await page.evaluate(placesNow, LISTING_PARTS);
  expect(after).toEqual(await page.evaluate(() => (window as any).__before));
  // The app's main column is the server's, element for element.
  const [servedHtml, shownHtml] = await page.evaluate(() => (window as any).__html);
  expect(shownHtml).toBe(servedHtml);
  const [served, shown] = await page.evaluate(() => (window as any).__teasers);
  expect(served).toBeGreaterThan(2);
  expect(shown).toBe(served);
  const [navServed, navShown] = await page.evaluate(() => (window as any).__nav);
  expect(navServed).toBeGreaterThan(5);
  expect(navShown).toBe(navServed);
  expect(await page.evaluate(() => (window as any).__pending)).toBe(0);
  // The page carries no copy of its answers (it would double the page): the app asks for the page's own answer,
  // the sections and the rails, and, once it is on screen, the most read list; nothing else.
  expect(asked.filter((u) => !/\/api\/v1\/(front|sections|rails|most-read)/.test(u))).toEqual([]);
  expect(asked.some((u) => /\/api\/v1\/rails$/.test(u))).toBe(true);
  expect(consoleErrors).toEqual([]);
});

test('until the app can show the front page itself, the server\'s stays', async ({ page }) => {
  // An API that does not answer: the app cannot build the front page.
  await page.route('**/api/v1/front', () => {});
  await page.goto('/');
  await page.waitForFunction(() => document.getElementById('app'));
  await page.waitForTimeout(2500); // past the app's 2 s second look
  await expect(page.locator('#prerender')).toHaveCount(1);
  await expect(page.getByRole('heading', { name: 'Top stories' })).toBeVisible();
  await expect(page.locator('#app')).toBeHidden();
});
