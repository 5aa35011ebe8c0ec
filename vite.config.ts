import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The demo storefront: `npm run demo` serves index.html, which loads demo/main.tsx. */
export default defineConfig({
  plugins: [react()],
  server: { host: '127.0.0.1' },
});
