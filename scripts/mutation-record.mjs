// What `npm run mutate` (scripts/mutate.mjs) and `scripts/reliability-table.mjs` share: how a
// Stryker report becomes the record in reliability/mutation.json, and how a surviving mutant is
// matched with a judgment in reliability/equivalent-mutants.json.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const RECORD = `${root}reliability/mutation.json`;
export const EQUIVALENTS = `${root}reliability/equivalent-mutants.json`;
/** The folders a full run mutates, in the order the record and RELIABILITY.md list them. */
export const FOLDERS = ['src/core', 'src/backends', 'src/react'];

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/** Collapses white space, so a judgment does not depend on how a line wraps or is indented. */
const squash = (text) => String(text).replace(/\s+/g, ' ').trim();

/**
 * Stryker's mutation score: killed and timed-out mutants over every mutant a test could have
 * caught (errors and ignored mutants left out), in percent with one decimal, `null` without any.
 */
export function score({ killed, timeout, survived, noCoverage }) {
  const valid = killed + timeout + survived + noCoverage;
  return valid === 0 ? null : Math.round(((killed + timeout) / valid) * 1000) / 10;
}

function emptyCounts() {
  return { mutants: 0, killed: 0, timeout: 0, survived: 0, noCoverage: 0, errors: 0, ignored: 0 };
}

function add(counts, status) {
  counts.mutants += 1;
  if (status === 'Killed') counts.killed += 1;
  else if (status === 'Timeout') counts.timeout += 1;
  else if (status === 'Survived') counts.survived += 1;
  else if (status === 'NoCoverage') counts.noCoverage += 1;
  else if (status === 'Ignored') counts.ignored += 1;
  else counts.errors += 1; // CompileError, RuntimeError: the mutant could not run at all
}

const withScore = (counts) => ({ ...counts, score: score(counts) });

/** The folder of FOLDERS a file belongs to, else its own directory. */
function folderOf(file) {
  return FOLDERS.find((folder) => file.startsWith(`${folder}/`)) ?? file.replace(/\/[^/]*$/, '');
}

/** The source text of a mutant's location (lines and columns 1-based, end exclusive). */
function sliceSource(lines, { start, end }) {
  if (start.line === end.line) return lines[start.line - 1].slice(start.column - 1, end.column - 1);
  return [
    lines[start.line - 1].slice(start.column - 1),
    ...lines.slice(start.line, end.line - 1),
    lines[end.line - 1].slice(0, end.column - 1),
  ].join('\n');
}

/**
 * Reads a Stryker JSON report (mutation-testing-report-schema) into the record: counts and score
 * per folder, per file and in total, and every mutant no test caught, with the text it replaced
 * and the line it sits on, which identify it across runs.
 */
export function toRecord(report, { date, commit, stryker, scope, minutes }) {
  const folders = {};
  const files = {};
  const total = emptyCounts();
  const survivors = [];
  for (const [file, { source, mutants }] of Object.entries(report.files).sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    const lines = source.split('\n');
    const folder = folderOf(file);
    folders[folder] ??= emptyCounts();
    files[file] = emptyCounts();
    const seen = new Map();
    const sorted = [...mutants].sort(
      (a, b) =>
        a.location.start.line - b.location.start.line ||
        a.location.start.column - b.location.start.column,
    );
    for (const mutant of sorted) {
      add(total, mutant.status);
      add(folders[folder], mutant.status);
      add(files[file], mutant.status);
      const code = squash(lines[mutant.location.start.line - 1]);
      const original = squash(sliceSource(lines, mutant.location));
      const replacement = squash(mutant.replacement ?? '');
      // The nth mutant of this kind on this line: tells apart two identical ones on one line.
      const key = JSON.stringify([code, mutant.mutatorName, original, replacement]);
      const occurrence = (seen.get(key) ?? 0) + 1;
      seen.set(key, occurrence);
      if (!UNDETECTED.has(mutant.status)) continue;
      survivors.push({
        file,
        line: mutant.location.start.line,
        mutator: mutant.mutatorName,
        original,
        replacement,
        code,
        occurrence,
        status: mutant.status,
      });
    }
  }
  const scored = (map) =>
    Object.fromEntries(Object.entries(map).map(([name, counts]) => [name, withScore(counts)]));
  const orderedFolders = Object.fromEntries(
    Object.entries(scored(folders)).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b)),
  );
  return {
    date,
    commit,
    stryker,
    scope,
    minutes,
    folders: orderedFolders,
    total: withScore(total),
    files: scored(files),
    survivors,
  };
}

