import { cpSync, createReadStream, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, type Plugin, type Rolldown } from 'vite';
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

/** What the build holds the app to (issue #9, item 7). */
interface BundleBudget {
  /** The page measured, by the module its route loads lazily (relative to the app's root). */
  page: { label: string; module: string };
  /** Gzipped JavaScript the page may need before it renders, in bytes. */
  maxGzip: number;
  /** What must stay out of it and load on demand: a label and the module that starts it. */
  onDemand: { label: string; module: string }[];
}

/** Sizes in kB of 1,000 bytes, like Vite's own report. */
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/**
 * After every build: the JavaScript the budget's page needs before it renders (the entry and its
 * static imports, the page's lazy chunk and its static imports), gzipped and raw, and what each
 * on-demand feature adds when first used. Fails the build over budget, or when an on-demand
 * feature got into the page's load, so that CI catches the regression.
 */
function bundleReport(budget: BundleBudget): Plugin {
  let root = process.cwd();
  let info: (message: string) => void = console.log;
  return {
    name: 'technopolice:bundle-report',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      info = (message) => config.logger.info(message);
    },
    writeBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter(
        (file): file is Rolldown.OutputChunk => file.type === 'chunk',
      );
      const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
      const chunkOf = (module: string) =>
        chunks.find((chunk) => chunk.facadeModuleId === resolve(root, module));
      /** The chunks and their static imports, transitively: what loads with them. */
      const withImports = (start: Rolldown.OutputChunk[]) => {
        const seen = new Set<string>();
        const visit = (fileName: string) => {
          if (seen.has(fileName)) return;
          seen.add(fileName);
          for (const imported of byFile.get(fileName)?.imports ?? []) visit(imported);
        };
        for (const chunk of start) visit(chunk.fileName);
        return seen;
      };
      const sizes = new Map<string, { raw: number; gzip: number }>();
      const sizeOf = (fileName: string) => {
        let size = sizes.get(fileName);
        if (!size) {
          const file = bundle[fileName];
          const content = file?.type === 'chunk' ? file.code : (file?.source ?? '');
          size = { raw: Buffer.byteLength(content), gzip: gzipSync(content).length };
          sizes.set(fileName, size);
        }
        return size;
      };
      const total = (files: Iterable<string>) => {
        const sum = { raw: 0, gzip: 0 };
        for (const file of files) {
          sum.raw += sizeOf(file).raw;
          sum.gzip += sizeOf(file).gzip;
        }
        return sum;
      };
      const byGzip = (a: string, b: string) =>
        sizeOf(b).gzip - sizeOf(a).gzip || a.localeCompare(b);
      const row = (name: string, size: { raw: number; gzip: number }) =>
        `  ${name.padEnd(32)} ${kB(size.gzip).padStart(9)} gz ${kB(size.raw).padStart(10)}`;

      const page = chunkOf(budget.page.module);
      if (!page) {
        this.error(
          `Bundle report: ${budget.page.module} is no longer a chunk of its own. Is its route ` +
            'still loaded lazily (routes.tsx)? Otherwise, update the budget in vite.config.ts.',
        );
      }
      const initial = withImports([...chunks.filter((chunk) => chunk.isEntry), page]);
      const initialSize = total(initial);
      const listed = [...initial].sort(byGzip);
      const shown = listed.filter((file) => sizeOf(file).gzip >= 1000);
      const small = listed.slice(shown.length);
      const lines = [
        '',
        `JavaScript to render ${budget.page.label}: ${kB(initialSize.gzip)} gzipped ` +
          `(${kB(initialSize.raw)} raw), budget ${kB(budget.maxGzip)}`,
        ...shown.map((file) => row(file.replace(/^.*\//, ''), sizeOf(file))),
      ];
      if (small.length > 0) lines.push(row(`${small.length} chunks under 1 kB each`, total(small)));

      // What a feature adds: its chunks that no page loads without it (code it shares with the
      // pages is counted with them).
      const problems: string[] = [];
      const starts = budget.onDemand.map((feature) => chunkOf(feature.module));
      const withoutFeatures = withImports(
        chunks.filter(
          (chunk) => (chunk.isEntry || chunk.isDynamicEntry) && !starts.includes(chunk),
        ),
      );
      lines.push('Loaded on demand, when first used:');
      budget.onDemand.forEach((feature, index) => {
        const start = starts[index];
        if (!start) {
          problems.push(`${feature.label}: ${feature.module} is no longer a chunk of its own.`);
        } else if (initial.has(start.fileName)) {
          problems.push(`${feature.label} (${feature.module}) is in ${budget.page.label}'s load.`);
        } else {
          const files = [...withImports([start])].filter((file) => !withoutFeatures.has(file));
          // What a chunk fetches itself at run time (PDF.js's worker) counts with it.
          const workers = files.flatMap((file) =>
            [...(byFile.get(file)?.viteMetadata?.importedAssets ?? [])].filter((asset) =>
              /\.m?js$/.test(asset),
            ),
          );
          const names = [...files.sort(byGzip), ...workers].map((file) =>
            file.replace(/^.*\//, '').replace(/-[\w-]{8}(\.m?js)$/, '$1'),
          );
          lines.push(`${row(feature.label, total([...files, ...workers]))}  ${names.join(', ')}`);
        }
      });
      info(lines.join('\n'));

      if (initialSize.gzip > budget.maxGzip) {
        problems.unshift(
          `JavaScript to render ${budget.page.label}: ${kB(initialSize.gzip)} gzipped, ` +
            `${kB(initialSize.gzip - budget.maxGzip)} over its ${kB(budget.maxGzip)} budget. ` +
            'Load more on demand (a lazy route, component or import) rather than raise it.',
        );
      }
      if (problems.length > 0) {
        this.error(`Bundle report:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
      }
    },
  };
}

/**
 * The case board must render with under 250 kB of gzipped JavaScript (issue #9, item 7): pages
 * load with their routes, the editor, the PDF viewer, co-editing and the map when first shown.
 * Every build reports it, and fails over budget.
 */
const budget = bundleReport({
  page: { label: 'the case board (/dossiers)', module: 'src/pages/CasesPage.tsx' },
  maxGzip: 250_000,
  onDemand: [
    { label: 'Rich-text editor', module: 'src/features/editor/RichTextEditor.tsx' },
    { label: 'PDF viewer', module: 'src/features/documents/page/PdfViewer.tsx' },
    { label: 'Co-editing', module: 'src/features/summary/SummaryEditor.tsx' },
    { label: 'Map of the board', module: 'src/features/cases/map/CaseMap.tsx' },
  ],
});

/**
 * React Router 7 exports its development build only (remix-run/react-router#14102, open): its
 * warnings and checks would ship. Builds take the production build the package also holds; dev
 * server and tests keep the warnings.
 */
function reactRouterProduction(): Plugin {
  const production = join(
    dirname(createRequire(import.meta.url).resolve('react-router/package.json')),
    'dist/production/index.mjs',
  );
  return {
    name: 'technopolice:react-router-production',
    apply: 'build',
    enforce: 'pre',
    resolveId: (source) => (source === 'react-router' ? production : null),
  };
}

export default defineConfig({
  plugins: [reactRouterProduction(), react(), pdfjsAssets(), budget],
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
      treeshake: {
        // `@technopolice/shared` only declares schemas and constants: a page takes the modules
        // it uses, not every module its barrel re-exports (the first page would carry all).
        moduleSideEffects: [{ test: /[\\/]packages[\\/]shared[\\/]src[\\/]/, sideEffects: false }],
      },
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
            // The other libraries the first page needs (data cache, translations, session,
            // schemas, the shell's icons): cached apart from the app too. Those of some pages only
            // (drag and drop, their icons) stay with these pages: `$initial` keeps them out.
            // Stylesheets (the font) stay with the app's own CSS, so that a page loads a single
            // stylesheet.
            {
              name: 'vendor',
              test: (id) => /node_modules[\\/]/.test(id) && !id.endsWith('.css'),
              tags: ['$initial'],
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
