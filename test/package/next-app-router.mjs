// The Next.js example, end to end, with the kit as a storefront installs it: packs the kit with
// `npm pack`, runs `npm ci` in examples/next-app-router and installs the tarball there (the kit is
// not in the example's lockfile), runs `next build` and `next start` on a free port, and drives the
// app in Chromium with the Playwright specs of examples/next-app-router/e2e/. The server is stopped
// at the end, whatever happened.
// Run by `npm test` after the library build, which counts the Playwright report
// (test-results/reports/next-app-router.json). Alone: `npm run build && node test/package/next-app-router.mjs`;
// arguments after the script go to Playwright (`… next-app-router.mjs e2e/tabs.spec.ts`), and
// `SKIP_INSTALL=1` / `SKIP_BUILD=1` reuse the last install or build while working on the specs.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildApp,
  exampleDir,
  installExample,
  packKit,
  phase,
  root,
  startServer,
} from '../../scripts/nextExample.mjs';

const results = join(root, 'test-results/next-app-router');
const playwrightBin = join(root, 'node_modules/@playwright/test/cli.js');

async function main() {
  const started = Date.now();
  if (!existsSync(join(root, 'dist/index.js'))) {
    await phase('build the kit (dist/ was missing)', 'npm', ['run', 'build']);
  }
  mkdirSync(results, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'storefront-auth-kit-next-'));
  let server;
  // A Ctrl-C or a kill of this script must not leave the server behind.
  const onSignal = async (signal) => {
    await server?.stop();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    if (process.env.SKIP_INSTALL !== '1') await installExample(await packKit(work));
    if (process.env.SKIP_BUILD !== '1') await buildApp();
    server = await startServer();
    try {
      await phase(
        'Playwright: examples/next-app-router/e2e in Chromium',
        process.execPath,
        [
          playwrightBin,
          'test',
          '--config',
          join(exampleDir, 'playwright.config.ts'),
          ...process.argv.slice(2),
        ],
        { echo: true, extraEnv: { NEXT_E2E_URL: server.url } },
      );
    } finally {
      await server.stop();
      writeFileSync(join(results, 'server.log'), server.log.text);
    }
  } catch (error) {
    if (server) {
      const lines = server.log.text.trimEnd().split('\n');
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
