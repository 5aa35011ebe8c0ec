import { randomUUID } from 'node:crypto';
import {
  type BrowserContext,
  test as base,
  type Cookie,
  expect,
  type Page,
} from '@playwright/test';

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
export const SESSION_COOKIE = 'shop-session';

/**
 * Every test fails when a page logs a console error or warning (React's hydration errors among
 * them: in a production build an uncaught "Minified React error #418") or throws. The browser's
 * own "Failed to load resource" line for a 4xx answer of the mock (the 401 and 429 the tests ask
 * for) is not the app's.
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

export type Person = 'maya' | 'noah' | 'lena';

const FIRST_NAMES: Record<Person, string> = { maya: 'Maya', noah: 'Noah', lena: 'Lena' };

/** An address of its own for each test, so tests running side by side share no mocked state. */
export function uniqueEmail(person: Person = 'maya'): string {
  return `${person}+${randomUUID().slice(0, 8)}@example.com`;
}

export function firstNameOf(email: string): string {
  return FIRST_NAMES[email.split(/[+@]/)[0] as Person];
}

/** Signs in on the sign-in page and waits for the account page; returns the email used. */
export async function signIn(page: Page, email = uniqueEmail()): Promise<string> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('banner')).toContainText(`Hi ${firstNameOf(email)}`);
  return email;
}

/** The header's "Sign in" link: what a guest sees where the customer's name goes. */
export const signInLink = (page: Page) =>
  page.getByRole('banner').getByRole('link', { name: 'Sign in' });

/** The cookies that hold the session: `shop-session`, or its chunks `shop-session|0`, `|1`, … */
export async function sessionCookies(context: BrowserContext): Promise<Cookie[]> {
  const pattern = new RegExp(`^${SESSION_COOKIE}(\\|\\d+)?$`);
  return (await context.cookies()).filter((cookie) => pattern.test(cookie.name));
}

/** The session the browser holds in its cookies, read as the server reads it. */
export async function storedSession(context: BrowserContext): Promise<StoredSession | null> {
  const cookies = await sessionCookies(context);
  if (cookies.length === 0) return null;
  const whole = cookies.find((cookie) => cookie.name === SESSION_COOKIE);
  const chunks = cookies
    .filter((cookie) => cookie !== whole)
    .sort((a, b) => Number(a.name.split('|')[1]) - Number(b.name.split('|')[1]));
  const text = whole ? whole.value : chunks.map((cookie) => cookie.value).join('');
  return (JSON.parse(decodeURIComponent(text)) as { state: StoredSession }).state;
}

/**
 * Opens `path` with this browser's cookies and JavaScript off, so the page shows what the server
 * sent: the first paint, before any client code runs. `check` looks at it; the page is closed after.
 */
export async function withServerRendered(
  context: BrowserContext,
  path: string,
  check: (page: Page) => Promise<void>,
): Promise<void> {
  const browser = context.browser();
  if (!browser) throw new Error('the context has no browser');
  const plain = await browser.newContext({
    baseURL: test.info().project.use.baseURL ?? '',
    javaScriptEnabled: false,
    storageState: await context.storageState(),
  });
  try {
    const page = await plain.newPage();
    await page.goto(path);
    await check(page);
  } finally {
    await plain.close();
  }
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

/** Every token of the customer dies on the server, as when they signed out on another device. */
export async function revokeTokens(page: Page, email: string): Promise<void> {
  const response = await page.request.post('/api/mock', { data: { email, revoke: true } });
  expect(response.status()).toBe(204);
}

/** How many logout requests with a live token of the customer reached the mocked API. */
export async function logoutsSent(page: Page, email: string): Promise<number> {
  const response = await page.request.get(`/api/mock?email=${encodeURIComponent(email)}`);
  return ((await response.json()) as { logouts: number }).logouts;
}

/**
 * Starts recording whether `text` ever shows in the page from now on (a MutationObserver on the
 * whole document, so a flash of cached content for a single frame counts); returns a function that
 * says where it was seen. Survives client-side navigations, not full page loads.
 */
export async function watchForText(page: Page, text: string): Promise<() => Promise<string[]>> {
  await page.evaluate((watched) => {
    const seen: string[] = [];
    (window as unknown as { seenText: string[] }).seenText = seen;
    const check = () => {
      if (document.body.textContent?.includes(watched)) seen.push(location.pathname);
    };
    check();
    new MutationObserver(check).observe(document.body, {
      childList: true,
      subtree: true,
      characterData: true,
    });
  }, text);
  return () => page.evaluate(() => (window as unknown as { seenText: string[] }).seenText);
}
