import {
  expect,
  loggedLogouts,
  openSignedIn,
  screenshot,
  storedSession,
  test,
} from './fixtures.js';

test('a 429 counts down in the button, which stays focused and aria-disabled, then logs out by itself', async ({
  page,
}) => {
  await openSignedIn(page, 'wemasy', 'rate-limited', 3);
  const button = page.getByRole('button', { name: 'Log out' });
  await button.focus();
  await page.keyboard.press('Enter');

  const counting = page.getByRole('button', { name: /^Try again in [1-3] s$/ });
  await expect(counting).toBeVisible();
  await expect(counting).toHaveAttribute('aria-disabled', 'true');
  await expect(counting).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'Too many attempts' })).toBeAttached();
  const stored = await storedSession(page, 'wemasy');
  expect(stored?.retryAt).toEqual(expect.any(Number));
  expect(stored?.user?.email).toBe('maya.jansen@example.com');

  // Clicks and Enter during the cooldown send nothing.
  await counting.click({ force: true });
  await page.keyboard.press('Enter');
  expect(await loggedLogouts(page)).toBe(1);
  await expect(page.getByText(/We will sign you out automatically in \d s/)).toBeVisible();

  // The seconds go down without a click, and the logout completes by itself.
  await expect(page.getByRole('button', { name: 'Try again in 1 s' })).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('Signed out', { timeout: 10_000 });
  expect(await loggedLogouts(page)).toBe(2);
  expect(await storedSession(page, 'wemasy')).toMatchObject({ accessToken: null, retryAt: null });
  // Focus goes on to the next thing to do rather than back to the top of the page.
  await expect(page.getByRole('button', { name: 'Sign in again' })).toBeFocused();
});

test('a reload during the cooldown shows the same countdown and sends nothing early', async ({
  page,
}) => {
  await openSignedIn(page, 'commerce-engine', 'rate-limited', 30);
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('button', { name: /^Try again in \d+ s$/ })).toBeVisible();
  await screenshot(page, 'commerce-engine-counting-down');
  await page.reload();
  const counting = page.getByRole('button', { name: /^Try again in (2\d|30) s$/ });
  await expect(counting).toBeVisible();
  await expect(counting).toHaveAttribute('aria-disabled', 'true');
  await expect(page.getByRole('banner')).toContainText('Hi, Maya');
  expect(await loggedLogouts(page)).toBe(0);
});
