// A model-based test of the whole kit: fast-check draws sequences of what customers, the app, the
// servers, the browser, other tabs and the clock do, runs them against the real kit (React,
// TanStack Query, zustand, msw at the HTTP boundary) and, after every step, against a model of the
// contract (test/reliability/model/).
//
//   npx vitest run test/reliability/model.test.tsx   the fixed budget of `npm test` (fixed seed)
//   npm run fuzz                                      a larger budget with a random seed
//
// Knobs (environment variables): MODEL_SEED, MODEL_RUNS (per property) and MODEL_COMMANDS (per
// run) set the budget; MODEL_PATH and MODEL_REPLAY (fast-check's path and the counterexample's
// replayPath) replay one failure; MODEL_ONLY=oneTab|twoTabs runs one property; MODEL_TRAIL=1 prints
// the steps of a failing run (=all: of every run); MODEL_STATS=1 counts commands and the kit's own
// actions; MODEL_STRICT=1 (or names from model/known.ts) checks the faults still excused there.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { act } from '@testing-library/react';
import fc from 'fast-check';
import { setupServer } from 'msw/node';
import { reliabilityCounter } from './counts.js';
import type { TabId } from './model/browser.js';
import { commandStats, commandsFor, executedCommands, settle } from './model/commands.js';
import { Model } from './model/model.js';
import { type TabConfig, World, type WorldConfig } from './model/world.js';

/** The budget of `npm test`: the same seed and the same runs every time. */
const FIXED = { seed: 20261129, runs: { oneTab: 75, twoTabs: 75 }, maxCommands: 100 };
const fuzzing = process.env.MODEL_FUZZ === '1';
const seed = process.env.MODEL_SEED ? Number(process.env.MODEL_SEED) : FIXED.seed;
const runs = (fixed: number) => (process.env.MODEL_RUNS ? Number(process.env.MODEL_RUNS) : fixed);
const maxCommands = process.env.MODEL_COMMANDS
  ? Number(process.env.MODEL_COMMANDS)
  : FIXED.maxCommands;

// The fixed budget counts towards RELIABILITY.md; a fuzz run writes reliability/fuzz.json instead,
// and a run with another seed or budget counts nowhere.
const fixedBudget =
  !fuzzing && !process.env.MODEL_SEED && !process.env.MODEL_RUNS && !process.env.MODEL_COMMANDS;
const counter = !fixedBudget
  ? null
  : reliabilityCounter('model.test.tsx', {
      oneTab: {
        failure:
          'model-based runs under one provider: random sequences of clicks and calls (both strategies), every class of server answer (2xx valid and unusable, 401/403/404, 429 with missing, junk, huge or date Retry-After, other 4xx, 3xx, 5xx, network failure, no answer), offline and online, clock advances up to a month, unmount and StrictMode remount, guarded token refreshes, sign-ins with tokens no header can carry, reads of every useLogout field in and outside render, with random provider options and labels',
        held: 'after every step: the store, status, error, retryAt, secondsLeft, rateLimit, revocation, button text and live region match a model of the contract; a token goes only to its own logout URL; one request per store and token in flight; no logout pending past timeoutMs; query cache dropped exactly when the session ends; nothing logged',
      },
      twoTabs: {
        failure:
          'model-based runs across two tabs of one shop (two stores on one localStorage key or one named channel, storage events and messages delivered at random moments, Web Locks or none) plus a second shop on the same origin with its own unnamed store and backend, under the same commands',
        held: 'the same invariants in each tab; the second shop never sees the first one’s session or messages; once every message arrived the two tabs agree and the newer epoch wins; no ended session comes back',
      },
    });

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
afterEach(() => vi.useRealTimers());

const START = Date.UTC(2026, 10, 29, 12, 0, 0);

const tabConfig: fc.Arbitrary<TabConfig> = fc.record({
  strategy: fc.constantFrom('confirm' as const, 'confirm' as const, 'local-first' as const),
  localFirst: fc.record({
    maxAttempts: fc.constantFrom(undefined, 1, 2, 4),
    retryDelayMs: fc.constantFrom(undefined, 100, 1000),
  }),
  timeoutMs: fc.constantFrom(undefined, 300, 2000, 10_000, 2 ** 31, 2 ** 31 + 60_000, Infinity),
  cooldownMs: fc.constantFrom(undefined, 0, 1000, 15_000),
  autoRetry: fc.constantFrom(undefined, true, false),
  buttonAutoRetry: fc.constantFrom(undefined, true, false),
  labels: fc.option(
    fc.record(
      {
        idle: fc.constantFrom('custom' as const, undefined),
        pending: fc.constantFrom('custom' as const, undefined),
        coolingDown: fc.constantFrom('custom' as const, undefined),
        cooldownStarted: fc.constantFrom('custom' as const, undefined),
        cooldownEnded: fc.constantFrom('custom' as const, undefined),
      },
      { requiredKeys: [] },
    ),
    { nil: undefined },
  ),
});

