import { defineConfig } from '@playwright/test';
import { execSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EDITOR_TOKEN } from './tests/e2e/editor';

// The server listens on a loopback port picked here, over a fresh database; Playwright stops it at the end.
// Workers inherit these variables from the main process, so every process agrees on them.
if (!process.env.BROADSHEET_E2E_PORT) {
  process.env.BROADSHEET_E2E_PORT = execSync(
    `python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"`,
  ).toString().trim();
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-e2e-'));
  process.env.BROADSHEET_E2E_DB = join(dir, 'e2e.db');
  // No SMTP relay in the browser tests: newsletter mail is written here, where the tests read it.
  process.env.BROADSHEET_E2E_OUTBOX = join(dir, 'outbox');
}
const port = process.env.BROADSHEET_E2E_PORT;
const baseURL = `http://127.0.0.1:${port}`;

export const chromiumArgs = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--no-first-run',
];

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL,
    browserName: 'chromium',
    // The service worker would take requests out of reach of page.route(); offline.spec.ts allows it.
    serviceWorkers: 'block',
    launchOptions: { executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: chromiumArgs },
  },
  webServer: {
    command: `target/server/broadsheet-server serve --addr 127.0.0.1:${port} --db ${process.env.BROADSHEET_E2E_DB} --content content --dist dist --moderation-token ${EDITOR_TOKEN} --comment-limit 1000 --mail-outbox ${process.env.BROADSHEET_E2E_OUTBOX}`,
    url: `${baseURL}/api/v1/sections`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
