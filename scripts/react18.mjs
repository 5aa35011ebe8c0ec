// Installs React 18 and every test dependency that imports React into node_modules/.react18/,
// for the second component-test run (`REACT18=1 vitest run`, see vitest.config.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = `${root}node_modules/.react18`;

/** The version installed at the top level, so both runs test the same library versions. */
function installed(name) {
  return JSON.parse(readFileSync(`${root}node_modules/${name}/package.json`, 'utf8')).version;
}

const dependencies = {
  react: '18.3.1',
  'react-dom': '18.3.1',
  '@testing-library/react': installed('@testing-library/react'),
  '@testing-library/dom': installed('@testing-library/dom'),
  '@testing-library/user-event': installed('@testing-library/user-event'),
  '@tanstack/react-query': installed('@tanstack/react-query'),
  zustand: installed('zustand'),
};
const manifest = `${JSON.stringify({ name: 'react18-tests', private: true, dependencies }, null, 2)}\n`;

/** Installs when needed; returns the npm output on failure, or null. */
export function ensureReact18() {
  const manifestPath = `${dir}/package.json`;
  const upToDate =
    existsSync(manifestPath) &&
    readFileSync(manifestPath, 'utf8') === manifest &&
    existsSync(`${dir}/node_modules/react-dom/package.json`);
  if (upToDate) return null;
  mkdirSync(dir, { recursive: true });
  writeFileSync(manifestPath, manifest);
  const result = spawnSync(
    'npm',
    [
      'install',
      '--prefix',
      dir,
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--no-package-lock',
    ],
    { encoding: 'utf8' },
  );
  return result.status === 0 ? null : `${result.stdout}${result.stderr}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const failure = ensureReact18();
  if (failure) {
    console.error(failure);
    process.exit(1);
  }
  console.info(`React 18 test dependencies are in ${dir}`);
}
