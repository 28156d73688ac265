import { defineConfig } from '@playwright/test';
import { findChromium } from './testing/browser/find-chromium.ts';
import { phone } from './testing/browser/phone.ts';

const port = Number(process.env.E2E_PORT ?? 4173);
const browser = findChromium();

/**
 * End-to-end tests run the built app served by the real server (real SQLite, demo data) in a real
 * Chromium on a phone (testing/browser/phone.ts).
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  fullyParallel: false,
  // One worker: specs share the demo citizens in one database, and the family spec links and unlinks.
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://localhost:${port}`,
    ...phone,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: browser.executablePath, args: browser.args },
  },
  projects: [{ name: 'chromium-mobile' }],
  // The server's log goes to a file, read after the run for personal data (testing/browser/server-log-check.ts).
  globalTeardown: './testing/browser/server-log-check.ts',
  webServer: {
    command: 'rm -rf e2e/.generated/data && mkdir -p e2e/.generated && exec tsx server/main.ts > e2e/.generated/server.log 2>&1',
    url: `http://localhost:${port}/api/rule-sets`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { PORT: String(port), DATA_DIR: 'e2e/.generated/data', DEMO: 'true', DIST_DIR: 'dist' },
    stdout: 'ignore',
  },
});
