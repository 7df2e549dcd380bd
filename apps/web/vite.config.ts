import react from '@vitejs/plugin-react';
import { defaultClientConditions } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * The web app consumes `@technopolice/shared` from its TypeScript sources through the custom
 * export condition, in dev, in builds and in tests alike (no prior build of shared needed).
 */
const SOURCE_CONDITION = '@technopolice/source';

const apiTarget = `http://127.0.0.1:${process.env.API_PORT ?? '3000'}`;

/**
 * Everything the API answers; the dev server and `vite preview` forward it. `/p` (public
 * pages) is a pattern so that it does not swallow the app's own `/publications`.
 */
const proxy = {
  '/api': { target: apiTarget },
  '/socket.io': { target: apiTarget, ws: true },
  '/realms': { target: apiTarget },
  '^/p(/|$)': { target: apiTarget },
  '/feed.atom': { target: apiTarget },
};

export default defineConfig({
  plugins: [react()],
  resolve: {
    conditions: [SOURCE_CONDITION, ...defaultClientConditions],
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy,
  },
  preview: {
    port: 4173,
    strictPort: true,
    proxy,
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2023',
    reportCompressedSize: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // React, its DOM renderer and the router change rarely: cached apart from the app.
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
              priority: 2,
            },
            // Other libraries (TanStack Query, i18next, zod, icons). Stylesheets (the font) stay
            // with the app's own CSS so that the page loads a single stylesheet.
            {
              name: 'vendor',
              test: (id) => /node_modules[\\/]/.test(id) && !id.endsWith('.css'),
              priority: 1,
            },
          ],
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
    reporters: ['default', 'json'],
    outputFile: { json: '../../test-results/web/vitest.json' },
  },
});
