import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { DataSource, type EntityManager } from 'typeorm';

/** A claimed job. */
export interface ClaimedJob {
  id: string;
  documentId: string;
  attempts: number;
  maxAttempts: number;
}

/** How long a claim holds without a heartbeat before another worker may take the job over. */
const LEASE = `interval '2 minutes'`;

/**
 * The durable queue of text extractions, in the database: a job is written in the transaction
 * that creates its document, so it exists exactly when the document does; it survives restarts;
 * a worker that dies leaves a lease that expires, and the job is taken up again. `SKIP LOCKED`
 * lets several API replicas share the queue.
 */
@Injectable()
export class TextJobs {
  private readonly events = new EventEmitter();

  constructor(private readonly dataSource: DataSource) {}

  /** Queues the extraction of a document, inside the caller's transaction. */
  async enqueue(tx: EntityManager, documentId: string): Promise<void> {
    await tx.query(`INSERT INTO jobs (type, document_id) VALUES ('extract-text', $1)`, [
      documentId,
    ]);
  }

  /** Tells this process's worker that a job is waiting (call after the commit). */
  nudge(): void {
    this.events.emit('nudge');
  }

  onNudge(listener: () => void): () => void {
    this.events.on('nudge', listener);
    return () => this.events.off('nudge', listener);
  }

  /** Takes the next due job, or one whose worker stopped renewing its lease. */
  async claim(): Promise<ClaimedJob | null> {
    const rows = await this.dataSource.query<
      { id: string; document_id: string; attempts: number; max_attempts: number }[]
    >(
      // Wrapped in a SELECT: TypeORM answers a bare UPDATE with [rows, count], not rows.
      `WITH claimed AS (
         UPDATE jobs SET status = 'running', attempts = attempts + 1,
           locked_until = now() + ${LEASE}, updated_at = now()
         WHERE id = (
           SELECT id FROM jobs
           WHERE (status = 'queued' AND run_at <= now())
              OR (status = 'running' AND locked_until < now())
           ORDER BY run_at LIMIT 1 FOR UPDATE SKIP LOCKED)
         RETURNING id, document_id, attempts, max_attempts)
       SELECT * FROM claimed`,
    );
    const row = rows[0];
    return row
      ? {
          id: row.id,
          documentId: row.document_id,
          attempts: row.attempts,
          maxAttempts: row.max_attempts,
        }
      : null;
  }

  /** Keeps the lease of a running job. */
  async renew(jobId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE jobs SET locked_until = now() + ${LEASE} WHERE id = $1 AND status = 'running'`,
      [jobId],
    );
  }

  async finish(jobId: string, status: 'done' | 'failed', error: string | null = null) {
    await this.dataSource.query(
      `UPDATE jobs SET status = $2, last_error = $3, locked_until = NULL, updated_at = now()
       WHERE id = $1`,
      [jobId, status, error],
    );
  }

  /** Back in the queue after a failure that may pass, later each time (30 s, 2 min, 8 min…). */
  async retryLater(job: ClaimedJob, error: string): Promise<void> {
    const delaySeconds = 30 * 4 ** (job.attempts - 1);
    await this.dataSource.query(
      `UPDATE jobs SET status = 'queued', last_error = $2, locked_until = NULL,
         run_at = now() + make_interval(secs => $3), updated_at = now()
       WHERE id = $1`,
      [job.id, error, delaySeconds],
    );
  }

  /** Gives a job back untouched (the server is stopping): it runs again after the restart. */
  async release(job: ClaimedJob): Promise<void> {
    await this.dataSource.query(
      `UPDATE jobs SET status = 'queued', attempts = greatest(attempts - 1, 0),
         locked_until = NULL, updated_at = now()
       WHERE id = $1 AND status = 'running'`,
      [job.id],
    );
  }
}
