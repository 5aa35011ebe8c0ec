import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

// The mutation run (`npm run mutate`, stryker.config.mjs) measures what the React 19 tests catch.
// Type tests catch no runtime mutant and would only slow every run down, so they are left out.
if (process.env.REACT18 === '1') {
  throw new Error('npm run mutate measures the React 19 tests: run it without REACT18=1.');
}

// The model-based test covers nearly every line, so it runs for nearly every mutant: a small
// budget (its fixed seed, 10 runs per property) keeps a full run near an hour on two cores; it
// then writes no case counts (any other budget counts nowhere).
process.env.MODEL_RUNS ??= '10';

export default mergeConfig(base, defineConfig({ test: { typecheck: { enabled: false } } }));
