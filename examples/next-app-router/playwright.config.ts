import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';

/**
 * End-to-end tests of the Next.js example against its production build. The server is started by
 * test/package/next-app-router.mjs (which packs and installs the kit first) and its URL passed in
 * NEXT_E2E_URL; run that script rather than this config alone.
 */
export default defineConfig({
  testDir: 'e2e',
  outputDir: '../../test-results/next-app-router',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 2,
  timeout: 30_000,
  reporter: [['list'], ['json', { outputFile: '../../test-results/reports/next-app-router.json' }]],
  use: {
    baseURL: process.env.NEXT_E2E_URL ?? 'http://127.0.0.1:3000',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
      },
    },
  ],
});
