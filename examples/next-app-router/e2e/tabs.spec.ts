import { expect, signIn, signInLink, test } from './fixtures';

test('a logout in one tab signs the other tab out within 1 s, its open account page included', async ({
  page,
  context,
}) => {
  await signIn(page);
  const other = await context.newPage();
  await other.goto('/account');
  const orders = other.getByRole('table', { name: 'Your orders' });
  await expect(orders).toContainText('SO-10482');

  await page.getByRole('link', { name: 'Demo store' }).click();
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(signInLink(page)).toBeVisible();

  // From the moment this tab is signed out: the other tab's header (the store, over the cookie's
  // channel) and its server-rendered account page (onSessionEnded → router.refresh()).
  await expect(signInLink(other)).toBeVisible({ timeout: 1_000 });
  await expect(other.getByText('Sign in to see your orders.')).toBeVisible({ timeout: 1_000 });
  await expect(orders).toHaveCount(0);
  await expect(other.getByRole('banner')).not.toContainText('Maya');
});
