// Renders RELIABILITY.md from the case counts the reliability tests write to
// test-results/reliability/*.json (vitest: test/reliability/counts.ts; Playwright: e2e/reliability/),
// plus a row for the last `npm run fuzz`, from its committed record reliability/fuzz.json.
//   node scripts/reliability-table.mjs          writes RELIABILITY.md
//   node scripts/reliability-table.mjs --check  fails when RELIABILITY.md disagrees with the counts
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const countsDir = `${root}test-results/reliability/`;
const target = `${root}RELIABILITY.md`;

// The order rows appear in; files not listed here follow in name order.
const ORDER = [
  'badAnswers-test-ts',
  'brokenStorage-test-tsx',
  'crossTab-test-ts',
  'tabCache-test-tsx',
  'e2e-tabs',
  'cooldownTabs-test-tsx',
  'races-test-tsx',
  'localFirst-test-tsx',
];

function readRows() {
  if (!existsSync(countsDir)) return [];
  const files = readdirSync(countsDir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort((a, b) => {
      const rank = (name) => (ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length);
      return rank(a) - rank(b) || a.localeCompare(b);
    });
  return files.flatMap((file) => JSON.parse(readFileSync(`${countsDir}${file}.json`, 'utf8')));
}

const fuzzRecord = `${root}reliability/fuzz.json`;

/**
 * The row of the last `npm run fuzz` (scripts/fuzz.mjs): the model-based test at its larger budget
 * with a random seed. None before the first run.
 */
function readFuzzRows() {
  if (!existsSync(fuzzRecord)) return [];
  return [fuzzRow(JSON.parse(readFileSync(fuzzRecord, 'utf8')))];
}

function fuzzRow(fuzz) {
  const day = fuzz.date.slice(0, 10);
  const held =
    fuzz.result === 'passed'
      ? 'the same invariants as the fixed budget, after every one of its commands'
      : `FAILED: ${(fuzz.failures ?? []).map((failure) => failure.failure.split('\n')[0]).join('; ') || fuzz.note}`;
  return {
    failure: `the model-based test at a larger budget with a random seed (npm run fuzz, last run ${day}: seed ${fuzz.seed}, up to ${fuzz.budget.maxCommands} commands a run, ${fuzz.commands.toLocaleString('en-US')} commands in all)`,
    cases: fuzz.runs,
    held,
    test: 'reliability/fuzz.json',
  };
}

const cell = (text) => String(text).replaceAll('|', '\\|').replaceAll('\n', ' ');

function render(rows) {
  const total = rows.reduce((sum, row) => sum + row.cases, 0);
  return [
    '# Reliability',
    '',
    'Every failure below was put to the kit by a test, which counted the cases it actually ran and',
    'checked after each one. This file is generated from those counts',
    '(`node scripts/reliability-table.mjs` after `npx vitest run` and the Playwright run; `--check`',
    'fails when it disagrees with them). Do not edit it by hand. How the kit behaves, and why, is in',
    '[docs/reliability.md](docs/reliability.md).',
    '',
    '| failure tried | cases | what held, every time | proved by |',
    '| --- | ---: | --- | --- |',
    ...rows.map(
      (row) =>
        `| ${cell(row.failure)} | ${row.cases.toLocaleString('en-US')} | ${cell(row.held)} | \`${row.test}\` |`,
    ),
    '',
    `${total.toLocaleString('en-US')} cases in all.`,
    '',
  ].join('\n');
}

/** Formats the table as the project's formatter does, so `biome check` and `--check` agree. */
function format(markdown) {
  const biome = `${root}node_modules/@biomejs/biome/bin/biome`;
  const result = spawnSync(
    process.execPath,
    [biome, 'format', '--stdin-file-path=RELIABILITY.md'],
    {
      cwd: root,
      input: markdown,
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) throw new Error(`biome format failed: ${result.stderr}`);
  return result.stdout;
}

const counted = readRows();
const rows = [...counted, ...readFuzzRows()];
const text = format(render(rows));
if (process.argv.includes('--check')) {
  if (counted.length === 0) {
    console.error(`No counts in ${countsDir}: run the tests first.`);
    process.exit(1);
  }
  const committed = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (committed !== text) {
    console.error('RELIABILITY.md disagrees with the counts the tests wrote. Regenerate it with');
    console.error('  node scripts/reliability-table.mjs');
    process.exit(1);
  }
  console.info(`RELIABILITY.md matches the counts (${rows.length} rows).`);
} else {
  writeFileSync(target, text);
  console.info(`RELIABILITY.md written (${rows.length} rows).`);
}
