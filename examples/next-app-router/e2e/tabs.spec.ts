import { expect, signIn, test } from './fixtures';

test('a logout in one tab signs the other tab out within 1 s', async ({ page, context }) => {
  await signIn(page);
  const other = await context.newPage();
  await other.goto('/');
  await expect(other.getByRole('banner')).toContainText('Hi Maya');

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expect(other.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible({
    timeout: 1_000,
  });
  await expect(other.getByRole('banner')).not.toContainText('Maya');
});
