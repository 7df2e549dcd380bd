import { Injectable } from '@nestjs/common';
import {
  type DigestSettings,
  type Notification,
  type NotificationKind,
  type digestSettingsSchema,
  type readNotificationsSchema,
} from '@technopolice/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { type z } from 'zod';
import { type Actor } from '../auth/actor.js';
import { type CaseNotice, CaseNotices } from '../cases/case-notices.js';
import { AppError } from '../common/app-error.js';
import { cursorAfter, offsetOfCursor } from '../common/offset-cursor.js';
import { DigestWorker } from './digest.js';

/** What a feature asks to tell someone. */
export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  groupId: string;
  caseId?: string | null;
  threadId?: string | null;
  postId?: string | null;
  documentId?: string | null;
  actorId: string | null;
  title: string;
  excerpt?: string;
}

interface NotificationRow {
  id: string;
  kind: NotificationKind;
  group_id: string;
  case_id: string | null;
  thread_id: string | null;
  post_id: string | null;
  document_id: string | null;
  actor_id: string | null;
  actor_name: string | null;
  title: string;
  excerpt: string;
  created_at: Date;
  read_at: Date | null;
}

const COLUMNS = `n.id, n.kind, n.group_id, n.case_id, n.thread_id, n.post_id, n.document_id,
  n.actor_id, a.display_name AS actor_name, n.title, n.excerpt, n.created_at, n.read_at`;

function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    kind: row.kind,
    groupId: row.group_id,
    caseId: row.case_id,
    threadId: row.thread_id,
    postId: row.post_id,
    documentId: row.document_id,
    actor: row.actor_id ? { id: row.actor_id, displayName: row.actor_name ?? '' } : null,
    title: row.title,
    excerpt: row.excerpt,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
  };
}

/**
 * The notification centre: features add entries inside their own transaction; each person's
 * open tabs hear of them once it committed.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notices: CaseNotices,
    private readonly digests: DigestWorker,
  ) {}

  async digest(actor: Actor): Promise<DigestSettings> {
    const [row] = await this.dataSource.query<
      { digest_email: string | null; digest_frequency: DigestSettings['frequency'] }[]
    >('SELECT digest_email, digest_frequency FROM users WHERE id = $1', [actor.id]);
    return {
      email: row?.digest_email ?? null,
      frequency: row?.digest_frequency ?? 'off',
      available: this.digests.available,
    };
  }

  async setDigest(
    actor: Actor,
    input: z.output<typeof digestSettingsSchema>,
  ): Promise<DigestSettings> {
    if (input.frequency !== 'off' && !this.digests.available)
      throw new AppError(
        'conflict',
        'This instance sends no email: ask its administrators to configure SMTP.',
      );
    await this.dataSource.transaction((tx) =>
      tx.query('UPDATE users SET digest_email = $2, digest_frequency = $3 WHERE id = $1', [
        actor.id,
        input.email,
        input.frequency,
      ]),
    );
    return { ...input, available: this.digests.available };
  }

  /** Adds entries (one per person: the first reason wins) and queues their live delivery. */
  async add(
    tx: EntityManager,
    notify: (notice: CaseNotice) => void,
    entries: NewNotification[],
  ): Promise<void> {
    const seen = new Set<string>();
    for (const entry of entries) {
      if (seen.has(entry.userId) || entry.userId === entry.actorId) continue;
      seen.add(entry.userId);
      const [row] = await tx.query<(NotificationRow & { unread: number })[]>(
        `WITH n AS (
           INSERT INTO notifications (user_id, group_id, kind, case_id, thread_id, post_id,
             document_id, actor_id, title, excerpt)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *)
         SELECT ${COLUMNS},
           (SELECT count(*) FROM notifications u WHERE u.user_id = $1 AND u.read_at IS NULL)::int + 1
             AS unread
         FROM n LEFT JOIN users a ON a.id = n.actor_id`,
        [
          entry.userId,
          entry.groupId,
          entry.kind,
          entry.caseId ?? null,
          entry.threadId ?? null,
          entry.postId ?? null,
          entry.documentId ?? null,
          entry.actorId,
          entry.title,
          entry.excerpt ?? '',
        ],
      );
      notify({
        kind: 'notification',
        userId: entry.userId,
        notification: toNotification(row!),
        unread: row!.unread,
      });
    }
  }

  /** A new document: those watching its case hear of it. */
  async documentAdded(
    tx: EntityManager,
    notify: (notice: CaseNotice) => void,
    document: {
      groupId: string;
      caseId: string;
      documentId: string;
      title: string;
      actorId: string;
    },
  ): Promise<void> {
    const watchers = await tx.query<{ user_id: string }[]>(
      `SELECT s.user_id FROM case_subscriptions s
       JOIN memberships m ON m.user_id = s.user_id AND m.group_id = $2
       WHERE s.case_id = $1 AND s.level = 'watch'`,
      [document.caseId, document.groupId],
    );
    await this.add(
      tx,
      notify,
      watchers.map(({ user_id }) => ({
        userId: user_id,
        kind: 'document' as const,
        groupId: document.groupId,
        caseId: document.caseId,
        documentId: document.documentId,
        actorId: document.actorId,
        title: document.title,
      })),
    );
  }

  async list(
    actor: Actor,
    query: { unread?: boolean; cursor?: string; limit: number },
  ): Promise<{ items: Notification[]; nextCursor: string | null; unread: number }> {
    const offset = offsetOfCursor(query.cursor);
    // Only notifications of groups the person still belongs to.
    const rows = await this.dataSource.query<NotificationRow[]>(
      `SELECT ${COLUMNS} FROM notifications n
       JOIN memberships m ON m.group_id = n.group_id AND m.user_id = n.user_id
       LEFT JOIN users a ON a.id = n.actor_id
       WHERE n.user_id = $1 AND ($2::boolean IS NOT TRUE OR n.read_at IS NULL)
       ORDER BY n.created_at DESC, n.id LIMIT $3 OFFSET $4`,
      [actor.id, query.unread ?? null, query.limit + 1, offset],
    );
    const [count] = await this.dataSource.query<{ unread: number }[]>(
      `SELECT count(*)::int AS unread FROM notifications n
       JOIN memberships m ON m.group_id = n.group_id AND m.user_id = n.user_id
       WHERE n.user_id = $1 AND n.read_at IS NULL`,
      [actor.id],
    );
    const more = rows.length > query.limit;
    return {
      items: rows.slice(0, query.limit).map(toNotification),
      nextCursor: cursorAfter(offset, query.limit, more),
      unread: count!.unread,
    };
  }

  async read(
    actor: Actor,
    input: z.output<typeof readNotificationsSchema>,
  ): Promise<{ unread: number }> {
    return this.notices.afterCommit(this.dataSource, async (tx, notify) => {
      await tx.query(
        `UPDATE notifications SET read_at = now()
         WHERE user_id = $1 AND read_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))`,
        [actor.id, input.all ? null : (input.ids ?? [])],
      );
      const [count] = await tx.query<{ unread: number }[]>(
        `SELECT count(*)::int AS unread FROM notifications n
         JOIN memberships m ON m.group_id = n.group_id AND m.user_id = n.user_id
         WHERE n.user_id = $1 AND n.read_at IS NULL`,
        [actor.id],
      );
      notify({
        kind: 'notifications-read',
        userId: actor.id,
        ids: input.all ? 'all' : (input.ids ?? []),
        unread: count!.unread,
      });
      return { unread: count!.unread };
    });
  }
}
