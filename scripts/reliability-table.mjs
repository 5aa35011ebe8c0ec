// Renders RELIABILITY.md from the case counts the reliability tests write to
// test-results/reliability/*.json (vitest: test/reliability/counts.ts; Playwright: e2e/reliability/),
// plus a row for the last `npm run fuzz`, from its committed record reliability/fuzz.json.
//   node scripts/reliability-table.mjs          writes RELIABILITY.md
//   node scripts/reliability-table.mjs --check  fails when RELIABILITY.md disagrees with the counts
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { judgmentOf, RECORD, readEquivalents } from './mutation-record.mjs';

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

/** The last full mutation run, reliability/mutation.json (`npm run mutate`), or `null` before one. */
function readMutation() {
  return existsSync(RECORD) ? JSON.parse(readFileSync(RECORD, 'utf8')) : null;
}

/** Source text as inline code, safe for a table cell. */
function inlineCode(text) {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

/**
 * A mutant as `original → replacement`. A long one (a regular expression, a block) is cut down
 * to where the two differ, with a few characters around it, so a reader sees what changed.
 */
function mutantText(original, replacement, max = 60) {
  if (original.length <= max && replacement.length <= max) {
    return `${inlineCode(original)} → ${inlineCode(replacement)}`;
  }
  let start = 0;
  while (start < original.length && original[start] === replacement[start]) start += 1;
  let end = 0;
  while (
    end < original.length - start &&
    end < replacement.length - start &&
    original[original.length - 1 - end] === replacement[replacement.length - 1 - end]
  ) {
    end += 1;
  }
  const context = 12;
  const cut = (text) => {
    const from = Math.max(0, start - context);
    const to = Math.min(text.length, text.length - end + context);
    const middle = text.slice(from, to);
    const short = middle.length > max ? `${middle.slice(0, max - 1)}…` : middle;
    return `${from > 0 ? '…' : ''}${short}${to < text.length ? '…' : ''}`;
  };
  return `${inlineCode(cut(original))} → ${inlineCode(cut(replacement))}`;
}

const percent = (value) => (value === null ? '–' : `${value.toFixed(1)} %`);

/** Stryker's score with the mutants judged equivalent left out: the share of real faults caught. */
function scoreWithout(counts, equivalent) {
  const valid = counts.killed + counts.timeout + counts.survived + counts.noCoverage - equivalent;
  return valid === 0 ? null : Math.round(((counts.killed + counts.timeout) / valid) * 1000) / 10;
}

/**
 * The section "Mutation testing": each folder's score from the last full run, and every surviving
 * mutant judged equivalent in reliability/equivalent-mutants.json, with the reason.
 */
function renderMutation(record, equivalents) {
  const intro = [
    '## Mutation testing',
    '',
    '`npm run mutate` (Stryker) plants one small fault at a time in `src/core`, `src/backends` and',
    '`src/react` (a flipped condition, a dropped call, a changed constant: a mutant) and runs the',
    'tests against each. A mutant is killed when a test fails. One that survives is a fault the tests',
    'would miss, unless it changes nothing the kit does (an equivalent mutant): those are judged one',
    'by one in `reliability/equivalent-mutants.json`, and listed below with the reason. The score is',
    "Stryker's: killed and timed-out mutants over all that ran.",
    '',
  ];
  if (!record) {
    return [
      ...intro,
      'No full run is recorded yet: `npm run mutate` writes `reliability/mutation.json`.',
      '',
      ...renderJudgments(
        equivalents.map((judged) => ({ ...judged, where: judged.file })),
        'Mutants judged equivalent',
      ),
    ].join('\n');
  }
  const survivors = record.survivors.map((survivor) => ({
    ...survivor,
    judged: judgmentOf(survivor, equivalents),
  }));
  const equivalentIn = (folder) =>
    survivors.filter((s) => s.judged && (folder === null || s.file.startsWith(`${folder}/`)))
      .length;
  const row = (name, counts, folder) =>
    `| ${name} | ${counts.mutants - counts.ignored - counts.errors} | ${counts.killed} | ${counts.timeout} | ${counts.survived} | ${counts.noCoverage} | ${equivalentIn(folder)} | ${percent(counts.score)} | ${percent(scoreWithout(counts, equivalentIn(folder)))} |`;
  const judged = survivors.filter((s) => s.judged);
  const unjudged = survivors.length - judged.length;
  const lapsed = equivalents.filter((e) => !survivors.some((s) => s.judged === e)).length;
  return [
    ...intro,
    `Last full run: ${record.date}${record.commit ? `, on commit ${record.commit}` : ''}, Stryker ${record.stryker}, ${record.minutes} minutes.` +
      (record.remeasured ?? [])
        .map(
          (run) =>
            ` \`${run.folder}\` measured again since (\`npm run mutate -- ${run.folder}\`, then \`-- --merge-scoped\`): ${run.date}, on commit ${run.commit}, ${run.minutes} minutes.`,
        )
        .join(''),
    '',
    '| folder | mutants | killed | timed out | survived | no coverage | of those, equivalent | score | score, equivalent ones aside |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...Object.entries(record.folders).map(([folder, counts]) =>
      row(`\`${folder}\``, counts, folder),
    ),
    row('all', record.total, null),
    '',
    `${survivors.length} mutants were not caught: ${judged.length} judged equivalent, ${unjudged} not judged yet.` +
      (lapsed > 0
        ? ` ${lapsed} judgments match no surviving mutant any more (it is caught now, or its line changed).`
        : ''),
    '',
    ...renderJudgments(
      judged.map((s) => ({ ...s.judged, where: `${s.file}:${s.line}` })),
      'Surviving mutants judged equivalent',
    ),
  ].join('\n');
}

function renderJudgments(judgments, title) {
  if (judgments.length === 0) return [];
  return [
    `### ${title}`,
    '',
    '| where | mutant | why no test can tell it apart |',
    '| --- | --- | --- |',
    ...judgments.map(
      (j) =>
        `| \`${j.where}\` | ${cell(`${j.mutator}: ${mutantText(j.original, j.replacement)}`)} | ${cell(j.reason)} |`,
    ),
    '',
  ];
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
const text = format(`${render(rows)}\n${renderMutation(readMutation(), readEquivalents())}\n`);
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
