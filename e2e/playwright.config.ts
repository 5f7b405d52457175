import { defineConfig, devices } from '@playwright/test';

/** The JSON report scripts/test.ts reads its counts from, plus a readable list on the console. */
const jsonReport = process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? 'test-results/report.json';

export default defineConfig({
  testDir: './admin',
  outputDir: './test-results/admin',
  globalSetup: './admin/support/global-setup.ts',
  // A guard against a hung page, not a speed check: the longest journeys take 20-40 s on a busy 2-core machine.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: [['list'], ['json', { outputFile: jsonReport }]],
  use: {
    ...devices['Desktop Chrome'],
    viewport: { width: 1366, height: 900 },
    locale: 'en-US',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
