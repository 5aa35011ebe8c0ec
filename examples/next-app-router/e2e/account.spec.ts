import {
  expect,
  signIn,
  signInLink,
  test,
  uniqueEmail,
  watchForText,
  withServerRendered,
} from './fixtures';

test("the account page shows the customer's orders, fetched on the server with their token", async ({
  page,
  context,
}) => {
  await signIn(page);
  await expect(page.getByRole('table', { name: 'Your orders' })).toContainText('SO-10482');
  await withServerRendered(context, '/account', async (plain) => {
    await expect(plain.getByRole('table', { name: 'Your orders' })).toContainText('SO-10517');
  });
});

test('a logout on the account page takes the orders off it, and back and forward do not bring them back', async ({
  page,
}) => {
  await signIn(page);
  const orders = page.getByRole('table', { name: 'Your orders' });
  await expect(orders).toContainText('SO-10482');
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByText('Sign in to see your orders.')).toBeVisible();
  await expect(orders).toHaveCount(0);

  const seen = await watchForText(page, 'SO-10482');
  await page.goBack();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goForward();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText('Sign in to see your orders.')).toBeVisible();
  expect(await seen(), 'the previous orders showed, if only for a frame').toEqual([]);
});

test('after a logout, client-side navigation to the account page never shows the previous orders', async ({
  page,
}) => {
  await signIn(page);
  await expect(page.getByRole('table', { name: 'Your orders' })).toContainText('SO-10482');
  await page.getByRole('link', { name: 'Demo store' }).click();
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(signInLink(page)).toBeVisible();

  const seen = await watchForText(page, 'SO-10482');
  await page.getByRole('link', { name: 'Account' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText('Sign in to see your orders.')).toBeVisible();
  expect(await seen(), 'the previous orders showed, if only for a frame').toEqual([]);
});

test('after a logout, the browser back button never shows the previous orders', async ({
  page,
}) => {
  await signIn(page);
  await expect(page.getByRole('table', { name: 'Your orders' })).toContainText('SO-10482');
  await page.getByRole('link', { name: 'Demo store' }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(signInLink(page)).toBeVisible();

  const seen = await watchForText(page, 'SO-10482');
  await page.goBack();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText('Sign in to see your orders.')).toBeVisible();
  await page.goForward();
  await page.goBack();
  await expect(page.getByText('Sign in to see your orders.')).toBeVisible();
  expect(await seen(), 'the previous orders showed, if only for a frame').toEqual([]);
});

test("the next customer on the device never sees the previous customer's orders", async ({
  page,
}) => {
  await signIn(page);
  await expect(page.getByRole('table', { name: 'Your orders' })).toContainText('SO-10482');
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByText('Sign in to see your orders.')).toBeVisible();

  const seen = await watchForText(page, 'SO-10482');
  await signInLink(page).click();
  await page.getByLabel('Email').fill(uniqueEmail('noah'));
  await page.getByLabel('Password').fill('storefront');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('table', { name: 'Your orders' })).toContainText('SO-20931');
  // Back through the history to the page that showed Maya's orders, and forward again.
  await page.goBack();
  await page.goBack();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('table', { name: 'Your orders' })).toContainText('SO-20931');
  await page.goForward();
  await page.goForward();
  expect(await seen(), "Maya's orders showed while Noah was signed in").toEqual([]);
});
