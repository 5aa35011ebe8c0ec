// Stryker's settings for `npm run mutate` (scripts/mutate.mjs), which also names the files to
// mutate and turns the report into reliability/mutation.json.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts' },
  mutate: ['src/core/**/*.ts', 'src/backends/**/*.ts', 'src/react/**/*.{ts,tsx}'],
  coverageAnalysis: 'perTest',
  // TypeScript 7 has no JS API for Stryker to rewrite tsconfig references with; a file that does
  // not exist skips that step (vitest compiles the sandbox with esbuild, which needs no rewrite).
  tsconfigFile: 'tsconfig.stryker-skips-this.json',
  reporters: ['progress', 'clear-text', 'html', 'json'],
  htmlReporter: { fileName: 'test-results/mutation/index.html' },
  jsonReporter: { fileName: 'test-results/mutation/report.json' },
  clearTextReporter: { reportTests: false, logTests: false },
  // `npm run mutate -- --incremental` tests again only what changed since the last run.
  incrementalFile: 'test-results/mutation/incremental.json',
  // Build output and reports are not needed in the sandbox copies.
  ignorePatterns: [
    'dist',
    'dist-demo',
    'test-results',
    'playwright-report',
    'coverage',
    'bench/node_modules',
  ],
  // Two cores shared with other work: a slow test run is not an endless mutant. A timeout counts
  // as caught, so a margin too small would flatter the score (a mutant judged equivalent timed out
  // at 10 s while the machine was busy).
  timeoutMS: 30_000,
  dryRunTimeoutMinutes: 20,
};
