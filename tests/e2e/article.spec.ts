import { test, expect, main, heading, ARTICLE, ARTICLE_HEADLINE } from './fixtures';

test('an article shows everything a reader expects', async ({ page, consoleErrors }) => {
  await page.goto(ARTICLE);
  // The app's own page, not the server's HTML it replaces.
  await expect(page.locator('#prerender')).toHaveCount(0);
  const m = main(page);
  await expect(await heading(page)).toHaveText(ARTICLE_HEADLINE);
  await expect(m.locator('.kicker a')).toHaveAttribute('href', '/transport');
  await expect(m.locator('.standfirst').first()).toContainText('340 routes');
  await expect(m.locator('.article-header .byline')).toContainText('Gareth Llewellyn');
  await expect(m.locator('time').first()).toHaveAttribute('datetime', '2026-05-04T08:20:00Z');
  await expect(m.locator('time').nth(1)).toHaveAttribute('datetime', '2026-05-04T12:05:00Z');
  // The lead image has alt text, a caption and a credit.
  const lead = m.locator('figure').first();
  await expect(lead.getByRole('img')).toHaveAttribute('alt', /double-decker buses/);
  await expect(lead.locator('figcaption')).toContainText('Tyneford Connect livery');
  await expect(lead.locator('figcaption')).toContainText('Illustration: Broadsheet');
  // Typed body: paragraphs with strong text and a safe external link, and a quote with its attribution.
  await expect(m.locator('article p strong', { hasText: 'Tyneford Connect' })).toBeVisible();
  const external = m.getByRole('link', { name: 'its business case' });
  await expect(external).toHaveAttribute('href', 'https://www.example.org/tyneford/bus-franchising-case');
  await expect(external).toHaveAttribute('rel', /noopener/);
  await expect(external).toHaveAttribute('rel', /noreferrer/);
  const quote = m.locator('figure', { has: page.locator('blockquote') }).first();
  await expect(quote.locator('blockquote')).toContainText('For forty years');
  await expect(quote.locator('figcaption')).toContainText('Leanne Castleford');
  await expect(m.getByRole('list', { name: 'Topics' })).toContainText(/franchising/i);
  await expect(m.getByRole('heading', { name: 'Related articles' })).toBeVisible();
  await expect(m.getByRole('heading', { name: 'Get Broadsheet by email' })).toBeVisible();
  // Comments: the count and each comment as text.
  const comments = m.getByRole('region', { name: 'Comments' });
  await expect(comments).toContainText('2 comments');
  await expect(comments.getByRole('listitem')).toHaveCount(2);
  await expect(comments).toContainText('Same bus, same driver, new paint.');
  expect(consoleErrors).toEqual([]);
});

test('an article without comments invites the first one', async ({ page, request }) => {
  // Find an article with no comments through the API, as the app would.
  const listing = await (await request.get('/api/v1/articles?limit=50')).json();
  let empty: string | undefined;
  for (const t of listing.articles) {
    const c = await (await request.get(`/api/v1/articles/${t.section.slug}/${t.slug}/comments`)).json();
    if (c.total === 0) { empty = `/${t.section.slug}/${t.slug}`; break; }
  }
  expect(empty, 'the demo content has an article without comments').toBeTruthy();
  await page.goto(empty!);
  await expect(main(page).getByRole('region', { name: 'Comments' }))
    .toContainText('No comments yet. Be the first to have your say.');
});

test('each kind of article renders with its design', async ({ page, request }) => {
  for (const kind of ['opinion', 'editorial', 'interview', 'video', 'last_word', 'blog']) {
    const listing = await (await request.get(`/api/v1/articles?kind=${kind}&limit=1`)).json();
    const t = listing.articles[0];
    await page.goto(`/${t.section.slug}/${t.slug}`);
    await expect(await heading(page)).toHaveText(t.headline);
    await expect(main(page).locator(`article.kind-${kind.replace('_', '-')}`)).toBeVisible();
  }
});

