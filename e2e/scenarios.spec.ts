import {
  type Backend,
  expect,
  jwtPayload,
  loggedLogouts,
  openSignedIn,
  screenshot,
  storedSession,
  test,
  webStorageText,
} from './fixtures.js';

type End = 'signed-out' | 'already-signed-out' | 'emptied' | 'kept';

/** What each scenario must leave behind, as the contract's outcome table says. */
const scenarios: { scenario: string; end: End; alert?: RegExp }[] = [
  { scenario: 'ok', end: 'signed-out' },
  { scenario: 'unauthorized', end: 'already-signed-out' },
  { scenario: 'rate-limited', end: 'signed-out' },
  { scenario: 'server-error', end: 'kept', alert: /something went wrong on our side/i },
  { scenario: 'network-error', end: 'kept', alert: /could not reach the shop/i },
  { scenario: 'slow', end: 'signed-out' },
  { scenario: 'malformed', end: 'emptied' },
  { scenario: 'not-found', end: 'already-signed-out' },
  { scenario: 'bad-request', end: 'kept', alert: /could not sign you out/i },
];

const backends: Backend[] = ['commerce-engine', 'wemasy'];

for (const backend of backends) {
  for (const { scenario, end, alert } of scenarios) {
    test(`${backend}, ${scenario}: logging out leaves the page and web storage as the contract says`, async ({
      page,
    }) => {
      await openSignedIn(page, backend, scenario, 1);
      const before = await storedSession(page, backend);
      const customerToken = before?.accessToken ?? '';
      expect(customerToken).not.toBe('');
      await expect(page.getByRole('table')).toContainText('SO-10482');

      const button = page.getByRole('button', { name: 'Log out' });
      await button.click();

      if (scenario === 'slow') {
        await expect(page.getByRole('button', { name: 'Logging out…' })).toHaveAttribute(
          'aria-disabled',
          'true',
        );
      }
      if (scenario === 'rate-limited') {
        await expect(page.getByRole('button', { name: /Try again in \d+ s/ })).toHaveAttribute(
          'aria-disabled',
          'true',
        );
      }

      const header = page.getByRole('banner');
      if (end === 'kept') {
        const message = page.getByRole('alert');
        await expect(message).toContainText(alert ?? /./);
        await expect(message).toContainText('still signed in');
        await expect(message.getByRole('button', { name: 'Try again' })).toBeVisible();
        await expect(header).toContainText('Hi, Maya');
        await expect(page.getByRole('table')).toContainText('SO-10482');
        const after = await storedSession(page, backend);
        expect(after?.accessToken).toBe(customerToken);
        expect(after?.user?.email).toBe('maya.jansen@example.com');
        await screenshot(page, `${backend}-${scenario}-error`);
        // Trying again sends one more request and, the server still failing, says so again.
        await message.getByRole('button', { name: 'Try again' }).click();
        await expect.poll(() => loggedLogouts(page)).toBe(2);
        await expect(page.getByRole('alert')).toContainText('still signed in');
        return;
      }

      const guest = backend === 'commerce-engine' && end === 'signed-out';
      await expect(header).toContainText(guest ? 'Guest' : 'Signed out');
      await expect(header).not.toContainText('maya.jansen@example.com');
      await expect(page.getByRole('alert')).toHaveCount(0);
      await expect(page.getByRole('status').filter({ hasText: /signed out/i })).toBeVisible();
      await expect(page.getByText('Sign in to see your orders.')).toBeVisible();
      await expect(page.getByRole('region', { name: 'Query cache' })).toContainText('Empty.');

      const storage = await webStorageText(page);
      expect(storage).not.toContain(customerToken);
      expect(storage).not.toContain('maya.jansen@example.com');
      const after = await storedSession(page, backend);
      if (guest) {
        expect(after?.user?.is_anonymous).toBe(true);
        expect(jwtPayload(after?.accessToken ?? '')).toMatchObject({
          is_anonymous: true,
          is_logged_in: false,
          customer_id: null,
        });
      } else {
        expect(after).toMatchObject({ accessToken: null, refreshToken: null, user: null });
      }
      expect(after?.retryAt).toBeNull();
      expect(await loggedLogouts(page)).toBe(scenario === 'rate-limited' ? 2 : 1);
      if (scenario === 'ok') await screenshot(page, `${backend}-signed-out`);

      // A reload keeps the outcome: the sample customer is not seeded again.
      await page.reload();
      await expect(page.getByRole('button', { name: 'Sign in again' })).toBeVisible();
      await expect(page.getByRole('banner')).toContainText(guest ? 'Guest' : 'Signed out');
    });
  }

  test(`${backend}: "Sign in again" brings the sample customer and the orders back`, async ({
    page,
  }) => {
    await openSignedIn(page, backend);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('button', { name: 'Sign in again' }).click();
    await expect(page.getByRole('banner')).toContainText('Hi, Maya');
    await expect(page.getByRole('banner')).toContainText('maya.jansen@example.com');
    await expect(page.getByRole('table')).toContainText('SO-10482');
    const log = page.getByRole('region', { name: 'Request log' });
    await expect(log).toContainText(backend === 'wemasy' ? 'demo-sign-in' : 'login/password');
    if (backend === 'commerce-engine') {
      // The SDK signs in with the guest session the logout handed back, and lists the orders.
      const signIns = log.getByRole('listitem').filter({ hasText: /POST\s*login\/password/ });
      await expect(signIns.first()).toContainText('Sent by the SDK, with guest token');
      const orders = log.getByRole('listitem').filter({ hasText: /GET\s*orders/ });
      await expect(orders.first()).toContainText('Sent by the SDK, with customer token');
    }
    // The new session logs out like the first one.
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page.getByRole('button', { name: 'Sign in again' })).toBeVisible();
  });
}

test('the request log and the session view never show a whole token', async ({ page }) => {
  await openSignedIn(page, 'commerce-engine');
  const customer = await storedSession(page, 'commerce-engine');
  const token = customer?.accessToken ?? '';
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('banner')).toContainText('Guest');
  const guest = await storedSession(page, 'commerce-engine');
  const anonymous = guest?.accessToken ?? '';
  const text = (await page.locator('body').textContent()) ?? '';
  for (const secret of [
    token,
    anonymous,
    customer?.refreshToken ?? '',
    guest?.refreshToken ?? '',
  ]) {
    expect(secret).not.toBe('');
    expect(text).not.toContain(secret.slice(10, -10));
  }
  await expect(page.getByRole('region', { name: 'Request log' })).toContainText(
    `Bearer ${token.slice(0, 6)}…${token.slice(-4)}`,
  );
});