function rank(folder) {
  const index = FOLDERS.indexOf(folder);
  return index === -1 ? FOLDERS.length : index;
}

/** The judgments in reliability/equivalent-mutants.json, `[]` when there are none. */
export function readEquivalents(path = EQUIVALENTS) {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : [];
}

/**
 * The judgment that names this surviving mutant, or `undefined`. A judgment names it by file,
 * mutator, the text replaced and its replacement, and the line it sits on (white space aside), so
 * it holds while lines move, and lapses, to be made again, once that line is rewritten.
 * `occurrence` (1 = the first) is needed only when one line holds two such mutants.
 */
export function judgmentOf(survivor, equivalents) {
  return equivalents.find(
    (judged) =>
      judged.file === survivor.file &&
      judged.mutator === survivor.mutator &&
      squash(judged.original) === survivor.original &&
      squash(judged.replacement) === survivor.replacement &&
      squash(judged.code) === survivor.code &&
      (judged.occurrence === undefined || judged.occurrence === survivor.occurrence),
  );
}

/** The record with each survivor marked: `equivalent` holds the reason, or `null` when unjudged. */
export function markEquivalents(record, equivalents) {
  return {
    ...record,
    survivors: record.survivors.map((survivor) => ({
      ...survivor,
      equivalent: judgmentOf(survivor, equivalents)?.reason ?? null,
    })),
  };
}

/**
 * The full record with whole folders measured again by a scoped run (`npm run mutate -- src/react`
 * then `npm run mutate -- --merge-scoped`): those folders' files, survivors and counts are the
 * scoped run's, the others stay the full run's, and `remeasured` says which folder comes from
 * which run. Only whole folders of FOLDERS can be merged, so no folder mixes two runs.
 */
export function mergeScoped(record, scoped) {
  const folders = FOLDERS.filter((folder) =>
    scoped.scope.some((pattern) => pattern.startsWith(`${folder}/**/*.`)),
  );
  const measured = (file) => folders.includes(folderOf(file));
  if (folders.length === 0 || !Object.keys(scoped.files).every(measured)) {
    throw new Error('Only a scoped run of whole folders (npm run mutate -- src/react) merges.');
  }
  const files = Object.fromEntries(
    [
      ...Object.entries(record.files).filter(([file]) => !measured(file)),
      ...Object.entries(scoped.files),
    ].sort(([a], [b]) => a.localeCompare(b)),
  );
  const sums = {};
  const total = emptyCounts();
  for (const [file, counts] of Object.entries(files)) {
    sums[folderOf(file)] ??= emptyCounts();
    for (const key of Object.keys(total)) {
      sums[folderOf(file)][key] += counts[key];
      total[key] += counts[key];
    }
  }
  const run = { date: scoped.date, commit: scoped.commit, minutes: scoped.minutes };
  return {
    ...record,
    remeasured: [
      ...(record.remeasured ?? []).filter(({ folder }) => !folders.includes(folder)),
      ...folders.map((folder) => ({ folder, ...run })),
    ],
    folders: Object.fromEntries(
      Object.keys(record.folders).map((folder) => [folder, withScore(sums[folder])]),
    ),
    total: withScore(total),
    files,
    survivors: [
      ...record.survivors.filter(({ file }) => !measured(file)),
      ...scoped.survivors,
    ].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line),
  };
}

export const isDetected = (status) => DETECTED.has(status);
