import os from 'node:os';
import { defineConfig, devices } from '@playwright/test';
import { launchOptions, E2E_PORT, E2E_BASE, E2E_URL } from './tests/e2e/browser.mjs';

// Browser tests run against the *release* build in dist/ (run `trunk build --release`
// first, or use scripts/test.sh which does everything). Add a test by dropping a
// tests/e2e/<name>.spec.ts file; import { test, expect } from './fixtures' to get the
// console-error collector for free.
const cpus = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;

export default defineConfig({
  testDir: './tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: './test-results',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // 2 cores: one worker per core; chromium + the static server are light.
  workers: process.env.PW_WORKERS ? Number(process.env.PW_WORKERS) : Math.max(1, Math.min(cpus, 4)),
  // Generous: the suite must hold on a busy machine (two CPU hogs on two cores), where every
  // step takes twice as long; a passing test is no slower for it.
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL: E2E_URL,
    // The app speaks the browser's language: the suite is in English unless a test says not.
    locale: 'en-US',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    video: 'off',
  },
  projects: [
    {
      name: 'chromium',
      use: { ...devices['Desktop Chrome'], launchOptions },
    },
  ],
  webServer: {
    command: `node tests/e2e/static-server.mjs dist ${E2E_PORT} ${E2E_BASE}`,
    url: E2E_URL,
    reuseExistingServer: false,
    timeout: 15_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
