import { randomUUID } from 'node:crypto';
import { test as base, expect, type Page } from '@playwright/test';

export { expect };

/** The session as the kit's store persists it under `shop-session`. */
export interface StoredSession {
  accessToken: string | null;
  refreshToken: string | null;
  user: {
    id: string;
    first_name?: string | null;
    email?: string | null;
    is_anonymous?: boolean;
  } | null;
  retryAt: number | null;
  epoch: number;
}

export const PASSWORD = 'storefront';

/**
 * Every test fails when a page logs a console error (React's hydration errors among them) or
 * throws. The browser's own "Failed to load resource" line for a 4xx answer of the mock (the 401
 * and 429 the tests ask for) is not the app's.
 */
export const test = base.extend<{ pageProblems: string[] }>({
  pageProblems: [
    async ({ context }, use) => {
      const problems: string[] = [];
      const watch = (page: Page) => {
        page.on('console', (message) => {
          if (message.type() !== 'error' && message.type() !== 'warning') return;
          if (message.text().startsWith('Failed to load resource')) return;
          problems.push(`console.${message.type()}: ${message.text()}`);
        });
        page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
      };
      context.pages().forEach(watch);
      context.on('page', watch);
      await use(problems);
      expect(problems, 'console errors, warnings or uncaught exceptions').toEqual([]);
    },
    { auto: true },
  ],
});

/** An address of its own for each test, so tests running side by side share no mocked state. */
export function uniqueEmail(person: 'maya' | 'noah' = 'maya'): string {
  return `${person}+${randomUUID().slice(0, 8)}@example.com`;
}

/** Signs in on the sign-in page and waits for the account page; returns the email used. */
export async function signIn(page: Page, email = uniqueEmail()): Promise<string> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account$/);
  const name = email.startsWith('noah') ? 'Noah' : 'Maya';
  await expect(page.getByRole('banner')).toContainText(`Hi ${name}`);
  return email;
}

/** The session the browser holds for the page's origin, as the kit persisted it. */
export async function storedSession(page: Page): Promise<StoredSession | null> {
  const text = await page.evaluate(() => localStorage.getItem('shop-session'));
  return text === null ? null : (JSON.parse(text) as { state: StoredSession }).state;
}

/** The customer's next `times` logouts answer 429 with `Retry-After: retryAfterSeconds`. */
export async function rateLimitLogouts(
  page: Page,
  email: string,
  times: number,
  retryAfterSeconds: number,
): Promise<void> {
  const response = await page.request.post('/api/mock', {
    data: { email, times, retryAfterSeconds },
  });
  expect(response.status()).toBe(204);
}

/** How many logout requests with a live token of the customer reached the mocked API. */
export async function logoutsSent(page: Page, email: string): Promise<number> {
  const response = await page.request.get(`/api/mock?email=${encodeURIComponent(email)}`);
  return ((await response.json()) as { logouts: number }).logouts;
}
