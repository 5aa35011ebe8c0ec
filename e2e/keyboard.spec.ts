import { expect, openSignedIn, test } from './fixtures.js';

for (const backend of ['commerce-engine', 'wemasy'] as const) {
  test(`${backend}: Tab reaches the logout button and Enter logs out`, async ({ page }) => {
    await openSignedIn(page, backend);
    const button = page.getByRole('button', { name: 'Log out' });
    let presses = 0;
    while (!(await button.evaluate((element) => element === document.activeElement))) {
      presses += 1;
      expect(presses, 'Tab presses before the logout button').toBeLessThan(10);
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await expect(page.getByRole('banner')).toContainText(
      backend === 'wemasy' ? 'Signed out' : 'Guest',
    );
    const signIn = page.getByRole('button', { name: 'Sign in again' });
    await expect(signIn).toBeFocused();
    // And back in, by keyboard too.
    await page.keyboard.press('Enter');
    await expect(page.getByRole('banner')).toContainText('Hi, Maya');
  });
}
