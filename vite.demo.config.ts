import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * `npm run build:demo`: a static copy of the demo in dist-demo/. It still runs on the mocks:
 * public/mockServiceWorker.js is copied next to index.html, and `base: './'` lets the copy be
 * served from any folder.
 */
export default defineConfig({
  plugins: [react()],
  base: './',
  // msw's browser worker is most of the bundle; a demo may be that large.
  build: { outDir: 'dist-demo', emptyOutDir: true, chunkSizeWarningLimit: 1024 },
});
