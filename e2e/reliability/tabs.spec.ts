import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { type BrowserContext, expect, test } from '@playwright/test';

// Counted for RELIABILITY.md; one worker runs this file, so one count covers it.
test.describe.configure({ mode: 'serial' });
let cases = 0;
// biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures a hook wants from this pattern; this one wants none
test.afterEach(({}, testInfo) => {
  if (testInfo.status === 'passed') cases += 1;
});
test.afterAll(() => {
  const dir = resolve('test-results/reliability');
  mkdirSync(dir, { recursive: true });
  const row = {
    key: 'chromium',
    failure:
      'two pages of one Chromium profile: sign-in and logout (localStorage and memory stores), the Commerce Engine anonymous session, a 429 cooldown with a reload, a local-first logout whose page goes away',
    held: 'the other page follows within one second without a reload; the countdown survives the reload and one retry is sent for both pages; the pending revocation goes out on pagehide',
    cases,
    test: 'e2e/reliability/tabs.spec.ts',
  };
  writeFileSync(`${dir}/e2e-tabs.json`, `${JSON.stringify([row], null, 2)}\n`);
});

interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

const loggedOut: Answer = { status: 200, body: { error: false, message: 'Logged out.', data: [] } };

/** Answers every logout of every page in the context in turn; returns their Authorization headers. */
async function answerLogouts(context: BrowserContext, answers: Answer[]) {
  const seen: string[] = [];
  await context.route('**/reliability-api/**', async (route) => {
    seen.push((await route.request().allHeaders()).authorization ?? '');
    const answer = answers[Math.min(seen.length - 1, answers.length - 1)] ?? loggedOut;
    await route.fulfill({
      status: answer.status,
      headers: answer.headers ?? {},
      contentType: 'application/json',
      body: JSON.stringify(answer.body ?? { error: true, message: 'Server Error' }),
    });
  });
  return seen;
}

async function openTab(context: BrowserContext, query: string) {
  const page = await context.newPage();
  await page.goto(`/e2e/reliability/page.html?${query}`);
  await expect(page.getByRole('heading', { name: 'Reliability' })).toBeVisible();
  return page;
}

// "Within one second" is the requirement (issue 4), so it is the timeout of these expectations.
const withinOneSecond = { timeout: 1_000 };

for (const persist of ['local', 'memory']) {
  test(`a sign-in and a logout show in the other tab within a second (${persist} store)`, async ({
    context,
  }) => {
    const seen = await answerLogouts(context, [loggedOut]);
    const tab = await openTab(context, `persist=${persist}`);
    const other = await openTab(context, `persist=${persist}`);

    await tab.getByRole('button', { name: 'Sign in' }).click();
    await expect(other.getByText('Signed in as Maya')).toBeVisible(withinOneSecond);
    await tab.getByRole('button', { name: 'Log out' }).click();
    await expect(tab.getByText('Signed out')).toBeVisible();
    await expect(other.getByText('Signed out')).toBeVisible(withinOneSecond);
    expect(seen).toHaveLength(1);
  });
}

test('the anonymous session Commerce Engine hands back shows in the other tab', async ({
  context,
}) => {
  await answerLogouts(context, [
    {
      status: 200,
      body: {
        message: 'Logged out successfully.',
        success: true,
        content: {
          access_token: 'anonymous-access',
          refresh_token: 'anonymous-refresh',
          user: { id: 'anon-1', is_anonymous: true, is_logged_in: false },
        },
      },
    },
  ]);
  const tab = await openTab(context, 'backend=commerce-engine');
  const other = await openTab(context, 'backend=commerce-engine');
  await tab.getByRole('button', { name: 'Sign in' }).click();
  await expect(other.getByText('Signed in as Maya')).toBeVisible();
  await tab.getByRole('button', { name: 'Log out' }).click();
  await expect(other.getByText('Guest')).toBeVisible(withinOneSecond);
});

test('a cooldown survives a reload, shows in both tabs, and one retry is sent for both', async ({
  context,
}) => {
  const seen = await answerLogouts(context, [
    { status: 429, headers: { 'Retry-After': '4', 'X-RateLimit-Remaining': '0' } },
    loggedOut,
  ]);
  const tab = await openTab(context, '');
  const other = await openTab(context, '');
  await tab.getByRole('button', { name: 'Sign in' }).click();
  await expect(other.getByText('Signed in as Maya')).toBeVisible();

  await tab.getByRole('button', { name: 'Log out' }).click();
  const counting = /^Try again in [1-4] s$/;
  await expect(tab.getByRole('button', { name: counting })).toBeVisible();
  await expect(other.getByRole('button', { name: counting })).toBeVisible();
  await other.reload();
  await expect(other.getByRole('button', { name: counting })).toHaveAttribute(
    'aria-disabled',
    'true',
  );
  expect(seen).toHaveLength(1);

  await expect(tab.getByText('Signed out')).toBeVisible({ timeout: 10_000 });
  await expect(other.getByText('Signed out')).toBeVisible({ timeout: 10_000 });
  expect(seen).toHaveLength(2);
  expect(seen[1]).toBe(seen[0]);
});

/**
 * A real HTTP server on another port for the logout endpoint. Playwright's routing does not see a
 * keepalive request sent while a page unloads, a server does. It answers CORS preflights, as an
 * API on another origin must for an Authorization header.
 */
async function startApi(answers: Answer[]) {
  const seen: string[] = [];
  const server = createServer((request, response) => {
    const cors = {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Headers': 'Authorization, Accept',
      'Access-Control-Allow-Methods': 'POST',
    };
    if (request.method === 'OPTIONS') {
      response.writeHead(204, cors).end();
      return;
    }
    seen.push(request.headers.authorization ?? '');
    const answer = answers[Math.min(seen.length - 1, answers.length - 1)] ?? loggedOut;
    response
      .writeHead(answer.status, { ...cors, 'Content-Type': 'application/json' })
      .end(JSON.stringify(answer.body ?? { error: true, message: 'Server Error' }));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { seen, url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

test('a local-first logout signs every tab out at once and sends the revocation on pagehide', async ({
  context,
}) => {
  const api = await startApi([{ status: 503 }, loggedOut]);
  // A long backoff: only the page going away can send the second attempt in this test's time.
  const query = `strategy=local-first&retryDelayMs=600000&api=${encodeURIComponent(`${api.url}/wemasy`)}`;
  const tab = await openTab(context, query);
  const other = await openTab(context, query);
  await tab.getByRole('button', { name: 'Sign in' }).click();
  await expect(other.getByText('Signed in as Maya')).toBeVisible();

  await tab.getByRole('button', { name: 'Log out' }).click();
  await expect(tab.getByText('Signed out')).toBeVisible();
  await expect(other.getByText('Signed out')).toBeVisible(withinOneSecond);
  await expect.poll(() => api.seen.length).toBe(1);
  await expect(tab.getByText('Revocation: pending')).toBeVisible();
  const token = api.seen[0]?.replace('Bearer ', '') ?? '';
  expect(token).toMatch(/^customer-/);
  expect(await other.evaluate(() => localStorage.getItem('reliability-session'))).not.toContain(
    token,
  );

  await tab.goto('about:blank');
  await expect.poll(() => api.seen.length).toBe(2);
  expect(api.seen[1]).toBe(api.seen[0]);
  api.close();
});
