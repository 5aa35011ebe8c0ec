// `npm run fuzz`: the model-based test (test/reliability/model.test.tsx) at a larger budget than
// `npm test` gives it, with a random seed, and the record of the run in reliability/fuzz.json
// (committed; scripts/reliability-table.mjs counts it in RELIABILITY.md).
//   npm run fuzz                        a random seed, printed first
//   FUZZ_SEED=123 npm run fuzz          the same run again (same seed, same budget)
//   FUZZ_RUNS=300 FUZZ_COMMANDS=80      a smaller budget (runs per property, commands per run)
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : randomInt(2 ** 31 - 1);
const runsPerProperty = Number(process.env.FUZZ_RUNS ?? 1000);
const maxCommands = Number(process.env.FUZZ_COMMANDS ?? 150);
if (![seed, runsPerProperty, maxCommands].every(Number.isSafeInteger)) {
  console.error('FUZZ_SEED, FUZZ_RUNS and FUZZ_COMMANDS must be whole numbers.');
  process.exit(2);
}
const replay = `FUZZ_SEED=${seed} FUZZ_RUNS=${runsPerProperty} FUZZ_COMMANDS=${maxCommands} npm run fuzz`;
console.info(
  `fuzz: seed ${seed}, ${runsPerProperty} runs per property, up to ${maxCommands} commands a run`,
);
console.info(`      replay with: ${replay}`);

const started = Date.now();
const run = spawnSync(
  process.execPath,
  [`${root}node_modules/vitest/vitest.mjs`, 'run', 'test/reliability/model.test.tsx'],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      MODEL_FUZZ: '1',
      MODEL_SEED: String(seed),
      MODEL_RUNS: String(runsPerProperty),
      MODEL_COMMANDS: String(maxCommands),
    },
  },
);
const durationSeconds = Math.round((Date.now() - started) / 1000);

/** What the test wrote about its runs; null when it did not get that far. */
function lastRun() {
  try {
    return JSON.parse(readFileSync(`${root}test-results/model/last-run.json`, 'utf8'));
  } catch {
    return null;
  }
}

const last = lastRun();
const outcomes = last?.seed === seed && last.fuzzing ? last.outcomes : {};
const properties = Object.entries(outcomes);
const sum = (field) => properties.reduce((total, [, outcome]) => total + outcome[field], 0);
const failures = properties
  .filter(([, outcome]) => outcome.failure)
  .map(([property, outcome]) => ({
    property,
    failure: outcome.failure,
    counterexample: outcome.counterexample,
  }));
const complete = run.status === 0 && properties.length === 2;
const record = {
  date: new Date().toISOString(),
  seed,
  result: complete ? 'passed' : 'failed',
  runs: sum('runs'),
  commands: sum('commands'),
  budget: { runsPerProperty, maxCommands },
  properties: outcomes,
  ...(failures.length > 0 ? { failures } : {}),
  ...(complete || failures.length > 0 ? {} : { note: `vitest exited with ${run.status}` }),
  durationSeconds,
  replay,
};
mkdirSync(`${root}reliability`, { recursive: true });
writeFileSync(`${root}reliability/fuzz.json`, `${JSON.stringify(record, null, 2)}\n`);
console.info(
  `fuzz: ${record.result}: ${record.runs} runs, ${record.commands} commands in ${durationSeconds} s; reliability/fuzz.json written`,
);
if (!complete) console.info(`      replay with: ${replay}`);
console.info('      node scripts/reliability-table.mjs counts it in RELIABILITY.md');
process.exitCode = complete ? 0 : 1;
