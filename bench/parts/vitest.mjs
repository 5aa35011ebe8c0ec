// Runs one of bench/measure/*.measure.tsx with vitest (jsdom) and reads the JSON it writes.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const rootDir = fileURLToPath(new URL('../../', import.meta.url));

export function runMeasure(file, output) {
  if (!existsSync(`${rootDir}src/index.ts`) || !existsSync(`${rootDir}src/testing/index.ts`)) {
    return { error: 'src/index.ts or src/testing/index.ts does not exist yet' };
  }
  const json = `${rootDir}bench/.out/${output}`;
  rmSync(json, { force: true });
  const result = spawnSync(
    process.execPath,
    [
      'node_modules/vitest/vitest.mjs',
      'run',
      '--config',
      'bench/vitest.config.mjs',
      `bench/measure/${file}`,
    ],
    // NODE_ENV: part 4's in-process `vite build` sets it to 'production' for the rest of the run,
    // and vitest under 'production' cannot load the measures (`No such built-in module: node:`).
    { cwd: rootDir, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'test', NO_COLOR: '1' } },
  );
  if (result.status !== 0 || !existsSync(json)) {
    const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-15).join('\n');
    return { error: `vitest ${file} failed:\n${tail}` };
  }
  return JSON.parse(readFileSync(json, 'utf8'));
}
