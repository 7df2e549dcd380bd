import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { DocumentsService } from './documents.service.js';
import { ExtractionError, extractInIsolation } from './extraction/index.js';
import { type ClaimedJob, TextJobs } from './text-jobs.js';

/** How often an idle worker looks for due jobs (retries, other replicas' uploads). */
const POLL_MS = 2000;
/** How often a running job renews its lease. */
const RENEW_MS = 30_000;

/**
 * Runs text extractions one at a time in this process (OCR takes a whole core), each in its own
 * child process with time and memory limits, so a hostile file fails its job and nothing else.
 */
@Injectable()
export class TextWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TextWorker');
  private readonly stop = new AbortController();
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly jobs: TextJobs,
    private readonly documents: DocumentsService,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe = this.jobs.onNudge(() => this.wake?.());
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stop.abort();
    this.wake?.();
    this.unsubscribe?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stop.signal.aborted) {
      let job: ClaimedJob | null = null;
      try {
        job = await this.jobs.claim();
      } catch (error) {
        // The database may be starting or gone for a moment: try again at the next tick.
        this.logger.warn({ err: error }, 'could not claim a text job');
      }
      if (job) {
        await this.work(job);
        continue;
      }
      await this.idle();
    }
  }

  private async idle(): Promise<void> {
    const woken = new Promise<void>((resolve) => (this.wake = resolve));
    await Promise.race([
      woken,
      sleep(POLL_MS, undefined, { signal: this.stop.signal }).catch(() => undefined),
    ]);
    this.wake = null;
  }

  private async work(job: ClaimedJob): Promise<void> {
    const renewal = setInterval(() => {
      this.jobs.renew(job.id).catch(() => undefined);
    }, RENEW_MS);
    let path: string | null = null;
    try {
      const document = await this.documents.forJob(job.documentId);
      if (!document) {
        await this.jobs.finish(job.id, 'done');
        return;
      }
      if (job.attempts > job.maxAttempts) {
        // Its worker died each time (the process crashed or was killed on it): give up.
        await this.documents.saveExtraction(job.documentId, { ok: false, error: 'crashed' });
        await this.jobs.finish(job.id, 'failed', 'worker lost too many times');
        return;
      }
      path = await this.documents.download(document.sha256);
      const text = await extractInIsolation(path, document.mime_type, {
        signal: this.stop.signal,
      });
      await this.documents.saveExtraction(job.documentId, { ok: true, text });
      await this.jobs.finish(job.id, 'done');
      this.logger.log({ job: job.id, pages: text.pages.length }, 'text extracted');
    } catch (error) {
      await this.failed(job, error);
    } finally {
      clearInterval(renewal);
      if (path) await rm(path, { force: true });
    }
  }

  private async failed(job: ClaimedJob, error: unknown): Promise<void> {
    try {
      if (this.stop.signal.aborted) {
        await this.jobs.release(job);
        return;
      }
      const code = error instanceof ExtractionError ? error.code : null;
      const final =
        (error instanceof ExtractionError && error.permanent) || job.attempts >= job.maxAttempts;
      const reason = code ?? (error instanceof Error ? error.message : String(error));
      this.logger.warn({ job: job.id, attempt: job.attempts, reason, final }, 'text job failed');
      if (final) {
        await this.documents.saveExtraction(job.documentId, {
          ok: false,
          error: code ?? 'crashed',
        });
        await this.jobs.finish(job.id, 'failed', reason);
      } else {
        await this.jobs.retryLater(job, reason);
      }
    } catch (inner) {
      // The lease expires and another attempt comes: nothing is lost.
      this.logger.error({ err: inner, job: job.id }, 'could not record a text job failure');
    }
  }
}
