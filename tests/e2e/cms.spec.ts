import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, heading } from './fixtures';
import { OwnServer } from './server';

// A site that syncs from a real WordPress 6.1 on loopback (scripts/wordpress/start.sh): the synced article's
// photos are the site's own responsive copies, in the first paint and in the app alike.
test.describe.configure({ mode: 'serial' });

let state: string;
let server: OwnServer;
let posts: Record<string, number>;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  state = mkdtempSync(join(tmpdir(), 'broadsheet-wp-'));
  execSync(`bash scripts/wordpress/start.sh ${state}`, { stdio: 'ignore', timeout: 150_000 });
  const env = Object.fromEntries(readFileSync(join(state, 'env'), 'utf8').split('\n')
    .map((l) => /^(\w+)=['"]?(.*?)['"]?$/.exec(l)).filter(Boolean).map((m) => [m![1], m![2]]));
  posts = JSON.parse(readFileSync(join(state, 'fixtures.json'), 'utf8')).posts;
  const mapping = join(state, 'mapping.toml');
  writeFileSync(mapping, 'fallback = "workforce"\n[sections]\nnews = "housing"\npolitics = "finance"\n'
    + 'arts-culture = "education"\n');
  server = new OwnServer();
  await server.start('dist', ['--wordpress-url', env.WP_URL, '--source-mapping', mapping, '--sync-interval', '3600']);
});

test.afterAll(async () => {
  await server?.stop();
  if (state) execSync(`bash scripts/wordpress/stop.sh ${state}`, { stdio: 'ignore' });
});

/// The site's address of WordPress post `id`, once the sync at start has written it (`/?p=ID` leads there).
async function addressOf(id: number): Promise<string> {
  for (let i = 0; i < 300; i++) {
    const res = await fetch(`${server.base}/?p=${id}`, { redirect: 'manual' });
    if (res.status === 301) return new URL(res.headers.get('location')!, server.base).pathname;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`post ${id} was not synced`);
}

test('a synced article shows its photo as the site\'s WebP copies, in the first paint and in the app', async ({ page }) => {
  const address = await addressOf(posts.blocks);
  const html = await (await fetch(server.base + address)).text();
  const copies = /<source type="image\/webp" srcset="(\/media\/store\/[0-9a-f]+-320w\.webp 320w[^"]*)"/.exec(html);
  expect(copies, 'the first paint offers the lead image\'s WebP copies').not.toBeNull();
  expect(html).toContain(`imagesrcset="${copies![1]}"`);

  await page.goto(server.base + address);
  await heading(page);
  // The app has taken the page over: its own rendering of the article, from the API's answer.
  await expect(page.locator('#prerender')).toHaveCount(0);
  const lead = page.locator('.lead-image img');
  await expect(lead).toHaveAttribute('srcset', /\/media\/store\/[0-9a-f]+-320w\.\w+ 320w/);
  await expect.poll(() => lead.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBeGreaterThan(0);
  expect(await lead.evaluate((i: HTMLImageElement) => i.currentSrc)).toMatch(/\/media\/store\/[0-9a-f]+-\d+w\.webp$/);
});
