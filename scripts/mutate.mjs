// `npm run mutate`: mutation testing with Stryker (settings in stryker.config.mjs).
//   npm run mutate                                   src/core, src/backends and src/react; writes
//                                                    the record reliability/mutation.json
//   npm run mutate -- src/core/retryAfter.ts         only these files or folders (globs and
//   npm run mutate -- src/core/answer.ts:20-40        Stryker's file:lines ranges work too); the
//                                                    record is left alone, the summary printed and
//                                                    kept in test-results/mutation/scoped.json
//   npm run mutate -- --concurrency 1               any other argument goes to `stryker run`
//   npm run mutate -- --incremental                 (--incremental: only what changed since the
//                                                    last run is tested again)
//   npm run mutate -- --mark-only                   no run: marks the record's survivors again
//                                                    after reliability/equivalent-mutants.json changed
//   npm run mutate -- --merge-scoped                no run: the last scoped run of whole folders
//                                                    (npm run mutate -- src/react) replaces those
//                                                    folders in the record (RELIABILITY.md says so)
// The full HTML report of the last run is test-results/mutation/index.html. A full run takes tens
// of minutes on two cores, so it is a report, not part of `npm test`.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  FOLDERS,
  markEquivalents,
  mergeScoped,
  RECORD,
  readEquivalents,
  toRecord,
} from './mutation-record.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = `${root}test-results/mutation/`;
const reportPath = `${outDir}report.json`;
const scopedPath = `${outDir}scoped.json`;
const strykerDir = `${root}node_modules/@stryker-mutator/core/`;
const strykerVersion = JSON.parse(readFileSync(`${strykerDir}package.json`, 'utf8')).version;
const strykerBin = `${strykerDir}bin/stryker.js`;

const writeJson = (path, value) => writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);

/**
 * A folder stands for its source files; a file, glob or `file:lines` range is passed as it is.
 * (No `{ts,tsx}` braces: Stryker splits `--mutate` at commas.)
 */
function toPatterns(arg) {
  const path = arg.replace(/\/+$/, '');
  if (!existsSync(`${root}${path}`) || !statSync(`${root}${path}`).isDirectory()) return [path];
  const files = readdirSync(`${root}${path}`, { recursive: true });
  return ['ts', 'tsx']
    .filter((ext) => files.some((file) => file.endsWith(`.${ext}`)))
    .map((ext) => `${path}/**/*.${ext}`);
}

/** Splits the arguments into the files to mutate and the options for `stryker run`. */
function parseArgs(args) {
  const scope = [];
  const passed = [];
  for (const arg of args) {
    const path = arg.replace(/:\d+(:\d+)?-\d+(:\d+)?$/, '');
    const isScope = !arg.startsWith('-') && (existsSync(`${root}${path}`) || arg.includes('*'));
    (isScope ? scope : passed).push(arg);
  }
  return { scope, passed };
}

function summary(record) {
  const lines = [];
  const row = (name, c) =>
    `${name.padEnd(34)} ${(c.score === null ? '-' : c.score.toFixed(1)).padStart(5)} %  ${c.killed} killed, ${c.timeout} timeout, ${c.survived} survived, ${c.noCoverage} no coverage${c.errors ? `, ${c.errors} errors` : ''}`;
  for (const [file, counts] of Object.entries(record.files)) lines.push(row(file, counts));
  for (const [folder, counts] of Object.entries(record.folders)) lines.push(row(folder, counts));
  lines.push(row('total', record.total));
  const unjudged = record.survivors.filter((s) => s.equivalent === null);
  lines.push(
    '',
    `${record.survivors.length} not caught, ${unjudged.length} not judged equivalent:`,
  );
  for (const s of unjudged) {
    lines.push(
      `  ${s.file}:${s.line} ${s.mutator} (${s.status}): ${s.original} -> ${s.replacement}`,
    );
  }
  return lines.join('\n');
}

function markOnly() {
  if (!existsSync(RECORD)) {
    console.error(`No record at ${RECORD}: run npm run mutate first.`);
    process.exit(1);
  }
  const record = markEquivalents(JSON.parse(readFileSync(RECORD, 'utf8')), readEquivalents());
  writeJson(RECORD, record);
  console.info(summary(record));
}

/** Puts the last scoped run of whole folders into the record, in place of the full run's. */
function mergeLastScoped() {
  if (!existsSync(RECORD) || !existsSync(scopedPath)) {
    console.error(`Needs ${RECORD} and ${scopedPath}: a full run, then a scoped run of a folder.`);
    process.exit(1);
  }
  const record = markEquivalents(
    mergeScoped(
      JSON.parse(readFileSync(RECORD, 'utf8')),
      JSON.parse(readFileSync(scopedPath, 'utf8')),
    ),
    readEquivalents(),
  );
  writeJson(RECORD, record);
  console.info(summary(record));
}

function main() {
  const args = process.argv.slice(2);
  if (args.includes('--mark-only')) return markOnly();
  if (args.includes('--merge-scoped')) return mergeLastScoped();
  const { scope, passed } = parseArgs(args);
  const full =
    scope.length === 0 && !passed.some((arg) => arg.startsWith('--mutate') || arg === '-m');
  const mutate = scope.flatMap(toPatterns);

  mkdirSync(outDir, { recursive: true });
  rmSync(reportPath, { force: true });
  const started = Date.now();
  // The code and tests measured: the commit, and whether the working tree had changes beside it.
  const git = (...args) => spawnSync('git', args, { cwd: root, encoding: 'utf8' }).stdout?.trim();
  const head = git('rev-parse', '--short', 'HEAD');
  const commit = head
    ? `${head}${git('status', '--porcelain', '--', 'src', 'test') ? ' with changes' : ''}`
    : undefined;
  const env = { ...process.env };
  // The vitest config has a React 18 mode; the mutation run measures the React 19 tests.
  delete env.REACT18;
  const result = spawnSync(
    process.execPath,
    [
      strykerBin,
      'run',
      'stryker.config.mjs',
      ...(mutate.length > 0 ? ['--mutate', mutate.join(',')] : []),
      ...passed,
    ],
    { cwd: root, env, stdio: 'inherit' },
  );
  if (result.status !== 0 || !existsSync(reportPath)) {
    console.error(
      `stryker run failed (exit ${result.status ?? result.signal}); no record written.`,
    );
    process.exit(result.status || 1);
  }

  const record = markEquivalents(
    toRecord(JSON.parse(readFileSync(reportPath, 'utf8')), {
      date: new Date(started).toISOString().slice(0, 10),
      commit,
      stryker: strykerVersion,
      scope: full ? FOLDERS : mutate,
      minutes: Math.round((Date.now() - started) / 6000) / 10,
    }),
    readEquivalents(),
  );
  const target = full ? RECORD : scopedPath;
  writeJson(target, record);
  console.info(`\n${summary(record)}\n\nWritten to ${target.slice(root.length)}.`);
  if (full) console.info('Render it into RELIABILITY.md: node scripts/reliability-table.mjs');
}

main();
