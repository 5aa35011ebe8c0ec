import {
  expect,
  logoutsSent,
  rateLimitLogouts,
  revokeTokens,
  sessionCookies,
  signIn,
  signInLink,
  storedSession,
  test,
  uniqueEmail,
  withServerRendered,
} from './fixtures';

test('a logout keeps only the guest session Commerce Engine hands back, and the next server render says signed out', async ({
  page,
  context,
}) => {
  const email = await signIn(page);
  const before = await storedSession(context);
  await page.getByRole('link', { name: 'Demo store' }).click();
  await page.getByRole('button', { name: 'Log out' }).click();

  await expect(signInLink(page)).toBeVisible();
  await expect(page.getByRole('banner')).not.toContainText('Maya');
  // The cookie now holds the anonymous session of the answer, and nothing of the customer's.
  const after = await storedSession(context);
  expect(after?.user?.is_anonymous).toBe(true);
  expect(after?.accessToken).toBeTruthy();
  const cookies = JSON.stringify(await sessionCookies(context));
  for (const secret of [before?.accessToken, before?.refreshToken, email, 'Maya']) {
    expect(cookies).not.toContain(encodeURIComponent(secret ?? 'missing'));
  }
  await withServerRendered(context, '/', async (plain) => {
    await expect(signInLink(plain)).toBeVisible();
    await expect(plain.getByRole('banner')).not.toContainText('Maya');
  });
});

test('a logout the server answers 401 deletes every cookie of the session, and keeps only its epoch', async ({
  page,
  context,
}) => {
  // Lena's session takes two cookies; the server has ended it already (another device).
  const email = await signIn(page, uniqueEmail('lena'));
  expect(await sessionCookies(context)).toHaveLength(2);
  await revokeTokens(page, email);
  await page.getByRole('button', { name: 'Log out' }).click();

  await expect(signInLink(page)).toBeVisible();
  // One cookie is left, with the logout's epoch for a reload, and nothing of the session.
  expect((await sessionCookies(context)).map((cookie) => cookie.name)).toEqual(['shop-session']);
  expect(await storedSession(context)).toEqual({
    accessToken: null,
    refreshToken: null,
    user: null,
    retryAt: null,
    epoch: 1,
  });
  await withServerRendered(context, '/account', async (plain) => {
    await expect(signInLink(plain)).toBeVisible();
    await expect(plain.getByText('Sign in to see your orders.')).toBeVisible();
  });
});

test('a logout replaces a session split over two cookies with one, and leaves no chunk behind', async ({
  page,
  context,
}) => {
  await signIn(page, uniqueEmail('lena'));
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(signInLink(page)).toBeVisible();
  // The guest session fits one cookie: the two chunks of Lena's are gone, never both forms.
  expect((await sessionCookies(context)).map((cookie) => cookie.name)).toEqual(['shop-session']);
  expect((await storedSession(context))?.user?.is_anonymous).toBe(true);
});

test('counts down after a 429 and logs out by itself when the countdown ends', async ({
  page,
  context,
}) => {
  const email = await signIn(page);
  await rateLimitLogouts(page, email, 1, 3);

  await page.getByRole('button', { name: 'Log out' }).click();
  const counting = page.getByRole('button', { name: /^Try again in [1-3] s$/ });
  await expect(counting).toBeVisible();
  await expect(counting).toHaveAttribute('aria-disabled', 'true');
  await expect(page.getByRole('banner')).toContainText('Hi Maya');
  // The cooldown is in the cookie, for the server and other tabs.
  expect((await storedSession(context))?.retryAt).toBeGreaterThan(Date.now());
  // A click during the cooldown sends nothing.
  await counting.click({ force: true });
  await expect(page.getByRole('button', { name: /^Try again in [12] s$/ })).toBeVisible();

  // The retry goes out when the countdown reaches 0, and this time the mock signs out.
  await expect(signInLink(page)).toBeVisible({ timeout: 6_000 });
  expect(await logoutsSent(page, email)).toBe(2);
});
