// `npm test`: every check the project makes, in order, ending with one line `N passed, N failed`.
// Test suites add their own test counts; every other step counts as one check.
// Steps print one line each; a failing step also prints its output.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromiumPath } from './chromium.mjs';
import { ensureReact18 } from './react18.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const reports = `${root}test-results/reports`;
const chromium = chromiumPath;
const node = process.execPath;
const bin = {
  biome: `${root}node_modules/@biomejs/biome/bin/biome`,
  tsc: `${root}node_modules/typescript/bin/tsc`,
  vitest: `${root}node_modules/vitest/vitest.mjs`,
  publint: `${root}node_modules/publint/src/cli.js`,
  attw: `${root}node_modules/@arethetypeswrong/cli/dist/index.js`,
  sizeLimit: `${root}node_modules/size-limit/bin.js`,
  playwright: `${root}node_modules/@playwright/test/cli.js`,
};
const minutes = 60_000;

let passed = 0;
let failed = 0;
/** Steps that failed, so later steps that need them can say why they did not run. */
const failedSteps = new Set();

/**
 * Runs a command in its own process group and collects its output. A command that outlives
 * `timeoutMs` is killed with its children, so a hung server or browser cannot stall the run.
 */
function run(command, args, { env = {}, timeoutMs = 10 * minutes, cwd = root } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd,
      // NO_COLOR: picocolors (size-limit, vitest) treats any FORCE_COLOR value, even 0, as "on".
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: 127, output: `${output}\n${error.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const note = timedOut ? `\n(killed after ${timeoutMs / 1000} s)` : '';
      resolve({ code: code ?? (signal ? 128 : 1), output: `${output}${note}` });
    });
  });
}

/** The last lines of a long output: failures are reported at the end by every tool used here. */
function tail(output, lines = 300) {
  const all = output.trimEnd().split('\n');
  const shown = all.slice(-lines).join('\n');
  return all.length > lines ? `… (${all.length - lines} earlier lines left out)\n${shown}` : shown;
}

function indent(text) {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

/**
 * Records a step. `counts` is `{ passed, failed }` for test suites; a step without counts is one
 * check, passed when `ok`.
 */
function report(name, ok, { summary = '', output = '', counts } = {}) {
  const stepPassed = counts ? counts.passed : ok ? 1 : 0;
  const stepFailed = counts ? counts.failed : ok ? 0 : 1;
  passed += stepPassed;
  failed += stepFailed;
  const good = ok && stepFailed === 0;
  if (!good) failedSteps.add(name);
  console.info(`${good ? 'ok  ' : 'FAIL'} ${name}${summary ? `: ${summary}` : ''}`);
  if (!good && output.trim()) console.info(indent(tail(output)));
}

/** Runs a command as a one-check step. */
async function step(name, command, args, options) {
  const started = Date.now();
  const { code, output } = await run(command, args, options);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  report(name, code === 0, {
    summary: code === 0 ? `passed in ${seconds} s` : `failed (exit ${code})`,
    output,
  });
  return code === 0;
}

/** A step that cannot run because an earlier one failed still counts as failed. */
function blocked(name, because) {
  report(name, false, { summary: `not run: ${because} failed` });
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Counts a vitest JSON report: every test, plus one failure for each file that failed without a
 * failing test (it could not be loaded or type-checked), plus one when vitest failed for a reason
 * the report does not hold (unhandled errors, source type errors).
 */
function vitestCounts(reportPath, code) {
  const json = readJson(reportPath);
  if (!json) return { passed: 0, failed: 1, note: 'no JSON report' };
  let failedCount = json.numFailedTests;
  for (const file of json.testResults ?? []) {
    const failedTests = (file.assertionResults ?? []).filter((t) => t.status === 'failed').length;
    if (file.status === 'failed' && failedTests === 0) failedCount += 1;
  }
  let note = '';
  if (code !== 0 && failedCount === 0) {
    failedCount = 1;
    note = `vitest exited with ${code}`;
  }
  return { passed: json.numPassedTests, failed: failedCount, note };
}

async function vitestStep(name, reportName, env) {
  const reportPath = `${reports}/${reportName}`;
  rmSync(reportPath, { force: true });
  const { code, output } = await run(
    node,
    [
      bin.vitest,
      'run',
      '--passWithNoTests',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${reportPath}`,
    ],
    { env, timeoutMs: 10 * minutes },
  );
  const counts = vitestCounts(reportPath, code);
  const summary = `${counts.passed} passed, ${counts.failed} failed${counts.note ? ` (${counts.note})` : ''}`;
  report(name, code === 0, { summary, output, counts });
}

/** Counts a Playwright JSON report: expected and flaky tests pass, unexpected ones fail. */
function playwrightCounts(reportPath, code) {
  const json = readJson(reportPath);
  if (!json?.stats) return { passed: 0, failed: 1, note: 'no JSON report' };
  const { expected = 0, unexpected = 0, flaky = 0 } = json.stats;
  let failedCount = unexpected + (json.errors?.length ?? 0);
  let note = '';
  if (code !== 0 && failedCount === 0) {
    failedCount = 1;
    note = `playwright exited with ${code}`;
  }
  return { passed: expected + flaky, failed: failedCount, note };
}