test('the page has a title, description, canonical link, Open Graph tags and NewsArticle JSON-LD', async ({ page }) => {
  await page.goto(ARTICLE);
  await expect(page.locator('#prerender')).toHaveCount(0);
  await heading(page);
  await expect(page).toHaveTitle(/Tyneford's franchised buses.*Broadsheet/);
  const head = page.locator('head');
  await expect(head.locator('meta[name="description"]')).toHaveAttribute('content', /340 routes/);
  await expect(head.locator('link[rel="canonical"]')).toHaveAttribute('href', new RegExp(`${ARTICLE}$`));
  await expect(head.locator('meta[property="og:title"]')).toHaveAttribute('content', ARTICLE_HEADLINE);
  await expect(head.locator('meta[property="og:type"]')).toHaveAttribute('content', 'article');
  await expect(head.locator('meta[property="og:image"]')).toHaveAttribute('content', /\/icons\/icon-512\.png$/);
  const lds = (await page.locator('script[type="application/ld+json"]').allTextContents()).map((t) => JSON.parse(t));
  expect(lds.map((l) => l['@type'])).toEqual(['NewsArticle', 'BreadcrumbList']);
  const ld = lds[0];
  expect(ld.headline).toMatch(ARTICLE_HEADLINE);
  expect(ld.datePublished).toBe('2026-05-04T08:20:00Z');
  expect(ld.author[0].name).toBe('Gareth Llewellyn');

  // Moving to another page replaces them; JSON-LD is the server's alone (its readers fetch each address), so the
  // article's goes and none stands in its place.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Housing' }).click();
  await expect(page).toHaveTitle(/^Housing.*Broadsheet/);
  await expect(page.locator('head link[rel="canonical"]')).toHaveAttribute('href', /\/housing$/);
  await expect(page.locator('script[type="application/ld+json"]')).toHaveCount(0);
  // One of each tag, not one per page visited; no article facts on a listing.
  await expect(page.locator('head meta[name="description"]')).toHaveCount(1);
  await expect(page.locator('head meta[property="og:title"]')).toHaveAttribute('content', 'Housing');
  await expect(page.locator('head meta[property="og:image"]')).toHaveCount(1);
  await expect(page.locator('head meta[property="article:published_time"]')).toHaveCount(0);
  // And back: the article's tags return.
  await page.goBack();
  await expect(page).toHaveTitle(/Tyneford's franchised buses.*Broadsheet/);
  await expect(page.locator('head meta[property="article:published_time"]')).toHaveCount(1);
  await expect(page.locator('script[type="application/ld+json"]')).toHaveCount(0);
  await expect(page.locator('head meta[property="og:image"]')).toHaveAttribute('content', /\/icons\/icon-512\.png$/);
});

for (const timezoneId of ['Europe/London', 'America/New_York']) test.describe(`a reader in ${timezoneId} with a US-English browser`, () => {
  test.use({ timezoneId, locale: 'en-US' });

  test('sees the same dates in the first paint, after takeover, in listings, rails and widgets, with the zone named', async ({ page, request }) => {
    // Dates are on the publication's clock (Europe/London) whatever the reader's, so the app's takeover changes
    // nothing: BST in May, and the zone named after the time.
    const html = await (await request.get(ARTICLE)).text();
    expect(html).toContain('>4 May 2026, 09:20 BST</time>');
    await page.goto(ARTICLE);
    await page.waitForFunction(() => !document.getElementById('prerender'));
    const dates = main(page).locator('.article-header .dates');
    await expect(dates.locator('time').first()).toHaveText('4 May 2026, 09:20 BST');
    await expect(dates.locator('time').first()).toHaveAttribute('datetime', '2026-05-04T08:20:00Z');
    await expect(dates.locator('.updated')).toHaveText('Updated 4 May 2026, 13:05 BST');
    // Teasers in the rails use the same words, and so does the article's teaser in its section and its widget.
    await expect(page.getByRole('complementary').locator('time').first()).toHaveText(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);
    const section = ARTICLE.split('/')[1];
    await page.goto('/' + section);
    const teaser = main(page).locator('li.teaser', { has: page.locator(`a[href="${ARTICLE}"]`) });
    await expect(teaser.locator('time')).toHaveText('4 May 2026');
    const widget = await (await request.get(`/embed/${section}?limit=10`)).text();
    expect(widget).toContain('4 May 2026');
    await expect(page.locator('footer')).toContainText('Europe/London');
  });
});

test.describe('the night the clocks go back', () => {
  test.use({ timezoneId: 'Europe/London' });

  test('times in the repeated hour are told apart by their zone, in the first paint, after takeover, in listings and widgets', async ({ page, request }) => {
    const path = '/housing/night-shelters-open-as-clocks-go-back';
    // Published at 00:40 UTC (01:40 BST), updated at 01:20 UTC (01:20 GMT): the later time reads earlier on the clock.
    const html = await (await request.get(path)).text();
    expect(html).toContain('>25 Oct 2026, 01:40 BST</time>');
    expect(html).toContain('>25 Oct 2026, 01:20 GMT</time>');
    await page.goto(path);
    await page.waitForFunction(() => !document.getElementById('prerender'));
    const dates = main(page).locator('.article-header .dates');
    await expect(dates.locator('time').first()).toHaveText('25 Oct 2026, 01:40 BST');
    await expect(dates.locator('.updated time')).toHaveText('25 Oct 2026, 01:20 GMT');
    await page.goto('/housing');
    const teaser = main(page).locator('li.teaser', { has: page.locator(`a[href="${path}"]`) });
    await expect(teaser.locator('time')).toHaveText('25 Oct 2026');
    expect(await (await request.get('/embed/housing?limit=10')).text()).toContain('25 Oct 2026');
  });
});

test('a photo with responsive copies is laid out as any other picture, in a listing and in an article', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/latest');
  await heading(page);
  // Every teaser's picture takes the same box, a responsive photo's (a <picture> with a WebP <source>) too.
  const boxes = await main(page).locator('li.teaser').evaluateAll((items) => items.map((li) => {
    const img = li.querySelector('img')!.getBoundingClientRect(), text = li.querySelector('.teaser-text')!.getBoundingClientRect();
    return { photo: !!li.querySelector('source'), width: Math.round(img.width), textBeside: text.left > img.right };
  }));
  const photos = boxes.filter((b) => b.photo);
  expect(photos.length).toBeGreaterThan(0);
  for (const b of boxes) expect(b).toEqual({ photo: b.photo, width: boxes[0].width, textBeside: true });

  await page.goto('/housing/eastmoor-extends-selective-landlord-licensing-scheme');
  await heading(page);
  await expect(page.locator('#prerender')).toHaveCount(0);
  const lead = main(page).locator('.lead-image img');
  const [img, figure] = [await lead.boundingBox(), await main(page).locator('.lead-image').boundingBox()];
  expect(Math.round(img!.width)).toBe(Math.round(figure!.width));
  await expect.poll(() => lead.evaluate((i: HTMLImageElement) => i.currentSrc)).toMatch(/terraced-street-at-dusk-\d+w\.webp$/);
});
