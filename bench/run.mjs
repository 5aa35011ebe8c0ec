// `npm run bench`: measures storefront-auth-kit against the vendor SDK and three auth libraries,
// side by side in one run, and writes bench/RESULTS.md with the machine and the date.
//
// The competitors live in bench/package.json (never in the kit's own manifest); they are installed
// here with `npm ci --prefix bench` when bench/node_modules is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const rootDir = fileURLToPath(new URL('..', import.meta.url));
const outDir = `${benchDir}.out`;

function ensureBenchDependencies() {
  if (existsSync(`${benchDir}node_modules/esbuild`)) return;
  console.log('bench: installing the competitor packages (npm ci --prefix bench)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(
    npm,
    ['ci', '--prefix', 'bench', '--legacy-peer-deps', '--no-audit', '--no-fund'],
    { cwd: rootDir, stdio: 'inherit' },
  );
  if (result.status !== 0) {
    console.error('bench: npm ci --prefix bench failed');
    process.exit(1);
  }
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

async function runPart(name, load) {
  const started = performance.now();
  process.stdout.write(`bench: ${name}… `);
  try {
    const result = await load();
    console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return result;
  } catch (error) {
    console.log('failed');
    console.error(error);
    return { error: String(error?.message ?? error).split('\n')[0] };
  }
}

ensureBenchDependencies();
mkdirSync(outDir, { recursive: true });

const { measureBundles } = await import('./parts/bundle.mjs');
const { measureRequests } = await import('./parts/requests.mjs');
const { measureRenders } = await import('./parts/renders.mjs');
const { measureBrowser } = await import('./parts/browser.mjs');
const { measureRaces } = await import('./parts/races.mjs');
const { measureNextReload } = await import('./parts/nextReload.mjs');
const { writeResults, summary } = await import('./parts/report.mjs');

const results = {
  date: new Date().toISOString(),
  machine: machine(),
  bundles: await runPart('1/6 bundle cost', measureBundles),
  requests: await runPart('2/6 requests per logout', measureRequests),
  renders: await runPart('3/6 renders during a 60 s cooldown', measureRenders),
  browser: await runPart('4/6 Chromium: logout response to customer gone', measureBrowser),
  races: await runPart('5/6 the SDK token refresh racing a logout', measureRaces),
  nextReload: await runPart('6/6 Next.js: a signed-in reload', measureNextReload),
};

writeFileSync(`${outDir}/results.json`, `${JSON.stringify(results, null, 2)}\n`);
writeResults(`${benchDir}RESULTS.md`, results);
console.log(`\n${summary(results)}\nbench: wrote bench/RESULTS.md`);
