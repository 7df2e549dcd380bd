// Entry of the extraction child process, forked by extractInIsolation for one file. It may be
// killed at any moment (timeout, memory); it reports through one IPC message and a result file.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseChildJob, RESULT_FILE, type ChildMessage } from './child-protocol.js';
import { extractDocument } from './extract-document.js';
import { ExtractionError } from './extraction.types.js';

const ORPHANED_EXIT_CODE = 3;

// Nothing here needs the network, and a document must not be able to make this process reach
// it (pdfjs and tesseract.js fetch what they are given URLs for). Worker threads keep their own
// fetch: tesseract's is only used for URL language paths, which we never give it.
globalThis.fetch = () => Promise.reject(new Error('The extraction child has no network access.'));

// With the parent gone nobody will read the result, nor kill us on a timeout.
process.on('disconnect', () => process.exit(ORPHANED_EXIT_CODE));

const OUT_OF_MEMORY = /allocation failed|out of memory|could not allocate|invalid array length/i;

function failure(error: unknown): ChildMessage {
  if (error instanceof ExtractionError) {
    return { type: 'failed', code: error.code, message: error.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  const code =
    error instanceof RangeError && OUT_OF_MEMORY.test(message) ? 'out_of_memory' : 'crashed';
  return { type: 'failed', code, message };
}

function report(message: ChildMessage): void {
  if (!process.send) {
    console.log(JSON.stringify(message)); // run by hand, without a parent
    process.exit(0);
  }
  process.send(message, () => process.exit(0));
}

async function main(): Promise<void> {
  const job = parseChildJob(process.argv[2]);
  try {
    const text = await extractDocument(job.path, job.mime, job.workDir);
    await writeFile(join(job.workDir, RESULT_FILE), JSON.stringify(text));
    report({ type: 'done' });
  } catch (error) {
    report(failure(error));
  }
}

void main();
