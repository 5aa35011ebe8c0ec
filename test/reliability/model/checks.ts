import type { Model } from './model.js';
import { fail, SLACK_MS, type TabModel } from './state.js';
import { customLabels, persisted, type Tab } from './world.js';

/** Everything that must hold after every step. */
export function checkAll(model: Model, now: number) {
  const world = model.world;
  // The one line the kit may log: a development build's warning, once a page, when a 429 comes
  // without a readable Retry-After (a cross-origin API that does not expose it).
  const warning = (line: string) =>
    line.startsWith(
      'console.warn: [storefront-auth-kit] A 429 came without a readable Retry-After',
    );
  const other = world.logs.filter((line) => !warning(line));
  if (other.length > 0) fail(`the kit logged to the console:\n${other.join('\n')}`);
  const warnings = world.logs.length - other.length;
  if (warnings !== (model.unreadableRetryAfter ? 1 : 0)) {
    fail(
      `the kit warned ${warnings} times about an unreadable Retry-After; the contract says ${model.unreadableRetryAfter ? 'once' : 'never'}`,
    );
  }
  const leaked = world.logs.find((line) => allTokens(model).some((token) => line.includes(token)));
  if (leaked) fail(`a token reached the console: ${leaked}`);
  checkRequests(model);
  for (const tab of world.tabs.values()) checkTab(model, tab, model.tab(tab.id), now);
}

function allTokens(model: Model): string[] {
  return Object.values(model.world.shops).flatMap((shop) => [...(shop?.tokens ?? [])]);
}

/** A token only ever goes to its own backend's logout URL; a store sends one at a time. */
function checkRequests(model: Model) {
  const { world } = model;
  for (const request of world.requests) {
    const tab = request.tab ? world.tabs.get(request.tab) : undefined;
    const token = request.authorization?.replace(/^Bearer /, '') ?? null;
    const owner = Object.values(world.shops).find((shop) => token && shop?.tokens.has(token));
    if (!tab) fail(`a request to ${request.url} came from no tab's logout`);
    if (request.url !== tab.shop.logoutUrl) {
      fail(`tab ${tab.id} sent a request to ${request.url}, not to its logout URL`);
    }
    if (token === null || owner !== tab.shop) {
      fail(
        `tab ${tab.id} sent ${token === null ? 'no token' : owner ? `a token of the ${owner.key} shop` : `a token no shop issued (${JSON.stringify(token)})`} to ${request.url}`,
      );
    }
  }
  for (const tab of world.tabs.values()) {
    const held = world.requestsOf(tab.id).filter((request) => request.state === 'held');
    const tokens = held.map((request) => request.authorization);
    if (new Set(tokens).size !== tokens.length) {
      fail(`tab ${tab.id} has ${tokens.length} requests in flight with the same token`);
    }
  }
}

function checkTab(model: Model, tab: Tab, expected: TabModel, now: number) {
  const state = tab.store.getState();
  const actual = persisted(state);
  const contract = persisted({
    ...expected.session,
    user: expected.session.user === null ? null : { id: expected.session.user },
  });
  if (JSON.stringify(actual) !== JSON.stringify(contract)) {
    fail(
      `tab ${tab.id}'s store holds ${JSON.stringify(actual)}, the contract says ${JSON.stringify(contract)}`,
    );
  }
  for (const token of [state.accessToken, state.refreshToken]) {
    if (token === null) continue;
    if (!tab.shop.tokens.has(token)) {
      fail(`tab ${tab.id}'s store holds ${JSON.stringify(token)}, a token its shop never issued`);
    }
    const over = model.ended.get(token);
    if (over !== undefined && state.epoch >= over) {
      fail(`tab ${tab.id}'s store holds a token whose session ended (epoch ${over})`);
    }
  }
  const cached = tab.queryClient.getQueryCache().findAll().length > 0;
  if (cached !== expected.cached) {
    fail(
      expected.cached
        ? `tab ${tab.id}'s query cache was dropped although the session did not end`
        : `tab ${tab.id}'s query cache still holds the last customer's data after the session ended`,
    );
  }
  if (!expected.mounted) return;
  if (expected.logout && now > expected.logout.deadline + SLACK_MS) {
    fail(
      `tab ${tab.id}'s logout is pending ${now - expected.logout.sentAt} ms, past its timeoutMs`,
    );
  }
  checkShown(model, tab, expected, now);
}

