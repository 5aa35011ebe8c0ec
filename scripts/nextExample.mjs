// Builds and serves examples/next-app-router with the kit as a storefront installs it: packed with
// `npm pack`, installed with `npm install --no-save <tarball>` after the example's own `npm ci` (the
// kit is not in the example's lockfile). Used by the example's end-to-end run
// (test/package/next-app-router.mjs) and by the benchmark's signed-in reload (bench/parts/nextReload.mjs).
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const exampleDir = join(root, 'examples/next-app-router');
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0' };

/**
 * Runs a command to its end and prints `ok - label (seconds)`. On failure it prints the command's
 * output and `not ok - label`, and rejects with an error marked `reported`.
 */
export function phase(label, command, args, { cwd = root, echo = false, extraEnv = {} } = {}) {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (stream, to) =>
      stream.on('data', (chunk) => {
        output += chunk;
        if (echo) to.write(chunk);
      });
    collect(child.stdout, process.stdout);
    collect(child.stderr, process.stderr);
    child.on('error', (error) => reject(new Error(`${label}: ${error.message}`)));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (code === 0) {
        console.info(`ok - ${label} (${seconds} s)`);
        resolve(output);
        return;
      }
      if (!echo) console.error(output.trimEnd());
      console.error(`not ok - ${label} (exit ${code} after ${seconds} s)`);
      reject(Object.assign(new Error(`${label} failed`), { reported: true, code }));
    });
  });
}

/** Packs the kit (its dist/ must be built) into `work`; returns the tarball's path. */
export async function packKit(work) {
  await phase('npm pack the kit', 'npm', ['pack', '--pack-destination', work, '--silent']);
  const tarball = readdirSync(work).find((file) => file.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack wrote no tarball into ${work}`);
  return join(work, tarball);
}

/** `npm ci` in the example, then the packed kit on top. */
export async function installExample(tarball) {
  const quiet = ['--prefer-offline', '--no-audit', '--no-fund'];
  // --include=dev: next build needs TypeScript and the types even where NODE_ENV=production.
  await phase('npm ci in examples/next-app-router', 'npm', ['ci', '--include=dev', ...quiet], {
    cwd: exampleDir,
  });
  await phase(
    'npm install the packed kit into the example',
    'npm',
    ['install', '--no-save', ...quiet, tarball],
    { cwd: exampleDir },
  );
}

const nextBin = (dir) => join(dir, 'node_modules/next/dist/bin/next');

/** `next build` of the app in `dir` (the example, or a copy of it). */
export function buildApp(dir = exampleDir, label = 'next build') {
  return phase(label, process.execPath, [nextBin(dir), 'build'], { cwd: dir });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `next start` for the build in `dir` on a free port and waits for its first page.
 * Returns `{ url, log, stop }`: `log.text` is the server's output, `stop()` ends the server.
 */
export async function startServer(dir = exampleDir) {
  const started = Date.now();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = spawn(
    process.execPath,
    [nextBin(dir), 'start', '-H', '127.0.0.1', '-p', `${port}`],
    {
      cwd: dir,
      // PORT: the account page calls the mocked API on this server from the server side.
      env: { ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const log = { text: '' };
  const append = (chunk) => {
    log.text += chunk;
  };
  server.stdout.on('data', append);
  server.stderr.on('data', append);
  const exited = new Promise((resolve) => server.on('exit', resolve));
  /** Ends the server this process started, by its PID: SIGTERM, then SIGKILL after 5 s. */
  const stop = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    server.kill('SIGTERM');
    const timer = setTimeout(() => server.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && server.exitCode === null) {
    try {
      if ((await fetch(url)).ok) {
        console.info(`ok - next start on ${url} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
        return { url, log, stop };
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  console.error(log.text.trimEnd());
  throw new Error(`next start did not answer on ${url} within 30 s`);
}
