import { expect, logoutsSent, rateLimitLogouts, signIn, storedSession, test } from './fixtures';

test('logs out: the customer is gone and the anonymous guest session of the answer is kept', async ({
  page,
}) => {
  await signIn(page);
  const before = await storedSession(page);
  await page.getByRole('button', { name: 'Log out' }).click();

  const banner = page.getByRole('banner');
  await expect(banner.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expect(banner).not.toContainText('Maya');
  const after = await storedSession(page);
  expect(after?.user?.is_anonymous).toBe(true);
  expect(after?.accessToken).toBeTruthy();
  expect(after?.accessToken).not.toBe(before?.accessToken);
  expect(after?.refreshToken).not.toBe(before?.refreshToken);
  expect(JSON.stringify(after)).not.toContain('Maya');
});

test('counts down after a 429 and logs out by itself when the countdown ends', async ({ page }) => {
  const email = await signIn(page);
  await rateLimitLogouts(page, email, 1, 3);

  await page.getByRole('button', { name: 'Log out' }).click();
  const counting = page.getByRole('button', { name: /^Try again in [1-3] s$/ });
  await expect(counting).toBeVisible();
  await expect(counting).toHaveAttribute('aria-disabled', 'true');
  await expect(page.getByRole('banner')).toContainText('Hi Maya');
  // A click during the cooldown sends nothing.
  await counting.click({ force: true });
  await expect(page.getByRole('button', { name: /^Try again in [12] s$/ })).toBeVisible();

  // The retry goes out when the countdown reaches 0, and this time the mock signs out.
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible({
    timeout: 6_000,
  });
  expect(await logoutsSent(page, email)).toBe(2);
});
