import { Worker } from 'node:worker_threads';
import { compiledEntry } from '../compiled-entry.js';
import { SanitizeError, type SanitizeErrorCode } from './sanitize-error.js';
import { type StripResult } from './strip-result.js';

/** Limits of one PDF's stripping: a hostile file fails its upload, not the server. */
export interface PdfIsolationLimits {
  timeoutMs?: number;
  maxHeapMb?: number;
}

type WorkerAnswer =
  | { ok: true; result: StripResult & { pages: number } }
  | { ok: false; code: SanitizeErrorCode; message: string };

/**
 * `stripPdfMetadata` in a worker thread with its own heap limit and a deadline. pdf-lib is
 * plain JavaScript, so its memory is that heap: a PDF that would need more (a decompression
 * bomb, a giant object graph) ends the worker with an out-of-memory error, and the upload is
 * refused as unreadable, while the API process goes on.
 */
export function stripPdfInIsolation(
  input: string,
  output: string,
  { timeoutMs = 5 * 60_000, maxHeapMb = 1024 }: PdfIsolationLimits = {},
): Promise<StripResult & { pages: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(compiledEntry(import.meta.url, 'pdf-worker.js'), {
      workerData: { input, output },
      resourceLimits: { maxOldGenerationSizeMb: maxHeapMb },
    });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      outcome();
      void worker.terminate();
    };
    const deadline = setTimeout(() => {
      settle(() => reject(new SanitizeError('malformed', 'reading this PDF took too long')));
    }, timeoutMs);
    worker.once('message', (answer: WorkerAnswer) => {
      settle(() =>
        answer.ok ? resolve(answer.result) : reject(new SanitizeError(answer.code, answer.message)),
      );
    });
    worker.once('error', (error) => {
      settle(() =>
        reject(
          new SanitizeError('malformed', `this PDF could not be read safely: ${error.message}`),
        ),
      );
    });
    worker.once('exit', () => {
      settle(() => reject(new SanitizeError('malformed', 'the PDF reader stopped')));
    });
  });
}
