import { mkdirSync } from 'node:fs';
import { test as base, expect, type Page } from '@playwright/test';

export { expect };

export type Backend = 'commerce-engine' | 'wemasy';

/** The persisted session of the demo, as the kit's store writes it into localStorage. */
export interface StoredSession {
  accessToken: string | null;
  refreshToken: string | null;
  user: { id: string; email?: string | null; is_anonymous?: boolean } | null;
  retryAt: number | null;
  epoch: number;
}

/**
 * Every test fails when the page logs a console error or throws an uncaught exception. The
 * browser's own "Failed to load resource" line for a mocked 4xx/5xx answer is not the app's.
 */
export const test = base.extend<{ pageProblems: string[] }>({
  pageProblems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        if (message.text().startsWith('Failed to load resource')) return;
        problems.push(`console.error: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
      await use(problems);
      expect(problems, 'console errors or uncaught exceptions').toEqual([]);
    },
    { auto: true },
  ],
});

export const sessionKey = (backend: Backend) => `storefront-demo:session:${backend}`;

/** Opens the demo on a backend and scenario, and waits until the sample customer shows. */
export async function openSignedIn(
  page: Page,
  backend: Backend,
  scenario = 'ok',
  retryAfter = 5,
): Promise<void> {
  await page.goto(`/?backend=${backend}&scenario=${scenario}&retryAfter=${retryAfter}`);
  await expect(page.getByText('Hi, Maya')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
}

/** The session stored in localStorage under the demo's key. */
export async function storedSession(page: Page, backend: Backend): Promise<StoredSession | null> {
  const text = await page.evaluate((key) => localStorage.getItem(key), sessionKey(backend));
  return text === null ? null : (JSON.parse(text) as { state: StoredSession }).state;
}

/** Everything web storage holds, as one string to search for a token or an email. */
export async function webStorageText(page: Page): Promise<string> {
  return page.evaluate(
    () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
  );
}

/** The payload of a JWT, read in the test (not by the app). */
export function jwtPayload(token: string): Record<string, unknown> {
  const [, payload = ''] = token.split('.');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** How many logout requests the demo's request log shows. */
export async function loggedLogouts(page: Page): Promise<number> {
  const log = page.getByRole('region', { name: 'Request log' });
  return log
    .getByRole('listitem')
    .filter({ hasText: /POST\s*logout/ })
    .count();
}

const SHOTS = 'test-results/screenshots';

/** Saves a full-page screenshot under test-results/screenshots/ (kept between runs). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}
