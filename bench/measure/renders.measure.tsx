// Part 3 of `npm run bench`: renders during a 60 s cooldown. A Wemasy logout answered 429 with
// `Retry-After: 60` (the kit's msw handlers) starts the cooldown; React's <Profiler> counts the
// commits of the LogoutButton and of a sibling that reads the session, over the 60 s that follow,
// on vitest's fake clock in jsdom.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { Profiler, type ProfilerOnRenderCallback } from 'react';
import { afterAll, beforeAll, test, vi } from 'vitest';
import {
  AuthKitProvider,
  createSessionStore,
  LogoutButton,
  useSession,
  wemasy,
} from '../../src/index.js';
import { wemasyHandlers, wemasySession } from '../../src/testing/index.js';

/** bench/run.mjs runs vitest from the repository root. */
const outDir = join(process.cwd(), 'bench/.out');
const COOLDOWN_MS = 60_000;
/** The fake clock moves in steps this long, each inside its own act(), like time passing. */
const STEP_MS = 50;

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

let siblingCalls = 0;
function CustomerName() {
  siblingCalls += 1;
  const name = useSession((session) => session.user?.first_name ?? null);
  return <p>{name === null ? 'Guest' : `Signed in as ${name}`}</p>;
}

test('renders during a 60 s cooldown', async () => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  server.resetHandlers(...wemasyHandlers({ scenario: 'rate-limited', retryAfter: 60 }));
  const store = createSessionStore();
  store.getState().setSession(wemasySession());

  const commits: { id: string; at: number }[] = [];
  const onRender: ProfilerOnRenderCallback = (id) => commits.push({ id, at: Date.now() });

  render(
    <QueryClientProvider client={new QueryClient()}>
      {/* autoRetry off: the retry at 0 s and its own renders are not part of the cooldown. */}
      <AuthKitProvider backend={wemasy()} store={store} autoRetry={false}>
        <Profiler id="LogoutButton" onRender={onRender}>
          <LogoutButton />
        </Profiler>
        <Profiler id="sibling" onRender={onRender}>
          <CustomerName />
        </Profiler>
      </AuthKitProvider>
    </QueryClientProvider>,
  );

  const button = screen.getByRole('button', { name: 'Log out' });
  await act(async () => {
    fireEvent.click(button);
  });
  // Wait (on the fake clock) for the 429 to arrive and the countdown to show.
  for (let i = 0; i < 200 && !/Try again/.test(button.textContent ?? ''); i += 1) {
    await act(() => vi.advanceTimersByTimeAsync(5));
  }
  const retryAt = store.getState().retryAt;
  if (retryAt === null || !/Try again/.test(button.textContent ?? '')) {
    throw new Error(`no cooldown started; the button says "${button.textContent}"`);
  }
  const start = Date.now();
  const firstLabel = button.textContent;
  commits.length = 0;
  siblingCalls = 0;

  while (Date.now() < start + COOLDOWN_MS) {
    await act(() => vi.advanceTimersByTimeAsync(STEP_MS));
  }
  const lastLabel = button.textContent;
  const windowMs = Date.now() - start;
  vi.useRealTimers();

  const count = (id: string) => commits.filter((commit) => commit.id === id).length;
  const seconds = windowMs / 1000;
  const rows = [
    {
      component: 'LogoutButton (reads secondsLeft)',
      renders: count('LogoutButton'),
      perSecond: count('LogoutButton') / seconds,
      goal: 'one a second',
    },
    {
      component: 'sibling reading the session (useSession)',
      renders: count('sibling'),
      perSecond: count('sibling') / seconds,
      goal: 'none',
    },
  ];
  writeFileSync(
    join(outDir, 'renders.json'),
    `${JSON.stringify(
      {
        rows,
        windowMs,
        retryAfterSeconds: 60,
        firstLabel,
        lastLabel,
        siblingFunctionCalls: siblingCalls,
      },
      null,
      2,
    )}\n`,
  );
});
