// This kit: every public export.
export * from '../../src/index.ts';
