import { expect, loggedLogouts, openSignedIn, storedSession, test } from './fixtures.js';

test('a logout in one tab signs the other tab out too, without a reload', async ({
  page,
  context,
}) => {
  await openSignedIn(page, 'commerce-engine');
  const other = await context.newPage();
  await openSignedIn(other, 'commerce-engine');
  await expect(other.getByRole('table')).toContainText('SO-10482');

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('banner')).toContainText('Guest');

  await expect(other.getByRole('banner')).toContainText('Guest');
  await expect(other.getByRole('banner')).not.toContainText('maya.jansen@example.com');
  await expect(other.getByText('Sign in to see your orders.')).toBeVisible();
  expect(await loggedLogouts(other)).toBe(0);
  expect((await storedSession(other, 'commerce-engine'))?.user?.is_anonymous).toBe(true);
  // The other tab's SDK reads the same store: its next call goes out as the guest.
  await other.getByRole('button', { name: 'Ask the server who I am' }).click();
  await expect(other.getByRole('status').filter({ hasText: 'The server answered' })).toContainText(
    'answered 200: a guest.',
  );
});

test('a logout in one tab empties the query cache of the other tab as well', async ({
  page,
  context,
}) => {
  await openSignedIn(page, 'wemasy');
  const other = await context.newPage();
  await openSignedIn(other, 'wemasy');
  const cache = other.getByRole('region', { name: 'Query cache' });
  await expect(cache).toContainText('3 rows');

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(other.getByRole('banner')).toContainText('Signed out');
  // The customer's orders must not outlive the session in any tab (CONTRACT.md).
  await expect(cache).toContainText('Empty.');
});

test('a cooldown shows in every tab, and only one tab sends the retry', async ({
  page,
  context,
}) => {
  // Each tab runs its own mock; the second answers every logout, so any retry succeeds.
  await openSignedIn(page, 'wemasy', 'rate-limited', 3);
  const other = await context.newPage();
  await openSignedIn(other, 'wemasy', 'ok');

  await page.getByRole('button', { name: 'Log out' }).click();
  const counting = other.getByRole('button', { name: /^Try again in [1-3] s$/ });
  await expect(counting).toBeVisible();
  await expect(counting).toHaveAttribute('aria-disabled', 'true');
  // The other tab's click during the cooldown sends nothing either.
  await counting.click({ force: true });

  await expect(page.getByRole('banner')).toContainText('Signed out', { timeout: 10_000 });
  await expect(other.getByRole('banner')).toContainText('Signed out');
  await expect.poll(async () => (await loggedLogouts(page)) + (await loggedLogouts(other))).toBe(2);
});