/**
 * examples/next-app-router end to end (test/package/next-app-router.mjs): each of its Playwright
 * tests counts; a run that never got to Playwright (npm ci, the kit's install, next build or
 * next start failed) counts as one failure, with the script's output saying which.
 */
async function nextExampleStep(name) {
  const reportPath = `${reports}/next-app-router.json`;
  rmSync(reportPath, { force: true });
  const { code, output } = await run(node, ['test/package/next-app-router.mjs'], {
    timeoutMs: 12 * minutes,
  });
  const counts = playwrightCounts(reportPath, code);
  if (counts.note === 'no JSON report') {
    counts.note =
      'the example did not get as far as Playwright; its output says which phase failed';
  }
  const summary = `${counts.passed} passed, ${counts.failed} failed${counts.note ? ` (${counts.note})` : ''}`;
  report(name, code === 0, { summary, output, counts });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function hasE2eSpecs() {
  const dir = `${root}e2e`;
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { recursive: true }).some((file) =>
    /\.(spec|test)\.[cm]?[jt]sx?$/.test(file),
  );
}

// (a) Chromium, for the e2e tests and the package smoke test.
async function ensureChromium() {
  const name = 'chromium';
  if (existsSync(chromium)) {
    report(name, true, { summary: `found at ${chromium}` });
    return;
  }
  if (process.getuid?.() !== 0 || process.env.CHROMIUM_PATH) {
    report(name, false, {
      summary: `missing at ${chromium}`,
      output: [
        `Chromium is needed for the e2e and package tests and is not at ${chromium}.`,
        'Install it as root, for example on Debian or Ubuntu: sudo apt-get update && sudo apt-get install -y chromium',
        'or point CHROMIUM_PATH at another Chromium or Chrome binary: CHROMIUM_PATH=/path/to/chrome npm test',
      ].join('\n'),
    });
    return;
  }
  const { code, output } = await run(
    'sh',
    ['-c', 'apt-get update && apt-get install -y --no-install-recommends chromium'],
    { env: { DEBIAN_FRONTEND: 'noninteractive' }, timeoutMs: 10 * minutes },
  );
  const ok = code === 0 && existsSync(chromium);
  report(name, ok, {
    summary: ok ? 'installed with apt-get' : 'apt-get install chromium failed',
    output,
  });
}

async function main() {
  mkdirSync(reports, { recursive: true });
  const started = Date.now();

  await ensureChromium();
  const haveChromium = !failedSteps.has('chromium');

  await step('biome check', node, [bin.biome, 'check', '.']);
  await step('tsc --noEmit', node, [bin.tsc, '--noEmit', '-p', 'tsconfig.json']);
  await vitestStep('vitest: unit, component and type tests (React 19)', 'vitest.json', {});

  const built = await step('build', 'npm', ['run', 'build']);
  if (built) {
    await step('publint', node, [bin.publint, '--strict']);
    await step('attw --pack', node, [bin.attw, '--pack', '.', '--profile', 'esm-only']);
    await step('size-limit', node, [bin.sizeLimit]);
  } else {
    for (const name of ['publint', 'attw --pack', 'size-limit']) blocked(name, 'build');
  }

  const e2eName = 'e2e: Playwright in Chromium';
  if (!hasE2eSpecs()) {
    console.info(`skip ${e2eName}: no specs in e2e/ yet`);
  } else if (!haveChromium) {
    blocked(e2eName, 'chromium');
  } else {
    const reportPath = `${reports}/e2e.json`;
    rmSync(reportPath, { force: true });
    const port = await freePort();
    const { code, output } = await run(node, [bin.playwright, 'test'], {
      env: { E2E_PORT: String(port) },
      timeoutMs: 12 * minutes,
    });
    const counts = playwrightCounts(reportPath, code);
    const summary = `${counts.passed} passed, ${counts.failed} failed${counts.note ? ` (${counts.note})` : ''}`;
    report(e2eName, code === 0, { summary, output, counts });
    // The reliability tests (vitest and Playwright) wrote their case counts; the table must agree.
    await step('RELIABILITY.md agrees with the counted cases', node, [
      'scripts/reliability-table.mjs',
      '--check',
    ]);
  }

  const smokeName = 'package: npm pack, install in a fresh Vite app, build, render';
  if (!built) blocked(smokeName, 'build');
  else if (!haveChromium) blocked(smokeName, 'chromium');
  else await step(smokeName, node, ['test/package/smoke.mjs'], { timeoutMs: 8 * minutes });

  const nextName = 'e2e: the Next.js example (next build, next start, Playwright in Chromium)';
  if (!built) blocked(nextName, 'build');
  else if (!haveChromium) blocked(nextName, 'chromium');
  else await nextExampleStep(nextName);

  const react18Name = 'vitest: component tests on React 18';
  const installFailure = ensureReact18();
  if (installFailure)
    report(react18Name, false, { summary: 'npm install failed', output: installFailure });
  else await vitestStep(react18Name, 'vitest-react18.json', { REACT18: '1' });

  console.info(`(${((Date.now() - started) / 1000).toFixed(0)} s)`);
  console.info(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

await main();