const backend = fc.constantFrom('commerce-engine' as const, 'wemasy' as const);

const oneTab: fc.Arbitrary<WorldConfig> = fc.record({
  backend,
  store: fc.constantFrom('memory' as const, 'named' as const, 'local' as const, 'session' as const),
  tabs: fc.record({ A: tabConfig }),
  webLocks: fc.boolean(),
});

const twoTabs: fc.Arbitrary<WorldConfig> = fc.record({
  backend,
  store: fc.constantFrom('named' as const, 'local' as const),
  tabs: fc.record({ A: tabConfig, B: tabConfig }),
  other: fc.record({ backend, tab: tabConfig }),
  webLocks: fc.boolean(),
});

interface Outcome {
  runs: number;
  commands: number;
  failure: string | null;
  counterexample: string | null;
}

async function runModel(config: fc.Arbitrary<WorldConfig>, tabs: TabId[], budget: number) {
  let completed = 0;
  const commands = fc.commands(commandsFor(tabs, tabs.length > 1), {
    maxCommands,
    size: 'max',
    ...(process.env.MODEL_REPLAY ? { replayPath: process.env.MODEL_REPLAY } : {}),
  });
  const property = fc.asyncProperty(config, commands, async (worldConfig, steps) => {
    vi.setSystemTime(START);
    const world = new World(worldConfig, server);
    try {
      world.start();
      await act(settle);
      const model = new Model(world);
      model.check(Date.now());
      try {
        await fc.asyncModelRun(() => ({ model, real: world }), steps);
        if (process.env.MODEL_TRAIL === 'all')
          process.stdout.write(`--\n${model.trail.join('\n')}\n`);
      } catch (error) {
        if (process.env.MODEL_TRAIL) process.stdout.write(`${model.trail.join('\n')}\n`);
        throw error;
      }
    } finally {
      await world.stop();
    }
    completed += 1;
  });
  const before = executedCommands();
  const details = await fc.check(property, {
    seed,
    numRuns: budget,
    includeErrorInReport: true,
    ...(process.env.MODEL_PATH ? { path: process.env.MODEL_PATH, endOnFailure: true } : {}),
  });
  const outcome: Outcome = {
    runs: details.numRuns,
    commands: executedCommands() - before,
    failure: details.failed ? String(details.errorInstance ?? 'failed') : null,
    counterexample: details.counterexample ? fc.stringify(details.counterexample) : null,
  };
  return { details, outcome, completed };
}

const outcomes: Record<string, Outcome> = {};

afterAll(() => {
  if (process.env.MODEL_STATS) {
    const stats = [...commandStats, ...Model.events].sort();
    process.stdout.write(`${JSON.stringify(Object.fromEntries(stats), null, 1)}\n`);
  }
  const dir = resolve('test-results/model');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    `${dir}/last-run.json`,
    `${JSON.stringify({ seed, fuzzing, maxCommands, outcomes }, null, 2)}\n`,
  );
});

describe('the whole kit against a model of its contract', () => {
  const only = process.env.MODEL_ONLY;
  it.skipIf(only === 'twoTabs')(
    'keeps the contract under one provider, whatever the customer, the server, the network and the clock do',
    { timeout: 20 * 60_000 },
    async () => {
      const { details, outcome } = await runModel(oneTab, ['A'], runs(FIXED.runs.oneTab));
      outcomes.oneTab = outcome;
      expect(details.failed, fc.defaultReportMessage(details)).toBe(false);
      expect(outcome.runs).toBeGreaterThan(0);
      counter?.count('oneTab', outcome.runs);
    },
  );

  it.skipIf(only === 'oneTab')(
    'keeps the contract across two tabs of one shop and a second shop on the same origin',
    { timeout: 20 * 60_000 },
    async () => {
      const { details, outcome } = await runModel(
        twoTabs,
        ['A', 'B', 'X'],
        runs(FIXED.runs.twoTabs),
      );
      outcomes.twoTabs = outcome;
      expect(details.failed, fc.defaultReportMessage(details)).toBe(false);
      expect(outcome.runs).toBeGreaterThan(0);
      counter?.count('twoTabs', outcome.runs);
    },
  );
});