/** `status`, `retryAt` and `secondsLeft` (and the button) agree with the store and the clock. */
function checkShown(model: Model, tab: Tab, expected: TabModel, now: number) {
  const rendered = tab.rendered;
  const result = tab.result;
  if (!rendered || !result) fail(`tab ${tab.id} renders nothing`);
  // A value may lag a moment behind a transition that happened within SLACK_MS.
  const fresh = [model.shown(expected, now), model.shown(expected, now - SLACK_MS)];
  const matches = (values: { status: string; retryAt: number | null; secondsLeft: number }) =>
    fresh.some(
      (shown) =>
        shown.status === values.status &&
        shown.retryAt === values.retryAt &&
        shown.secondsLeft === values.secondsLeft,
    );
  const seen = {
    status: rendered.status,
    retryAt: rendered.retryAt,
    secondsLeft: rendered.secondsLeft,
  };
  if (!matches(seen)) {
    fail(
      `tab ${tab.id}'s useLogout shows ${JSON.stringify(seen)} (rendered ${now - rendered.at} ms ago); ` +
        `the store and the clock say ${JSON.stringify(fresh[0])}`,
    );
  }
  const shown = fresh.find((values) => values.status === rendered.status) ?? fresh[0];
  if (rendered.isPending !== (rendered.status === 'pending'))
    fail(`tab ${tab.id}: isPending disagrees with status ${rendered.status}`);
  const kind = rendered.error?.kind ?? null;
  if (kind !== (shown?.kind ?? null)) {
    fail(`tab ${tab.id}'s error is ${kind}, the contract says ${shown?.kind ?? null}`);
  }
  if (JSON.stringify(rendered.rateLimit) !== JSON.stringify(expected.mutation.rateLimit)) {
    fail(
      `tab ${tab.id}'s rateLimit is ${JSON.stringify(rendered.rateLimit)}, the last answer said ${JSON.stringify(expected.mutation.rateLimit)}`,
    );
  }
  if (rendered.revocation !== expected.revocation) {
    fail(
      `tab ${tab.id}'s revocation is ${rendered.revocation}, the expected says ${expected.revocation}`,
    );
  }
  if (rendered.error) {
    const text = `${rendered.error.message} ${String((rendered.error as { cause?: unknown }).cause ?? '')}`;
    const leaked = allTokens(model).find((token) => text.includes(token));
    if (leaked) fail(`tab ${tab.id}'s error holds a token: ${text}`);
  }
  const statusOnly = tab.statusRead;
  if (!statusOnly || !fresh.some((values) => values.status === statusOnly.status)) {
    fail(
      `tab ${tab.id}'s component that reads only status shows ${statusOnly?.status} ` +
        `(rendered ${statusOnly ? now - statusOnly.at : '-'} ms ago); the contract says ${fresh[0]?.status}`,
    );
  }
  if (expected.logoutFn === null) expected.logoutFn = result.logout;
  else if (expected.logoutFn !== result.logout) fail(`tab ${tab.id}'s logout function changed`);
  checkButton(tab, expected, fresh);
  for (const call of expected.asyncCalls) {
    if (call.settled && call.expected !== 'open') {
      if (JSON.stringify(call.settled) !== JSON.stringify(call.expected)) {
        fail(
          `tab ${tab.id}'s ${call.label} settled with ${JSON.stringify(call.settled)}, the contract says ${JSON.stringify(call.expected)}`,
        );
      }
    } else if (call.settled && call.expected === 'open') {
      fail(`tab ${tab.id}'s ${call.label} settled with ${JSON.stringify(call.settled)} too early`);
    } else if (!call.settled && call.expected !== 'open') {
      fail(
        `tab ${tab.id}'s ${call.label} has not settled; it should have: ${JSON.stringify(call.expected)}`,
      );
    }
  }
  expected.asyncCalls = expected.asyncCalls.filter((call) => !call.settled);
}

function checkButton(
  tab: Tab,
  expected: TabModel,
  fresh: Array<{ status: string; secondsLeft: number }>,
) {
  const button = tab.button();
  if (!button) fail(`tab ${tab.id} shows no logout button`);
  const labels = tab.config.labels ?? {};
  const label = (key: keyof typeof customLabels) => labels[key] === 'custom';
  const texts = fresh.map(({ status, secondsLeft }) => {
    if (status === 'pending') return label('pending') ? customLabels.pending : 'Logging out…';
    if (status === 'rate-limited') {
      return label('coolingDown')
        ? customLabels.coolingDown(secondsLeft)
        : `Try again in ${secondsLeft} s`;
    }
    return label('idle') ? customLabels.idle : 'Log out';
  });
  if (!texts.includes(button.textContent ?? '')) {
    fail(
      `tab ${tab.id}'s button says ${JSON.stringify(button.textContent)}, the contract says ${JSON.stringify(texts[0])}`,
    );
  }
  const busy = fresh.map(({ status }) => status === 'pending' || status === 'rate-limited');
  const disabled = button.getAttribute('aria-disabled') === 'true';
  if (!busy.includes(disabled)) {
    fail(
      `tab ${tab.id}'s button is ${disabled ? '' : 'not '}aria-disabled while ${fresh[0]?.status}`,
    );
  }
  const ended = label('cooldownEnded') ? customLabels.cooldownEnded : 'You can log out again.';
  if (expected.autoRetried && tab.announcement() === ended) {
    fail(
      `tab ${tab.id} announces ${JSON.stringify(ended)} although the cooldown ended in an automatic retry`,
    );
  }
}
