import { cpSync, createReadStream, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, type Plugin } from 'vite';
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
  // Co-editing (Hocuspocus) upgrades to a WebSocket: before `/api`, which would not.
  '/api/collab': { target: apiTarget, ws: true },
  '/api': { target: apiTarget },
  '/socket.io': { target: apiTarget, ws: true },
  '/realms': { target: apiTarget },
  '^/p(/|$)': { target: apiTarget },
  '/feed.atom': { target: apiTarget },
};

/**
 * PDF.js reads character maps, standard fonts, colour profiles and image decoders (WebAssembly)
 * at run time. They are served by us, under a path holding PDF.js's version (so that a new
 * version is never mixed with cached files of the old): never from a CDN.
 */
const pdfjsDir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const pdfjsVersion = (
  JSON.parse(readFileSync(join(pdfjsDir, 'package.json'), 'utf8')) as { version: string }
).version;
const PDFJS_ASSET_DIRS = ['cmaps', 'standard_fonts', 'iccs', 'wasm'];

function pdfjsAssets(): Plugin {
  const base = `/pdfjs/${pdfjsVersion}/`;
  let outDir = 'dist';
  return {
    name: 'technopolice:pdfjs-assets',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    configureServer(server) {
      server.middlewares.use(base, (req, res, next) => {
        const wanted = resolve(
          pdfjsDir,
          `.${decodeURIComponent((req.url ?? '').split('?')[0] ?? '')}`,
        );
        const allowed = PDFJS_ASSET_DIRS.some((dir) =>
          wanted.startsWith(join(pdfjsDir, dir) + sep),
        );
        if (!allowed || !statSync(wanted, { throwIfNoEntry: false })?.isFile()) {
          next();
          return;
        }
        if (wanted.endsWith('.wasm')) res.setHeader('Content-Type', 'application/wasm');
        else if (wanted.endsWith('.js')) res.setHeader('Content-Type', 'text/javascript');
        createReadStream(wanted).pipe(res);
      });
    },
    writeBundle() {
      for (const dir of PDFJS_ASSET_DIRS)
        cpSync(join(pdfjsDir, dir), join(outDir, 'pdfjs', pdfjsVersion, dir), { recursive: true });
    },
  };
}

export default defineConfig({
  plugins: [react(), pdfjsAssets()],
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
            // PDF.js (the document viewer) and tus (large uploads) load only when needed: never
            // in the bundle every page loads.
            { name: 'pdfjs', test: /node_modules[\\/]pdfjs-dist[\\/]/, priority: 3 },
            {
              name: 'tus',
              test: /node_modules[\\/](tus-js-client|js-base64|url-parse|querystringify|requires-port|lodash\.throttle|combine-errors|custom-error-instance|lodash\.uniqby|is-stream|buffer-from)[\\/]/,
              priority: 3,
            },
            // Co-editing (Y.js, the Hocuspocus provider, Tiptap's Y.js binding) loads with the
            // summary only. Its modules alone: their ProseMirror dependencies stay in `editor`, so
            // that the posts' editor never loads this.
            {
              name: 'collab',
              test: /node_modules[\\/](yjs|lib0|y-protocols|@hocuspocus|@lifeomic|@tiptap[\\/](y-tiptap|extension-collaboration))[\\/]/,
              priority: 5,
              includeDependenciesRecursively: false,
            },
            // The rich-text editor (Tiptap, ProseMirror) loads with the first editor shown.
            {
              name: 'editor',
              test: /node_modules[\\/](@tiptap|prosemirror-[a-z-]+|@floating-ui|linkifyjs|orderedmap|rope-sequence|w3c-keyname|fast-equals)[\\/]/,
              priority: 3,
            },
            // React, its DOM renderer and the router change rarely: cached apart from the app.
            // Above the editor: a group takes its modules' dependencies, and @tiptap/react
            // would pull React in (use-sync-external-store too, which react-i18next uses).
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|use-sync-external-store)[\\/]/,
              priority: 4,
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
