// Part 1: bundle cost. Every entry is bundled the same way (esbuild: bundle, minify, ESM, browser,
// production mode, the app's own framework packages external) and measured minified and gzipped.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const entriesDir = fileURLToPath(new URL('../entries/', import.meta.url));
const kitIndex = fileURLToPath(new URL('../../src/index.ts', import.meta.url));
const sizeLimits = fileURLToPath(new URL('../../.size-limit.json', import.meta.url));

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

/**
 * Capabilities of the kit that the size targets weigh against, each left out in turn: its modules
 * are replaced by stand-ins that do nothing, and the bundle is measured again. The difference is
 * what the capability costs a storefront.
 */
const capabilities = [
  {
    label: 'tab sync and the one-tab retry lock',
    stubs: {
      'src/core/crossTab.ts':
        'export const syncWhileSubscribed = (store) => store;\n' +
        'export const fromOtherTab = undefined;\n' +
        'export const applyFromOtherTab = (store, apply) => void apply();\n' +
        'export const followStored = () => {};',
      'src/core/oneTab.ts': 'export const inOneTab = (store, task) => void task();',
    },
  },
  {
    label: 'web storage that never throws, with validation and migration',
    stubs: {
      // storage.ts goes with it: only persistedSession.ts imports it.
      'src/core/persistedSession.ts': 'export const persistOptions = (name) => ({ name });',
    },
  },
  {
    label: 'Retry-After as an HTTP-date (three RFC 9110 forms), not only seconds',
    stubs: {
      'src/core/retryAfter.ts':
        'export const parseHttpDate = () => undefined;\n' +
        "export const parseRetryAfter = (v) => (/^\\d+$/.test(v ?? '') ? Number(v) * 1000 : undefined);",
    },
  },
];

/** An esbuild plugin that loads `stubs[path]` instead of each listed kit module. */
function standIns(stubs, loaded) {
  return {
    name: 'stand-ins',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/].*\.tsx?$/ }, (args) => {
        const path = Object.keys(stubs).find((file) => args.path.endsWith(file));
        if (path === undefined) return undefined;
        loaded.add(path);
        return { contents: stubs[path], loader: 'js' };
      });
    },
  };
}

export async function measureBundles() {
  const esbuild = await import('esbuild');
  const kitExists = existsSync(kitIndex);
  const bundle = async (id, plugins = []) => {
    const result = await esbuild.build({
      entryPoints: [`${entriesDir}${id}.js`],
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
      plugins,
    });
    return { result, gzipped: gzipSync(result.outputFiles[0].contents, { level: 9 }).byteLength };
  };
  const rows = [];
  for (const entry of entries) {
    if (entry.kit && !kitExists) {
      rows.push({ ...entry, error: 'src/index.ts does not exist yet' });
      continue;
    }
    try {
      const { result, gzipped } = await bundle(entry.id);
      const inputs = Object.entries(Object.values(result.metafile.outputs)[0]?.inputs ?? {});
      const row = {
        ...entry,
        minified: result.outputFiles[0].contents.byteLength,
        gzipped,
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
  // The size guards npm test checks (size-limit, `.size-limit.json`), listed with the results.
  const budgets = JSON.parse(readFileSync(sizeLimits, 'utf8')).map(({ name, limit }) => ({
    label: name,
    limit: Number.parseFloat(limit) * 1024,
  }));
  const costs = [];
  if (kitExists) {
    const everything = Object.assign({}, ...capabilities.map(({ stubs }) => stubs));
    const all = [...capabilities, { label: 'all three', stubs: everything }];
    for (const capability of all) {
      const cells = [];
      for (const id of ['kit-all', 'kit-logout']) {
        const loaded = new Set();
        const { gzipped } = await bundle(id, [standIns(capability.stubs, loaded)]);
        // A renamed module would silently cost nothing: fail instead.
        const missing = Object.keys(capability.stubs).filter((path) => !loaded.has(path));
        if (missing.length > 0) throw new Error(`no such kit module to leave out: ${missing}`);
        const full = rows.find((row) => row.id === id).gzipped;
        cells.push({ id, saved: full - gzipped, left: gzipped });
      }
      costs.push({ label: capability.label, cells });
    }
  }
  return { external, rows, budgets, costs };
}
