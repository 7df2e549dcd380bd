// Entry of the worker thread that strips one PDF's metadata (see pdf-isolation.ts). pdf-lib
// holds the whole document in memory: here, that memory has a ceiling of its own.
import { parentPort, workerData } from 'node:worker_threads';
import { stripPdfMetadata } from './pdf-metadata.js';
import { SanitizeError } from './sanitize-error.js';

const { input, output } = workerData as { input: string; output: string };

stripPdfMetadata(input, output).then(
  (result) => parentPort?.postMessage({ ok: true, result }),
  (error: unknown) =>
    parentPort?.postMessage({
      ok: false,
      code: error instanceof SanitizeError ? error.code : 'malformed',
      message: error instanceof Error ? error.message : String(error),
    }),
);
