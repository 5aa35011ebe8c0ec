import { defineConfig } from 'vite';

/** Peer dependencies and msw stay imports: the storefront's bundler provides them. */
const external = [
  /^react($|\/)/,
  /^react-dom($|\/)/,
  /^@tanstack\/react-query($|\/)/,
  /^zustand($|\/)/,
  /^msw($|\/)/,
];

/**
 * The library build: ESM only, one output file per source file (`preserveModules`), so that each
 * React module keeps its own `'use client'` directive and storefront bundlers tree-shake per file.
 * Types come from `tsc -p tsconfig.build.json`; scripts/build.mjs runs both.
 */
export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    minify: false,
    sourcemap: false,
    target: 'es2022',
    lib: {
      entry: {
        index: 'src/index.ts',
        'server/index': 'src/server/index.ts',
        'testing/index': 'src/testing/index.ts',
      },
      formats: ['es'],
    },
    rolldownOptions: {
      external,
      onwarn(warning, warn) {
        // preserveModules keeps each file's 'use client' directive, so this warning does not apply.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      output: {
        preserveModules: true,
        preserveModulesRoot: 'src',
        entryFileNames: '[name].js',
      },
    },
  },
});
