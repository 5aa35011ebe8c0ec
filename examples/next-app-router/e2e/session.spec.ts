import {
  expect,
  SESSION_COOKIE,
  sessionCookies,
  signIn,
  signInLink,
  storedSession,
  test,
  uniqueEmail,
  withServerRendered,
} from './fixtures';

test('the HTML the server sends already greets the signed-in customer by name', async ({
  page,
  context,
}) => {
  await signIn(page);
  await withServerRendered(context, '/', async (plain) => {
    await expect(plain.getByRole('banner')).toContainText('Hi Maya');
    await expect(plain.getByRole('banner').getByRole('button', { name: 'Log out' })).toBeVisible();
    await expect(signInLink(plain)).toHaveCount(0);
  });
  // And after a reload with JavaScript on, of course.
  await page.reload();
  await expect(page.getByRole('banner')).toContainText('Hi Maya');
});

test('a Server Component renders with the kit’s default labels (a module without use client)', async ({
  context,
}) => {
  await withServerRendered(context, '/', async (plain) => {
    await expect(plain.getByRole('main')).toContainText('The button then reads “Try again in 5 s”');
  });
});

test('the session is kept in a cookie for the whole site, SameSite=Lax, that the page wrote', async ({
  page,
  context,
}) => {
  await signIn(page);
  const cookies = await sessionCookies(context);
  expect(cookies.map((cookie) => cookie.name)).toEqual([SESSION_COOKIE]);
  const [cookie] = cookies;
  expect(cookie).toMatchObject({ path: '/', sameSite: 'Lax', httpOnly: false, secure: false });
  // 30 days by default, give or take the test's own duration.
  expect(cookie?.expires ?? 0).toBeGreaterThan(Date.now() / 1000 + 29 * 86400);
  const session = await storedSession(context);
  expect(session?.user?.first_name).toBe('Maya');
  expect(session?.accessToken).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+$/);
});

test('a session too large for one cookie is split over several, and the server reads it', async ({
  page,
  context,
}) => {
  await signIn(page, uniqueEmail('lena'));
  const names = (await sessionCookies(context)).map((cookie) => cookie.name).sort();
  expect(names).toEqual([`${SESSION_COOKIE}|0`, `${SESSION_COOKIE}|1`]);
  expect((await storedSession(context))?.user?.first_name).toBe('Lena');
  await withServerRendered(context, '/account', async (plain) => {
    await expect(plain.getByRole('banner')).toContainText('Hi Lena');
    await expect(plain.getByRole('table', { name: 'Your orders' })).toContainText('SO-31207');
  });
});

test('no page holds a token: not in its HTML, nor in the data it hands to the client', async ({
  page,
  context,
}) => {
  await signIn(page);
  const session = await storedSession(context);
  const secrets = [session?.accessToken, session?.refreshToken].flatMap((token) => {
    const [header, payload, signature] = (token ?? '').split('.');
    return [token, payload, signature].filter((part): part is string => Boolean(part && header));
  });
  expect(secrets).toHaveLength(6);
  for (const path of ['/', '/account', '/sign-in']) {
    // The request carries the browser's cookies, as a reload would.
    const html = await (await page.request.get(path)).text();
    expect(html).toContain('Hi ');
    for (const secret of secrets) expect(html).not.toContain(secret);
  }
  // A client-side navigation fetches the next page's React Server Components payload instead.
  const payloads: string[] = [];
  await page.route(
    (url) => url.searchParams.has('_rsc'),
    async (route) => {
      const response = await route.fetch();
      payloads.push(await response.text());
      await route.fulfill({ response });
    },
  );
  await page.getByRole('link', { name: 'Demo store' }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.getByRole('link', { name: 'Account' }).click();
  await expect(page.getByRole('table', { name: 'Your orders' })).toBeVisible();
  expect(payloads.length).toBeGreaterThan(0);
  for (const payload of payloads)
    for (const secret of secrets) expect(payload).not.toContain(secret);
});

test('every page loads and hydrates without an error or a warning, signed in and signed out', async ({
  page,
  pageProblems,
}) => {
  // React reports a hydration mismatch as an uncaught error, which the pageProblems fixture
  // collects; each page is loaded from the server, not navigated to.
  for (const path of ['/', '/account', '/sign-in']) {
    await page.goto(path);
    await expect(signInLink(page)).toBeVisible();
    await page.waitForLoadState('networkidle');
  }
  await signIn(page);
  for (const path of ['/', '/account', '/sign-in']) {
    await page.goto(path);
    await expect(page.getByRole('banner')).toContainText('Hi Maya');
    // Hydration has run by the time the network has been quiet for half a second.
    await page.waitForLoadState('networkidle');
  }
  expect(pageProblems).toEqual([]);
});
