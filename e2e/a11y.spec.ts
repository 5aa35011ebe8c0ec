import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, openSignedIn, screenshot, test } from './fixtures.js';

/** Serious and critical axe-core violations of the whole page, summed up for the message. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(', ')}`,
    );
}

for (const backend of ['commerce-engine', 'wemasy'] as const) {
  test(`${backend}: no serious or critical axe violations when idle, counting down and signed out`, async ({
    page,
  }) => {
    await openSignedIn(page, backend, 'rate-limited', 2);
    await expect(page.getByRole('table')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, `${backend}-signed-in`);

    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page.getByRole('button', { name: /^Try again in \d s$/ })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, `${backend}-counting-down`);

    await expect(page.getByRole('button', { name: 'Sign in again' })).toBeVisible({
      timeout: 10_000,
    });
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test('no serious or critical axe violations with a failed logout on screen', async ({ page }) => {
  await openSignedIn(page, 'commerce-engine', 'network-error');
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
