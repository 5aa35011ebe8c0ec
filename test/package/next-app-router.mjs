// The Next.js example, end to end, with the kit as a storefront installs it: packs the kit with
// `npm pack`, runs `npm ci` in examples/next-app-router and installs the tarball there (the kit is
// not in the example's lockfile), runs `next build` and `next start` on a free port, and drives the
// app in Chromium with the Playwright specs of examples/next-app-router/e2e/. The server is stopped
// at the end, whatever happened.
// Run by `npm test` after the library build, which counts the Playwright report
// (test-results/reports/next-app-router.json). Alone: `npm run build && node test/package/next-app-router.mjs`;
// arguments after the script go to Playwright (`… next-app-router.mjs e2e/tabs.spec.ts`), and
// `SKIP_INSTALL=1` / `SKIP_BUILD=1` reuse the last install or build while working on the specs.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const app = join(root, 'examples/next-app-router');
const results = join(root, 'test-results/next-app-router');
const nextBin = join(app, 'node_modules/next/dist/bin/next');
const playwrightBin = join(root, 'node_modules/@playwright/test/cli.js');
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0' };

/** Runs a command to its end, collecting its output; prints it only when the command fails. */
function phase(label, command, args, { cwd = root, echo = false, extraEnv = {} } = {}) {
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
 * Starts `next start` on a free port and waits for its first page. Its output goes to
 * test-results/next-app-router/server.log, and is printed when the run fails.
 */
async function startServer() {
  const started = Date.now();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = spawn(
    process.execPath,
    [nextBin, 'start', '-H', '127.0.0.1', '-p', String(port)],
    {
      cwd: app,
      // PORT: the account page calls the mocked API on this server from the server side.
      env: { ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const log = { text: '' };
  server.stdout.on('data', (chunk) => {
    log.text += chunk;
  });
  server.stderr.on('data', (chunk) => {
    log.text += chunk;
  });
  const exited = new Promise((resolve) => server.on('exit', resolve));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) break;
    try {
      if ((await fetch(url)).ok) {
        console.info(`ok - next start on ${url} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
        return { server, url, log, exited };
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stopServer({ server, exited });
  console.error(log.text.trimEnd());
  throw Object.assign(new Error(`next start did not answer on ${url} within 30 s`), {
    reported: false,
  });
}

/** Stops the server this script started, by its PID: SIGTERM, then SIGKILL after 5 s. */
async function stopServer({ server, exited }) {
  if (server.exitCode !== null || server.signalCode !== null) return;
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

async function main() {
  const started = Date.now();
  if (!existsSync(join(root, 'dist/index.js'))) {
    await phase('build the kit (dist/ was missing)', 'npm', ['run', 'build']);
  }
  mkdirSync(results, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'storefront-auth-kit-next-'));
  let running;
  // A Ctrl-C or a kill of this script must not leave the server behind.
  const onSignal = async (signal) => {
    if (running) await stopServer(running);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    if (process.env.SKIP_INSTALL !== '1') {
      await phase('npm pack the kit', 'npm', ['pack', '--pack-destination', work, '--silent']);
      const tarball = readdirSync(work).find((file) => file.endsWith('.tgz'));
      if (!tarball) throw new Error(`npm pack wrote no tarball into ${work}`);
      await phase(
        'npm ci in examples/next-app-router',
        'npm',
        ['ci', '--prefer-offline', '--no-audit', '--no-fund'],
        { cwd: app },
      );
      // The kit is not in the example's lockfile: it comes from this checkout, as packed above.
      await phase(
        'npm install the packed kit into the example',
        'npm',
        [
          'install',
          '--no-save',
          '--prefer-offline',
          '--no-audit',
          '--no-fund',
          join(work, tarball),
        ],
        { cwd: app },
      );
    }
    if (process.env.SKIP_BUILD !== '1') {
      await phase('next build', process.execPath, [nextBin, 'build'], { cwd: app });
    }
    running = await startServer();
    const args = process.argv.slice(2);
    try {
      await phase(
        'Playwright: examples/next-app-router/e2e in Chromium',
        process.execPath,
        [playwrightBin, 'test', '--config', join(app, 'playwright.config.ts'), ...args],
        { echo: true, extraEnv: { NEXT_E2E_URL: running.url } },
      );
    } finally {
      await stopServer(running);
      writeFileSync(join(results, 'server.log'), running.log.text);
    }
  } catch (error) {
    if (running) {
      const lines = running.log.text.trimEnd().split('\n');
      console.error(`the server's output (all of it in ${join(results, 'server.log')}):`);
      console.error(lines.slice(-60).join('\n'));
    }
    if (!error.reported) console.error(`not ok - ${error.message}`);
    process.exitCode = 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
    console.info(`(${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
}

await main();
