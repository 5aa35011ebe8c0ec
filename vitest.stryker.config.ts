import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

// The mutation run (`npm run mutate`, stryker.config.mjs) measures what the React 19 tests catch.
// Type tests catch no runtime mutant and would only slow every run down, so they are left out.
if (process.env.REACT18 === '1') {
  throw new Error('npm run mutate measures the React 19 tests: run it without REACT18=1.');
}

export default mergeConfig(base, defineConfig({ test: { typecheck: { enabled: false } } }));
