import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { Page } from '@playwright/test';
import { test, expect, main, heading, ARTICLE } from './fixtures';

const box = (page: Page) => page.getByRole('complementary', { name: 'Get Broadsheet by email' });
const email = (page: Page) => box(page).getByLabel('Email address');

/// The confirmation link in the mail the server wrote for `to` (the outbox folder: no relay in these tests).
async function confirmationLink(to: string): Promise<string> {
  const dir = process.env.BROADSHEET_E2E_OUTBOX!;
  let found = '';
  await expect.poll(() => {
    for (const f of readdirSync(dir, { withFileTypes: true }).filter((e) => e.name.endsWith('.eml'))) {
      const raw = readFileSync(join(dir, f.name), 'utf8');
      if (!raw.includes(`To: ${to}`)) continue;
      // Quoted-printable: soft line breaks, then encoded '='.
      const text = raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
      found = /https?:\/\/\S+\/newsletter\/confirm\?token=[A-Za-z0-9._-]+/.exec(text)?.[0] ?? '';
    }
    return found;
  }, { timeout: 10_000 }).not.toBe('');
  return found;
}

test.describe('before and without the wasm', () => {
  test.use({ javaScriptEnabled: false });

  test('the subscribe box posts a plain form and the confirmation link completes the sign-up', async ({ page }) => {
    await page.goto(ARTICLE);
    await email(page).fill('no-script@example.org');
    await box(page).getByLabel(/Morning Briefing/).check();
    await box(page).getByRole('button', { name: 'Subscribe' }).click();
    await expect(page).toHaveURL(/\/newsletter$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your inbox');
    await expect(main(page)).toContainText('Check your inbox to confirm');

    await page.goto(await confirmationLink('no-script@example.org'));
    // Opening the link confirms nothing (mail scanners open links); the reader's click does.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Confirm your sign-up');
    await page.getByRole('button', { name: 'Confirm my subscription' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText("You're subscribed");
    await expect(main(page)).toContainText('The Week and Morning Briefing');
    await expect(main(page).getByRole('link', { name: 'Choose what you receive' })).toBeVisible();
  });

  test('a bad address comes back with the message at the field and nothing typed lost', async ({ page }) => {
    await page.goto(ARTICLE);
    await email(page).fill('someone@');
    await box(page).getByRole('button', { name: 'Subscribe' }).click();
    await expect(page).toHaveTitle(/^Error: /);
    const field = page.getByLabel('Email address');
    await expect(field).toHaveValue('someone@');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(/like name@example\.org/);
  });
});

test('inside the app the box posts to the sign-up page: errors at the field, nothing typed lost', async ({ page }) => {
  await page.goto(ARTICLE);
  await heading(page);
  await email(page).fill('in-app@');
  await box(page).getByRole('button', { name: 'Subscribe' }).click();
  await expect(page).toHaveURL(/\/newsletter$/);
  await expect(page).toHaveTitle(/^Error: /);
  const field = page.getByLabel('Email address');
  await expect(field).toHaveValue('in-app@');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(/like name@example\.org/);

  await field.fill('in-app@example.org');
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your inbox');
  await confirmationLink('in-app@example.org');
});

test('links from the app to the newsletter pages load them from the server', async ({ page }) => {
  await page.goto(ARTICLE);
  await heading(page);
  await box(page).getByRole('link', { name: 'How we handle your data' }).click();
  await expect(page).toHaveURL(/\/privacy$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Privacy notice');
});

for (const scheme of ['light', 'dark'] as const) {
  for (const [name, go] of [
    ['sign-up page', (p: Page) => p.goto('/newsletter')],
    ['privacy notice', (p: Page) => p.goto('/privacy')],
    ['sign-up page with an error', async (p: Page) => {
      await p.goto('/newsletter');
      await p.getByLabel('Email address').fill('x@');
      await p.getByRole('button', { name: 'Subscribe' }).click();
      await expect(p).toHaveTitle(/^Error: /);
    }],
    ['article with its subscribe box', async (p: Page) => {
      await p.goto(ARTICLE);
      await heading(p);
      await expect(box(p)).toBeVisible();
    }],
  ] as [string, (p: Page) => Promise<unknown>][]) {
    test(`axe finds no WCAG 2.2 AA violations on the ${name} (${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await go(page);
      await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
        .analyze();
      const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(summary).toEqual([]);
    });
  }
}

test('the pages a reader reaches from the emails are axe clean in both themes', async ({ page }) => {
  const api = '/api/v1/newsletter/signups';
  const res = await page.request.post(api, { data: { email: 'axe-reader@example.org', editions: ['weekly'] } });
  expect(res.status()).toBe(202);
  const confirm = await confirmationLink('axe-reader@example.org');
  const check = async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
        .analyze();
      expect(results.violations.map((v) => `${scheme} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    }
  };
  await page.goto(confirm);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Confirm your sign-up');
  await check();
  await page.getByRole('button', { name: 'Confirm my subscription' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("You're subscribed");
  await check();
  await main(page).getByRole('link', { name: 'Choose what you receive' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your newsletter preferences');
  await expect(page.getByLabel(/The Week/)).toBeChecked();
  await check();
  await page.getByLabel(/Morning Briefing/).check();
  await page.getByRole('button', { name: 'Save preferences' }).click();
  await expect(page.getByRole('status')).toHaveText('Your preferences are saved.');
  await expect(page.getByLabel(/Morning Briefing/)).toBeChecked();
  await page.getByRole('button', { name: 'Unsubscribe from all newsletters' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("You're unsubscribed");
  await check();
});
