import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** One row of RELIABILITY.md: a failure the kit was put through, and what held. */
export interface ReliabilityRow {
  /** The failure tried, in a few words. */
  failure: string;
  /** What held, every time. */
  held: string;
}

// vitest runs from the repository root.
const dir = `${resolve('test-results/reliability')}/`;

/**
 * Counts the cases a test file actually ran, per row, and writes them to
 * `test-results/reliability/<file>.json` when the file ends; `scripts/reliability-table.mjs`
 * renders RELIABILITY.md from those files. A case is counted only after its assertions passed.
 */
export function reliabilityCounter(file: string, rows: Record<string, ReliabilityRow>) {
  const cases = new Map<string, number>();
  afterAll(() => {
    mkdirSync(dir, { recursive: true });
    const out = Object.entries(rows).map(([key, row]) => ({
      key,
      ...row,
      cases: cases.get(key) ?? 0,
      test: `test/reliability/${file}`,
    }));
    writeFileSync(`${dir}${file.replace(/\W+/g, '-')}.json`, `${JSON.stringify(out, null, 2)}\n`);
  });
  return {
    /** Adds `n` passed cases to the row `key`. */
    count(key: keyof typeof rows & string, n = 1) {
      cases.set(key, (cases.get(key) ?? 0) + n);
    },
  };
}
