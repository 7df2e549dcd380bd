import { Injectable } from '@nestjs/common';
import {
  type CaseDocument,
  type CaseEvent,
  type CaseSummary,
  type Notification,
  type Post,
  type Thread,
} from '@technopolice/shared';
import { EventEmitter } from 'node:events';
import { type DataSource, type EntityManager } from 'typeorm';

/** What happened to a case, told after the transaction that did it committed. */
export type CaseNotice =
  | { kind: 'created'; groupId: string; summary: CaseSummary; event: CaseEvent }
  | {
      kind: 'updated';
      groupId: string;
      summary: CaseSummary;
      changes: string[];
      event: CaseEvent | null;
    }
  | { kind: 'event'; groupId: string; caseId: string; event: CaseEvent }
  | { kind: 'deleted'; groupId: string; caseId: string }
  | {
      kind: 'document';
      caseId: string;
      event: CaseEvent;
      change:
        | { name: 'document:added'; document: CaseDocument }
        | { name: 'document:updated'; document: CaseDocument; changes: string[] }
        | { name: 'document:deleted'; documentId: string };
    }
  | {
      /** A thread or post changed: to its case's room (with the case's seq) or group's room. */
      kind: 'discussion';
      groupId: string;
      caseId: string | null;
      seq: number | null;
      threadId: string;
      change:
        | { name: 'thread:created'; thread: Thread }
        | { name: 'thread:updated'; thread: Thread; changes: string[] }
        | { name: 'post:created'; post: Post }
        | { name: 'post:updated'; post: Post; changes: string[] };
    }
  | { kind: 'notification'; userId: string; notification: Notification; unread: number }
  | { kind: 'notifications-read'; userId: string; ids: string[] | 'all'; unread: number };

/**
 * The domain events of cases. Services publish after commit (never inside a transaction that
 * may still roll back); the gateway turns them into socket messages.
 */
@Injectable()
export class CaseNotices {
  private readonly emitter = new EventEmitter().setMaxListeners(50);

  /**
   * Runs `work` in one transaction; what it notified is published once the transaction
   * committed, and dropped if it rolled back.
   */
  async afterCommit<T>(
    dataSource: DataSource,
    work: (tx: EntityManager, notify: (notice: CaseNotice) => void) => Promise<T>,
  ): Promise<T> {
    const pending: CaseNotice[] = [];
    const result = await dataSource.transaction((tx) => work(tx, (notice) => pending.push(notice)));
    this.publish(pending);
    return result;
  }

  publish(notices: CaseNotice[]): void {
    for (const notice of notices) this.emitter.emit('notice', notice);
  }

  subscribe(listener: (notice: CaseNotice) => void): () => void {
    this.emitter.on('notice', listener);
    return () => this.emitter.off('notice', listener);
  }
}
