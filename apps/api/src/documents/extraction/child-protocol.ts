import { type ExtractionFailure } from './extraction.types.js';

// The child imports this module, so it stays free of heavy dependencies: every child pays for
// what it loads, once per document.

/** What the parent asks of the child, passed as its only argument (JSON). */
export interface ChildJob {
  path: string;
  mime: string;
  /** Private scratch directory, deleted by the parent after the child exits. */
  workDir: string;
}

/** File in `workDir` holding the result: a big text would make one huge IPC message. */
export const RESULT_FILE = 'result.json';

/** The child's one message to the parent before it exits. */
export type ChildMessage =
  { type: 'done' } | { type: 'failed'; code: ExtractionFailure; message: string };

/** Reads the job from the child's argument; throws on anything else. */
export function parseChildJob(argument: string | undefined): ChildJob {
  const job: unknown = JSON.parse(argument ?? 'null');
  const field = (name: keyof ChildJob): string => {
    const value: unknown =
      job && typeof job === 'object' ? (job as Record<string, unknown>)[name] : undefined;
    if (typeof value !== 'string') throw new Error(`The extraction job has no ${name}.`);
    return value;
  };
  return { path: field('path'), mime: field('mime'), workDir: field('workDir') };
}
