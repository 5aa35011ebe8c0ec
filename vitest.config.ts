import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vitest/config';

/**
 * `REACT18=1 vitest run` runs the same tests against React 18, which scripts/react18.mjs installs
 * into `node_modules/.react18/`. Every package that imports React is resolved from there as well,
 * so a single React copy serves the whole run.
 */
const react18Dir = fileURLToPath(new URL('./node_modules/.react18/', import.meta.url));
const react18Packages =
  /^(react|react-dom|@testing-library\/react|@testing-library\/dom|@testing-library\/user-event|@tanstack\/react-query|@tanstack\/query-core|zustand)(\/.*)?$/;

function resolveFromReact18(): Plugin {
  return {
    name: 'resolve-from-react18',
    enforce: 'pre',
    async resolveId(source, _importer, options) {
      if (!react18Packages.test(source)) return null;
      // Resolve as if imported by a file inside the React 18 folder, so package exports and
      // conditions still apply (Vite only honours an importer that exists on disk).
      return this.resolve(source, `${react18Dir}package.json`, { ...options, skipSelf: true });
    },
  };
}

const useReact18 = process.env.REACT18 === '1';

export default defineConfig({
  plugins: useReact18 ? [resolveFromReact18(), react()] : [react()],
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['test/setup.ts'],
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', 'test/package/**'],
    typecheck: {
      enabled: !useReact18,
      checker: 'tsc',
      include: ['test/**/*.test-d.ts'],
      // Only the type tests and what they import: tsc --noEmit checks the rest of the project.
      tsconfig: 'tsconfig.typetests.json',
    },
  },
});
