/**
 * Vite build of the web UI. `npm run build -w @tocsin/web` writes dist/,
 * which the Tocsin server serves at / with an SPA fallback for /login and
 * /app/*. `npm run dev -w @tocsin/web` proxies the API to a local server.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: { '/api': process.env.TOCSIN_API_URL ?? 'http://127.0.0.1:8080' },
  },
});
