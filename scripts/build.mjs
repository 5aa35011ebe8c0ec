// The library build: cleans dist/, bundles src/ to ESM with Vite (vite.lib.config.ts) and emits
// the .d.ts files with tsc (tsconfig.build.json).
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function run(label, command, args) {
  console.info(`> ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${label} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

rmSync(`${root}dist`, { recursive: true, force: true });
run('vite build (vite.lib.config.ts)', process.execPath, [
  'node_modules/vite/bin/vite.js',
  'build',
  '--config',
  'vite.lib.config.ts',
  '--logLevel',
  'warn',
]);
run('tsc -p tsconfig.build.json', process.execPath, [
  'node_modules/typescript/bin/tsc',
  '-p',
  'tsconfig.build.json',
]);
