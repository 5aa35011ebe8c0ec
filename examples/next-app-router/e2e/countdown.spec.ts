import {
  expect,
  logoutsSent,
  rateLimitLogouts,
  signIn,
  signInLink,
  storedSession,
  test,
} from './fixtures';

test('a cooldown in the cookie is rendered by the server, and the button hydrates without a mismatch after a second ticked over', async ({
  page,
  context,
  pageProblems,
}) => {
  const email = await signIn(page);
  await rateLimitLogouts(page, email, 1, 8);
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('button', { name: /^Try again in [78] s$/ })).toBeVisible();
  const retryAt = (await storedSession(context))?.retryAt ?? 0;

  // The client's JavaScript arrives 1.5 s after the HTML: the server's "Try again in N s" is at
  // least a second old when React hydrates it. (Routing also turns off the HTTP cache.)
  await page.route('**/_next/static/**/*.js', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.continue();
  });
  const response = await page.reload();
  const html = (await response?.text()) ?? '';
  const rendered = /Try again in (\d+) s/.exec(html);
  expect(rendered, 'the server rendered the countdown').not.toBeNull();
  const serverSeconds = Number(rendered?.[1]);
  expect(serverSeconds).toBeGreaterThan(0);
  expect(html).toMatch(/<button[^>]*aria-disabled="true"[^>]*>Try again in/);

  // Hydrated and counting: a later second than the server rendered.
  const counting = page.getByRole('button', { name: /^Try again in \d+ s$/ });
  await expect
    .poll(async () => Number(/(\d+)/.exec((await counting.textContent()) ?? '')?.[1]), {
      timeout: 5_000,
    })
    .toBeLessThan(serverSeconds);
  await page.waitForLoadState('networkidle');
  expect(pageProblems, 'no hydration mismatch').toEqual([]);

  // The cooldown survived the reload: the retry goes out when it ends, not before.
  await expect(signInLink(page)).toBeVisible({ timeout: retryAt - Date.now() + 5_000 });
  expect(Date.now()).toBeGreaterThanOrEqual(retryAt);
  expect(await logoutsSent(page, email)).toBe(2);
});
