import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import fc from 'fast-check';
import { afterEach, beforeEach } from 'vitest';
import { warned } from '../src/core/answer.js';

// Property tests draw the same cases on every run, so a failure in CI replays at once;
// `npm run fuzz` explores with a new seed each time (PROPERTY_SEED=… draws others here).
fc.configureGlobal({ seed: Number(process.env.PROPERTY_SEED ?? 20261129) });

// A React warning ("not wrapped in act", a missing key, an update on an unmounted component) or a
// stray warning of the kit fails the test that caused it. Tests that expect one spy on the console.
const unexpected: string[] = [];
const original = { error: console.error, warn: console.warn };

beforeEach(() => {
  // The kit's development warnings come once per page; each test is a page of its own.
  warned.unreadable = false;
  unexpected.length = 0;
  for (const level of ['error', 'warn'] as const) {
    console[level] = (...args: unknown[]) => {
      unexpected.push(`console.${level}: ${args.map(String).join(' ')}`);
      original[level](...args);
    };
  }
});

afterEach(() => {
  cleanup();
  console.error = original.error;
  console.warn = original.warn;
  if (unexpected.length > 0) {
    throw new Error(`The test logged what it did not expect:\n${unexpected.join('\n')}`);
  }
});
