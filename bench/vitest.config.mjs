// Runs bench/measure/*.measure.tsx for `npm run bench` (parts 2 and 3). These files record numbers
// to bench/.out/*.json; they are measurements, not tests, and the project's test run never picks
// them up (its include patterns do not match `*.measure.tsx`).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: new URL('..', import.meta.url).pathname,
  plugins: [react()],
  test: {
    include: ['bench/measure/*.measure.tsx'],
    environment: 'jsdom',
    globals: false,
    testTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
