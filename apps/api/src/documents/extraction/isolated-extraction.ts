import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { compiledEntry } from '../compiled-entry.js';
import { RESULT_FILE, type ChildJob, type ChildMessage } from './child-protocol.js';
import { DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT_MS } from './extraction.limits.js';
import { EXTRACTION_FAILURES, ExtractionError, type ExtractedText } from './extraction.types.js';
import { extractable } from './mime-types.js';

/** Limits of one isolated extraction. */
export interface ExtractionOptions {
  /** Wall-clock limit; the child is killed past it ('timeout'). Default 10 minutes. */
  timeoutMs?: number;
  /** Heap and resident-memory limit of the child ('out_of_memory'). Default 1024 MB. */
  maxMemoryMb?: number;
  /** Aborting kills the child; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** Why the parent killed the child, if it did. */
type KillReason = 'timeout' | 'out_of_memory' | 'aborted';

/** How a child ended, as the parent saw it. */
export interface ChildOutcome {
  message: ChildMessage | null;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  killedFor: KillReason | null;
  /** The end of what the child wrote to stderr. */
  stderr: string;
}

const WATCH_INTERVAL_MS = 250;
const STDERR_TAIL_CHARS = 8 * 1024;
// The child parses hostile files: it gets no credentials, only what Node and ICU need.
const CHILD_ENV_KEYS = ['PATH', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR', 'NODE_ENV'];
const HEAP_OOM = /JavaScript heap out of memory|Reached heap limit|Fatal process out of memory/;
const CAN_WATCH_MEMORY = existsSync('/proc/self/status');

/** Path of the compiled child entry beside this module (from `dist/` when run from source). */
export function childEntryPath(moduleUrl: string = import.meta.url): string {
  return compiledEntry(moduleUrl, 'child.js');
}

// The child parses hostile files, so what it hands back is checked like any other input.
const childMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('done') }),
  z.object({ type: z.literal('failed'), code: z.enum(EXTRACTION_FAILURES), message: z.string() }),
]);
const extractedText = z.object({
  pageCount: z.number().int().nonnegative().nullable(),
  pages: z.array(z.object({ number: z.number().int().positive(), text: z.string() })),
  language: z.enum(['fr', 'en']).nullable(),
  ocrPages: z.number().int().nonnegative(),
  truncated: z.boolean(),
});

function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const key of CHILD_ENV_KEYS) if (process.env[key] !== undefined) env[key] = process.env[key];
  return env;
}

async function residentMb(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null; // exited meanwhile
  }
}

/**
 * Forks the child for one job and waits until it has exited (never leaving it running or
 * unreaped), killing it with SIGKILL on timeout, on abort, or when its resident memory passes
 * the limit.
 */
function runChild(
  entry: string,
  job: ChildJob,
  limits: { timeoutMs: number; maxMemoryMb: number; signal?: AbortSignal },
): Promise<ChildOutcome> {
  return new Promise((settle) => {
    const child = fork(entry, [JSON.stringify(job)], {
      execArgv: [
        `--max-old-space-size=${limits.maxMemoryMb}`,
        '--disallow-code-generation-from-strings',
      ],
      env: childEnv(),
      cwd: job.workDir,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const outcome: ChildOutcome = {
      message: null,
      exitCode: null,
      signal: null,
      killedFor: null,
      stderr: '',
    };
    const kill = (reason: KillReason) => {
      outcome.killedFor ??= reason;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => kill('timeout'), limits.timeoutMs);
    const watchdog = CAN_WATCH_MEMORY
      ? setInterval(() => {
          if (child.pid === undefined) return;
          void residentMb(child.pid).then((mb) => {
            if (mb !== null && mb > limits.maxMemoryMb) kill('out_of_memory');
          });
        }, WATCH_INTERVAL_MS)
      : undefined;
    const onAbort = () => kill('aborted');
    limits.signal?.addEventListener('abort', onAbort, { once: true });
    if (limits.signal?.aborted) onAbort(); // aborted while the job was being set up

    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      outcome.stderr = (outcome.stderr + chunk).slice(-STDERR_TAIL_CHARS);
    });
    child.on('message', (message) => {
      const parsed = childMessage.safeParse(message);
      if (parsed.success) outcome.message ??= parsed.data;
    });
    let done = false;
    const finish = (exitCode: number | null, signal: NodeJS.Signals | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearInterval(watchdog);
      limits.signal?.removeEventListener('abort', onAbort);
      Object.assign(outcome, { exitCode, signal });
      settle(outcome);
    };
    // 'close' comes after the exit and after stderr is drained, so a heap-OOM report is whole.
    child.once('close', finish);
    child.once('error', (error) => {
      outcome.stderr += `\n${error.message}`;
      if (child.pid === undefined) finish(null, null); // never started: no 'close' to wait for
    });
  });
}

/** The error an unsuccessful outcome stands for (null when the child reported a result). */
export function outcomeFailure(
  outcome: ChildOutcome,
  limits: { timeoutMs: number; maxMemoryMb: number },
): ExtractionError | null {
  const { message, killedFor } = outcome;
  if (message?.type === 'done' && killedFor !== 'aborted') return null;
  if (message?.type === 'failed') return new ExtractionError(message.code, message.message);
  if (killedFor === 'timeout') {
    return new ExtractionError('timeout', `Extraction took longer than ${limits.timeoutMs} ms.`);
  }
  if (killedFor === 'out_of_memory' || HEAP_OOM.test(outcome.stderr)) {
    return new ExtractionError(
      'out_of_memory',
      `Extraction needed more than ${limits.maxMemoryMb} MB.`,
    );
  }
  const how = outcome.signal ? `signal ${outcome.signal}` : `code ${outcome.exitCode}`;
  const tail = outcome.stderr.trim().split('\n').slice(-5).join('\n');
  return new ExtractionError(
    'crashed',
    `The extraction child exited with ${how}.${tail ? `\n${tail}` : ''}`,
  );
}

function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error
    ? reason
    : new Error('The extraction was aborted.', { cause: reason });
}

/**
 * Extracts the text of a stored file in a child process, so that a hostile or broken file
 * fails only its own job: the child is killed past `timeoutMs` ('timeout') or `maxMemoryMb`
 * ('out_of_memory'), and any other death is 'crashed'. Rejects with an ExtractionError
 * (`permanent` when retrying cannot help), with the signal's reason on abort, or with the file
 * system's error when `path` cannot be read. Needs the api build (`dist/`) for the child.
 */
export async function extractInIsolation(
  path: string,
  mime: string,
  options: ExtractionOptions = {},
): Promise<ExtractedText> {
  const limits = {
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxMemoryMb: options.maxMemoryMb ?? DEFAULT_MAX_MEMORY_MB,
    signal: options.signal,
  };
  options.signal?.throwIfAborted();
  if (!extractable(mime)) {
    throw new ExtractionError('unsupported', `No text can be extracted from ${mime}.`);
  }
  await stat(path); // a missing file is the caller's bug, not the document's fault
  const entry = childEntryPath();
  const workDir = await mkdtemp(join(tmpdir(), 'technopolice-extraction-'));
  try {
    const outcome = await runChild(entry, { path: resolve(path), mime, workDir }, limits);
    if (outcome.killedFor === 'aborted' && options.signal) throw abortReason(options.signal);
    const failure = outcomeFailure(outcome, limits);
    if (failure) throw failure;
    try {
      return extractedText.parse(JSON.parse(await readFile(join(workDir, RESULT_FILE), 'utf8')));
    } catch (error) {
      throw new ExtractionError('crashed', 'The extraction child left no readable result.', {
        cause: error,
      });
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
