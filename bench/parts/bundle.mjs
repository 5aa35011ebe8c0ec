// Part 1: bundle cost. Every entry is bundled the same way (esbuild: bundle, minify, ESM, browser,
// production mode, the app's own framework packages external) and measured minified and gzipped.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const entriesDir = fileURLToPath(new URL('../entries/', import.meta.url));
const kitIndex = fileURLToPath(new URL('../../src/index.ts', import.meta.url));

/** Packages a storefront already ships: left to the app for every library alike. */
export const external = [
  'react',
  'react/*',
  'react-dom',
  'react-dom/*',
  '@tanstack/react-query',
  '@tanstack/query-core',
  'zustand',
  'zustand/*',
  'next',
  'next/*',
];

export const entries = [
  { id: 'kit-all', label: 'storefront-auth-kit (whole API)', kit: true },
  {
    id: 'kit-logout',
    label: 'storefront-auth-kit (provider + store + useLogout + commerceEngine)',
    kit: true,
  },
  { id: 'commerce-engine-sdk', label: '@commercengine/storefront-sdk 0.15.0' },
  { id: 'next-auth', label: 'next-auth/react 4.24' },
  { id: 'react-oidc-context', label: 'react-oidc-context 3.3.1 + oidc-client-ts 3.5.0' },
  { id: 'auth0-react', label: '@auth0/auth0-react 2.27.0' },
];

export async function measureBundles() {
  const esbuild = await import('esbuild');
  const kitExists = existsSync(kitIndex);
  const rows = [];
  for (const entry of entries) {
    if (entry.kit && !kitExists) {
      rows.push({ ...entry, error: 'src/index.ts does not exist yet' });
      continue;
    }
    try {
      const result = await esbuild.build({
        entryPoints: [`${entriesDir}${entry.id}.js`],
        bundle: true,
        minify: true,
        format: 'esm',
        platform: 'browser',
        target: 'es2022',
        write: false,
        external,
        define: { 'process.env.NODE_ENV': '"production"' },
        legalComments: 'none',
        logLevel: 'silent',
        metafile: true,
      });
      const code = result.outputFiles[0].contents;
      const inputs = Object.entries(Object.values(result.metafile.outputs)[0]?.inputs ?? {});
      const row = {
        ...entry,
        minified: code.byteLength,
        gzipped: gzipSync(code, { level: 9 }).byteLength,
        modules: inputs.length,
      };
      if (entry.kit) {
        // Where the kit's minified bytes come from, largest first, to aim size work at.
        row.breakdown = inputs
          .map(([file, { bytesInOutput }]) => ({
            file: file.replace(/^(\.\.\/)+/, ''),
            bytes: bytesInOutput,
          }))
          .filter(({ bytes }) => bytes > 0)
          .sort((a, b) => b.bytes - a.bytes);
      }
      rows.push(row);
    } catch (error) {
      rows.push({ ...entry, error: String(error.message ?? error).split('\n')[0] });
    }
  }
  const all = rows.find((row) => row.id === 'kit-all' && row.gzipped);
  const logout = rows.find((row) => row.id === 'kit-logout' && row.gzipped);
  for (const row of rows) {
    if (all && row.gzipped) row.ratio = row.gzipped / all.gzipped;
    if (logout && row.gzipped) row.ratioToLogout = row.gzipped / logout.gzipped;
  }
  const budgets = [
    { label: 'whole API', id: 'kit-all', limit: 3.5 * 1024 },
    { label: 'provider + store + useLogout + one backend', id: 'kit-logout', limit: 2.5 * 1024 },
  ].map((budget) => {
    const row = rows.find((candidate) => candidate.id === budget.id);
    return { ...budget, gzipped: row?.gzipped ?? null };
  });
  return { external, rows, budgets };
}
