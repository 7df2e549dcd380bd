import { Injectable } from '@nestjs/common';
import {
  type ForumCategory,
  type Person,
  type Post,
  type PostRevision,
  REACTIONS,
  type Reaction,
  type ReactionCount,
  type RichTextBody,
  type StoredDraft,
  type SubscriptionLevel,
  type Thread,
} from '@technopolice/shared';
import { type EntityManager } from 'typeorm';

/** A thread as stored, with what access checks need. */
export interface ThreadRow {
  id: string;
  group_id: string;
  case_id: string | null;
  category_id: string | null;
  title: string;
  author_id: string | null;
  author_name: string | null;
  pinned: boolean;
  locked: boolean;
  hidden: boolean;
  post_count: number;
  last_seq: number;
  last_post_at: Date;
  last_author_id: string | null;
  last_author_name: string | null;
  created_at: Date;
  last_read_seq: number | null;
  level: 'watch' | 'mute' | null;
}

export interface PostRow {
  id: string;
  thread_id: string;
  group_id: string;
  seq: number;
  author_id: string | null;
  author_name: string | null;
  body: RichTextBody;
  html: string;
  created_at: Date;
  edited_at: Date | null;
  version: number;
  deleted_at: Date | null;
  hidden_at: Date | null;
  hidden_reason: string | null;
  reply_to: string | null;
  reactions: { reaction: Reaction; userId: string; name: string }[];
  flags: number;
}

const person = (id: string | null, name: string | null): Person | null =>
  id ? { id, displayName: name ?? '' } : null;

const THREAD_COLUMNS = `t.id, t.group_id, t.case_id, t.category_id, t.title, t.author_id,
  au.display_name AS author_name, t.pinned, t.locked, t.hidden, t.post_count, t.last_seq,
  t.last_post_at, t.last_author_id, la.display_name AS last_author_name, t.created_at,
  r.last_read_seq, s.level`;

/** Joins of a thread read by `$viewer`: authors, and the viewer's reading state. */
const THREAD_JOINS = (viewer: string) => `
  LEFT JOIN users au ON au.id = t.author_id
  LEFT JOIN users la ON la.id = t.last_author_id
  LEFT JOIN thread_reads r ON r.thread_id = t.id AND r.user_id = ${viewer}
  LEFT JOIN thread_subscriptions s ON s.thread_id = t.id AND s.user_id = ${viewer}`;

const POST_COLUMNS = `p.id, p.thread_id, p.group_id, p.seq, p.author_id, au.display_name AS author_name,
  p.body, p.html, p.created_at, p.edited_at, p.version, p.deleted_at, p.hidden_at, p.hidden_reason,
  p.reply_to,
  COALESCE((SELECT json_agg(json_build_object('reaction', x.reaction, 'userId', x.user_id,
      'name', xu.display_name) ORDER BY x.created_at)
    FROM post_reactions x JOIN users xu ON xu.id = x.user_id WHERE x.post_id = p.id), '[]') AS reactions,
  (SELECT count(*) FROM post_flags f WHERE f.post_id = p.id AND f.resolved_at IS NULL)::int AS flags`;

export function toThread(row: ThreadRow): Thread {
  const lastRead = Math.min(row.last_read_seq ?? 0, row.last_seq);
  return {
    id: row.id,
    groupId: row.group_id,
    caseId: row.case_id,
    categoryId: row.category_id,
    title: row.title,
    author: person(row.author_id, row.author_name),
    pinned: row.pinned,
    locked: row.locked,
    hidden: row.hidden,
    postCount: row.post_count,
    lastSeq: row.last_seq,
    lastPostAt: row.last_post_at.toISOString(),
    lastAuthor: person(row.last_author_id, row.last_author_name),
    createdAt: row.created_at.toISOString(),
    unread: Math.max(0, row.last_seq - lastRead),
    lastReadSeq: lastRead,
    subscription: row.level ?? 'normal',
  };
}

/** A thread as the room sees it: nobody's reading state. */
export function sharedThread(thread: Thread): Thread {
  return { ...thread, unread: 0, lastReadSeq: 0, subscription: 'normal' };
}

function reactionCounts(rows: PostRow['reactions']): ReactionCount[] {
  const byReaction = new Map<Reaction, Person[]>();
  for (const row of rows) {
    const users = byReaction.get(row.reaction) ?? [];
    users.push({ id: row.userId, displayName: row.name });
    byReaction.set(row.reaction, users);
  }
  return REACTIONS.filter((reaction) => byReaction.has(reaction)).map((reaction) => {
    const users = byReaction.get(reaction)!;
    return { reaction, count: users.length, users };
  });
}

/**
 * A post as a viewer sees it: a deleted post keeps its place without its words; a hidden one
 * shows its words only to coordinators.
 */
export function toPost(row: PostRow, moderator: boolean): Post {
  const deleted = row.deleted_at !== null;
  const hidden = row.hidden_at !== null;
  const visible = !deleted && (!hidden || moderator);
  return {
    id: row.id,
    threadId: row.thread_id,
    seq: row.seq,
    author: person(row.author_id, row.author_name),
    body: visible ? row.body : null,
    html: visible ? row.html : '',
    createdAt: row.created_at.toISOString(),
    editedAt: row.edited_at?.toISOString() ?? null,
    version: row.version,
    deleted,
    hidden,
    hiddenReason: hidden && moderator ? row.hidden_reason : null,
    replyTo: row.reply_to,
    reactions: deleted ? [] : reactionCounts(row.reactions),
    flags: moderator ? row.flags : 0,
  };
}

/** The SQL of discussions. Every read takes the viewer, every write runs in the caller's transaction. */
@Injectable()
export class DiscussionsRepository {
  async thread(
    tx: EntityManager,
    threadId: string,
    viewerId: string,
    forUpdate = false,
  ): Promise<ThreadRow | null> {
    if (forUpdate) await tx.query('SELECT id FROM threads WHERE id = $1 FOR UPDATE', [threadId]);
    const [row] = await tx.query<ThreadRow[]>(
      `SELECT ${THREAD_COLUMNS} FROM threads t ${THREAD_JOINS('$2')} WHERE t.id = $1`,
      [threadId, viewerId],
    );
    return row ?? null;
  }

  /** Threads of a case, or of a group's forum (`caseId` null), pinned first, then by activity. */
  async threads(
    tx: EntityManager,
    scope: { caseId: string } | { groupId: string; categoryId?: string },
    viewerId: string,
    options: { includeHidden: boolean; offset: number; limit: number },
  ): Promise<ThreadRow[]> {
    const params: unknown[] = [viewerId];
    const where: string[] = [];
    if ('caseId' in scope) {
      params.push(scope.caseId);
      where.push(`t.case_id = $${params.length}`);
    } else {
      params.push(scope.groupId);
      where.push(`t.group_id = $${params.length} AND t.case_id IS NULL`);
      if (scope.categoryId) {
        params.push(scope.categoryId);
        where.push(`t.category_id = $${params.length}`);
      }
    }
    if (!options.includeHidden) where.push('NOT t.hidden');
    params.push(options.limit, options.offset);
    return tx.query<ThreadRow[]>(
      `SELECT ${THREAD_COLUMNS} FROM threads t ${THREAD_JOINS('$1')}
       WHERE ${where.join(' AND ')}
       ORDER BY t.pinned DESC, t.last_post_at DESC, t.id
       LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
  }

  async insertThread(
    tx: EntityManager,
    thread: {
      groupId: string;
      caseId: string | null;
      categoryId: string | null;
      title: string;
      authorId: string;
    },
  ): Promise<string> {
    const [row] = await tx.query<{ id: string }[]>(
      `INSERT INTO threads (group_id, case_id, category_id, title, author_id, last_author_id)
       VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`,
      [thread.groupId, thread.caseId, thread.categoryId, thread.title, thread.authorId],
    );
    return row!.id;
  }

  async updateThread(
    tx: EntityManager,
    threadId: string,
    fields: Partial<{
      title: string;
      pinned: boolean;
      locked: boolean;
      hidden: boolean;
      case_id: string | null;
      category_id: string | null;
    }>,
  ): Promise<void> {
    const entries = Object.entries(fields);
    if (entries.length === 0) return;
    await tx.query(
      `UPDATE threads SET ${entries.map(([column], i) => `${column} = $${i + 2}`).join(', ')}
       WHERE id = $1`,
      [threadId, ...entries.map(([, value]) => value)],
    );
  }

  /** What posting needs of a thread, and the poster's role in its group (null: not a member). */
  async threadForPosting(
    tx: EntityManager,
    threadId: string,
    userId: string,
  ): Promise<{
    id: string;
    group_id: string;
    case_id: string | null;
    title: string;
    locked: boolean;
    hidden: boolean;
    role: string | null;
  } | null> {
    const [row] = await tx.query<
      {
        id: string;
        group_id: string;
        case_id: string | null;
        title: string;
        locked: boolean;
        hidden: boolean;
        role: string | null;
      }[]
    >(
      `SELECT t.id, t.group_id, t.case_id, t.title, t.locked, t.hidden, m.role
       FROM threads t LEFT JOIN memberships m ON m.group_id = t.group_id AND m.user_id = $2
       WHERE t.id = $1`,
      [threadId, userId],
    );
    return row ?? null;
  }

  /**
   * Writes a post in one statement (its own transaction): the thread's next seq, the post, the
   * author's reading position, the case's next seq and event, and the notifications with each
   * person's unread count. Nothing is written, and null answered, when the thread is locked (to
   * a non-moderator), hidden, or the author no longer a member.
   */
  async writePost(
    tx: EntityManager,
    write: {
      post: Post;
      groupId: string;
      caseId: string | null;
      text: string;
      moderator: boolean;
      event: Record<string, unknown>;
      notifications: { userId: string; kind: 'mention' | 'reply' }[];
      title: string;
      excerpt: string;
    },
  ): Promise<{
    seq: number;
    caseSeq: number | null;
    notifications: { id: string; userId: string; kind: 'mention' | 'reply'; unread: number }[];
  } | null> {
    const { post } = write;
    const [row] = await tx.query<
      {
        seq: number;
        case_seq: string | null;
        notes: { id: string; userId: string; kind: 'mention' | 'reply'; unread: number }[] | null;
      }[]
    >(
      `WITH t AS (
         UPDATE threads SET last_seq = last_seq + 1, post_count = post_count + 1,
           last_post_at = $9, last_author_id = $4
         WHERE id = $2 AND (NOT locked OR $10) AND (NOT hidden OR $10)
           AND EXISTS (SELECT 1 FROM memberships WHERE group_id = $3 AND user_id = $4)
         RETURNING last_seq),
       p AS (
         INSERT INTO posts (id, thread_id, group_id, seq, author_id, body, html, text, reply_to,
           created_at)
         SELECT $1, $2, $3, t.last_seq, $4, $5, $6, $7, $8, $9 FROM t RETURNING seq),
       r AS (
         INSERT INTO thread_reads (user_id, thread_id, last_read_seq) SELECT $4, $2, p.seq FROM p
         ON CONFLICT (user_id, thread_id) DO UPDATE
           SET last_read_seq = GREATEST(thread_reads.last_read_seq, EXCLUDED.last_read_seq),
               updated_at = now()),
       c AS (
         UPDATE cases SET last_seq = last_seq + 1
         WHERE id = $11 AND EXISTS (SELECT 1 FROM p) RETURNING last_seq),
       e AS (
         INSERT INTO case_events (case_id, seq, type, payload, actor_id)
         SELECT $11, c.last_seq, 'post.created', jsonb_set($12::jsonb, '{post,seq}', to_jsonb(p.seq)), $4
         FROM c, p),
       n AS (
         INSERT INTO notifications (user_id, group_id, kind, case_id, thread_id, post_id, actor_id,
           title, excerpt, created_at)
         SELECT u.user_id, $3, u.kind, $11, $2, $1, $4, $13, $14, $9
         FROM unnest($15::uuid[], $16::text[]) AS u(user_id, kind), p
         RETURNING id, user_id, kind)
       SELECT p.seq, (SELECT last_seq FROM c) AS case_seq,
         (SELECT json_agg(json_build_object('id', n.id, 'userId', n.user_id, 'kind', n.kind,
            'unread', (SELECT count(*) FROM notifications x
                       WHERE x.user_id = n.user_id AND x.read_at IS NULL) + 1)) FROM n) AS notes
       FROM p`,
      [
        post.id,
        post.threadId,
        write.groupId,
        post.author!.id,
        JSON.stringify(post.body),
        post.html,
        write.text,
        post.replyTo,
        post.createdAt,
        write.moderator,
        write.caseId,
        JSON.stringify(write.event),
        write.title,
        write.excerpt,
        write.notifications.map((n) => n.userId),
        write.notifications.map((n) => n.kind),
      ],
    );
    if (!row) return null;
    return {
      seq: row.seq,
      caseSeq: row.case_seq === null ? null : Number(row.case_seq),
      notifications: (row.notes ?? []).map((note) => ({ ...note, unread: Number(note.unread) })),
    };
  }

  /** Appends a post at the end of its thread (whose row the caller locked) and counts it. */
  async insertPost(
    tx: EntityManager,
    post: {
      threadId: string;
      groupId: string;
      authorId: string | null;
      body: unknown;
      html: string;
      text: string;
      replyTo: string | null;
    },
  ): Promise<string> {
    const [row] = await tx.query<{ id: string }[]>(
      `WITH next AS (
         UPDATE threads SET last_seq = last_seq + 1, post_count = post_count + 1,
           last_post_at = now(), last_author_id = $3
         WHERE id = $1 RETURNING last_seq)
       INSERT INTO posts (thread_id, group_id, seq, author_id, body, html, text, reply_to)
       SELECT $1, $2, next.last_seq, $3, $4, $5, $6, $7 FROM next RETURNING id`,
      [
        post.threadId,
        post.groupId,
        post.authorId,
        JSON.stringify(post.body),
        post.html,
        post.text,
        post.replyTo,
      ],
    );
    return row!.id;
  }

  async post(tx: EntityManager, postId: string, forUpdate = false): Promise<PostRow | null> {
    if (forUpdate) await tx.query('SELECT id FROM posts WHERE id = $1 FOR UPDATE', [postId]);
    const [row] = await tx.query<PostRow[]>(
      `SELECT ${POST_COLUMNS} FROM posts p LEFT JOIN users au ON au.id = p.author_id WHERE p.id = $1`,
      [postId],
    );
    return row ?? null;
  }

  /** Several posts by id, in one read. */
  async postsByIds(tx: EntityManager, ids: string[]): Promise<Map<string, PostRow>> {
    if (ids.length === 0) return new Map();
    const rows = await tx.query<PostRow[]>(
      `SELECT ${POST_COLUMNS} FROM posts p LEFT JOIN users au ON au.id = p.author_id
       WHERE p.id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row]));
  }

  async posts(
    tx: EntityManager,
    threadId: string,
    range: { after?: number; before?: number; limit: number },
  ): Promise<PostRow[]> {
    // `before` reads backwards from it, then the page is put back in order.
    const backwards = range.before !== undefined && range.after === undefined;
    const rows = await tx.query<PostRow[]>(
      `SELECT ${POST_COLUMNS} FROM posts p LEFT JOIN users au ON au.id = p.author_id
       WHERE p.thread_id = $1 AND ($2::int IS NULL OR p.seq > $2) AND ($3::int IS NULL OR p.seq < $3)
       ORDER BY p.seq ${backwards ? 'DESC' : 'ASC'} LIMIT $4`,
      [threadId, range.after ?? null, range.before ?? null, range.limit],
    );
    return backwards ? rows.reverse() : rows;
  }

  /** Posts of the same group among `ids` (quotes, replies): their thread and author. */
  async postsOfGroup(
    tx: EntityManager,
    groupId: string,
    ids: string[],
  ): Promise<{ id: string; thread_id: string; author_id: string | null }[]> {
    if (ids.length === 0) return [];
    return tx.query(
      'SELECT id, thread_id, author_id FROM posts WHERE group_id = $1 AND id = ANY($2::uuid[])',
      [groupId, ids],
    );
  }

  async editPost(
    tx: EntityManager,
    row: PostRow,
    edit: { body: unknown; html: string; text: string; editorId: string },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO post_revisions (post_id, version, body, html, edited_at, editor_id)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        row.id,
        row.version,
        JSON.stringify(row.body),
        row.html,
        row.edited_at ?? row.created_at,
        row.edited_at ? edit.editorId : row.author_id,
      ],
    );
    await tx.query(
      `UPDATE posts SET body = $2, html = $3, text = $4, version = version + 1, edited_at = now()
       WHERE id = $1`,
      [row.id, JSON.stringify(edit.body), edit.html, edit.text],
    );
  }

  async revisions(tx: EntityManager, postId: string): Promise<PostRevision[]> {
    const rows = await tx.query<
      {
        version: number;
        body: RichTextBody;
        html: string;
        edited_at: Date;
        editor_id: string | null;
        editor_name: string | null;
      }[]
    >(
      `SELECT r.version, r.body, r.html, r.edited_at, r.editor_id, u.display_name AS editor_name
       FROM post_revisions r LEFT JOIN users u ON u.id = r.editor_id
       WHERE r.post_id = $1 ORDER BY r.version`,
      [postId],
    );
    return rows.map((row) => ({
      version: row.version,
      body: row.body,
      html: row.html,
      editedAt: row.edited_at.toISOString(),
      editor: person(row.editor_id, row.editor_name),
    }));
  }

  async setPostState(
    tx: EntityManager,
    postId: string,
    state:
      | { deleted: true; by: string }
      | { hidden: true; by: string; reason: string | null }
      | { hidden: false },
  ): Promise<void> {
    if ('deleted' in state) {
      await tx.query(
        'UPDATE posts SET deleted_at = now(), deleted_by = $2 WHERE id = $1 AND deleted_at IS NULL',
        [postId, state.by],
      );
      await tx.query(
        `UPDATE threads SET post_count = post_count - 1
         WHERE id = (SELECT thread_id FROM posts WHERE id = $1)`,
        [postId],
      );
    } else if (state.hidden) {
      await tx.query(
        'UPDATE posts SET hidden_at = now(), hidden_by = $2, hidden_reason = $3 WHERE id = $1',
        [postId, state.by, state.reason],
      );
    } else {
      await tx.query(
        'UPDATE posts SET hidden_at = NULL, hidden_by = NULL, hidden_reason = NULL WHERE id = $1',
        [postId],
      );
    }
  }

  /** Moves a post to the end of another thread (whose row the caller locked). */
  async movePost(tx: EntityManager, postId: string, from: string, to: string): Promise<void> {
    await tx.query(
      `WITH next AS (
         UPDATE threads SET last_seq = last_seq + 1, post_count = post_count + 1
         WHERE id = $2 RETURNING last_seq)
       UPDATE posts SET thread_id = $2, seq = next.last_seq FROM next WHERE posts.id = $1`,
      [postId, to],
    );
    await tx.query('UPDATE threads SET post_count = post_count - 1 WHERE id = $1', [from]);
  }

  async react(
    tx: EntityManager,
    postId: string,
    userId: string,
    reaction: Reaction,
    on: boolean,
  ): Promise<boolean> {
    const rows = on
      ? await tx.query<unknown[]>(
          `INSERT INTO post_reactions (post_id, user_id, reaction) VALUES ($1, $2, $3)
           ON CONFLICT DO NOTHING RETURNING post_id`,
          [postId, userId, reaction],
        )
      : await tx.query<unknown[]>(
          `DELETE FROM post_reactions WHERE post_id = $1 AND user_id = $2 AND reaction = $3
           RETURNING post_id`,
          [postId, userId, reaction],
        );
    return rows.length > 0;
  }

  async markRead(
    tx: EntityManager,
    threadId: string,
    userId: string,
    seq: number,
  ): Promise<number> {
    const [row] = await tx.query<{ last_read_seq: number }[]>(
      `INSERT INTO thread_reads (user_id, thread_id, last_read_seq) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, thread_id) DO UPDATE
         SET last_read_seq = GREATEST(thread_reads.last_read_seq, EXCLUDED.last_read_seq),
             updated_at = now()
       RETURNING last_read_seq`,
      [userId, threadId, seq],
    );
    return row!.last_read_seq;
  }

  async setLevel(
    tx: EntityManager,
    table: 'thread_subscriptions' | 'case_subscriptions',
    column: 'thread_id' | 'case_id',
    id: string,
    userId: string,
    level: SubscriptionLevel,
  ): Promise<void> {
    if (level === 'normal') {
      await tx.query(`DELETE FROM ${table} WHERE user_id = $1 AND ${column} = $2`, [userId, id]);
      return;
    }
    await tx.query(
      `INSERT INTO ${table} (user_id, ${column}, level) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, ${column}) DO UPDATE SET level = EXCLUDED.level`,
      [userId, id, level],
    );
  }

  async caseLevel(tx: EntityManager, caseId: string, userId: string): Promise<SubscriptionLevel> {
    const [row] = await tx.query<{ level: 'watch' | 'mute' }[]>(
      'SELECT level FROM case_subscriptions WHERE user_id = $1 AND case_id = $2',
      [userId, caseId],
    );
    return row?.level ?? 'normal';
  }

  /**
   * Who hears of a new post: those who wrote in the thread or watch it or its case, unless
   * they muted the thread (or the case, without watching the thread).
   */
  async replyAudience(
    tx: EntityManager,
    thread: { id: string; case_id: string | null; group_id: string },
  ): Promise<string[]> {
    const rows = await tx.query<{ user_id: string }[]>(
      `WITH candidates AS (
         SELECT DISTINCT author_id AS user_id FROM posts
           WHERE thread_id = $1 AND author_id IS NOT NULL AND deleted_at IS NULL
         UNION SELECT user_id FROM thread_subscriptions WHERE thread_id = $1 AND level = 'watch'
         UNION SELECT user_id FROM case_subscriptions WHERE $2::uuid IS NOT NULL AND case_id = $2
           AND level = 'watch')
       SELECT c.user_id FROM candidates c
       JOIN memberships m ON m.user_id = c.user_id AND m.group_id = $3
       LEFT JOIN thread_subscriptions ts ON ts.user_id = c.user_id AND ts.thread_id = $1
       LEFT JOIN case_subscriptions cs ON cs.user_id = c.user_id AND cs.case_id = $2
       WHERE COALESCE(ts.level, '') <> 'mute'
         AND (ts.level = 'watch' OR COALESCE(cs.level, '') <> 'mute')`,
      [thread.id, thread.case_id, thread.group_id],
    );
    return rows.map((row) => row.user_id);
  }

  /** Members of the group among `ids`. */
  async members(tx: EntityManager, groupId: string, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await tx.query<{ id: string; display_name: string }[]>(
      `SELECT u.id, u.display_name FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.group_id = $1 AND u.id = ANY($2::uuid[])`,
      [groupId, ids],
    );
    return new Map(rows.map((row) => [row.id, row.display_name]));
  }

  async coordinators(tx: EntityManager, groupId: string): Promise<string[]> {
    const rows = await tx.query<{ user_id: string }[]>(
      `SELECT user_id FROM memberships WHERE group_id = $1 AND role IN ('admin', 'coordinator')`,
      [groupId],
    );
    return rows.map((row) => row.user_id);
  }

  async documentsOfGroup(
    tx: EntityManager,
    groupId: string,
    ids: string[],
  ): Promise<Map<string, { title: string; mimeType: string; caseId: string }>> {
    if (ids.length === 0) return new Map();
    const rows = await tx.query<
      { id: string; title: string; mime_type: string; case_id: string }[]
    >(
      'SELECT id, title, mime_type, case_id FROM documents WHERE group_id = $1 AND id = ANY($2::uuid[])',
      [groupId, ids],
    );
    return new Map(
      rows.map((row) => [
        row.id,
        { title: row.title, mimeType: row.mime_type, caseId: row.case_id },
      ]),
    );
  }

  async casesOfGroup(
    tx: EntityManager,
    groupId: string,
    ids: string[],
  ): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await tx.query<{ id: string; title: string }[]>(
      'SELECT id, title FROM cases WHERE group_id = $1 AND id = ANY($2::uuid[])',
      [groupId, ids],
    );
    return new Map(rows.map((row) => [row.id, row.title]));
  }

  // Categories

  async categories(tx: EntityManager, groupId: string, viewerId: string): Promise<ForumCategory[]> {
    const rows = await tx.query<
      {
        id: string;
        group_id: string;
        name: string;
        description: string;
        position: number;
        thread_count: number;
        unread: number;
      }[]
    >(
      `SELECT c.id, c.group_id, c.name, c.description, c.position,
         (SELECT count(*) FROM threads t WHERE t.category_id = c.id AND NOT t.hidden)::int AS thread_count,
         (SELECT COALESCE(sum(GREATEST(0, t.last_seq - COALESCE(r.last_read_seq, 0))), 0)
            FROM threads t LEFT JOIN thread_reads r ON r.thread_id = t.id AND r.user_id = $2
            WHERE t.category_id = c.id AND NOT t.hidden)::int AS unread
       FROM forum_categories c WHERE c.group_id = $1 ORDER BY c.position, c.name`,
      [groupId, viewerId],
    );
    return rows.map((row) => ({
      id: row.id,
      groupId: row.group_id,
      name: row.name,
      description: row.description,
      position: row.position,
      threadCount: row.thread_count,
      unread: row.unread,
    }));
  }

  async categoryGroup(tx: EntityManager, categoryId: string): Promise<string | null> {
    const [row] = await tx.query<{ group_id: string }[]>(
      'SELECT group_id FROM forum_categories WHERE id = $1',
      [categoryId],
    );
    return row?.group_id ?? null;
  }

  /** Unread posts of a group for one person: per case, and in the forum. */
  async unread(
    tx: EntityManager,
    groupId: string,
    userId: string,
  ): Promise<{ case_id: string | null; unread: number }[]> {
    return tx.query(
      `SELECT t.case_id, sum(GREATEST(0, t.last_seq - COALESCE(r.last_read_seq, 0)))::int AS unread
       FROM threads t LEFT JOIN thread_reads r ON r.thread_id = t.id AND r.user_id = $2
       WHERE t.group_id = $1 AND NOT t.hidden
       GROUP BY t.case_id`,
      [groupId, userId],
    );
  }

  // Drafts

  async draft(tx: EntityManager, userId: string, key: string): Promise<StoredDraft | null> {
    const [row] = await tx.query<{ title: string | null; body: RichTextBody; updated_at: Date }[]>(
      'SELECT title, body, updated_at FROM drafts WHERE user_id = $1 AND key = $2',
      [userId, key],
    );
    return row
      ? { title: row.title, body: row.body, updatedAt: row.updated_at.toISOString() }
      : null;
  }

  async saveDraft(
    tx: EntityManager,
    draft: { userId: string; key: string; groupId: string; title: string | null; body: unknown },
  ): Promise<StoredDraft> {
    const [row] = await tx.query<{ title: string | null; body: RichTextBody; updated_at: Date }[]>(
      `INSERT INTO drafts (user_id, key, group_id, title, body) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id, key) DO UPDATE
         SET title = EXCLUDED.title, body = EXCLUDED.body, updated_at = now()
       RETURNING title, body, updated_at`,
      [draft.userId, draft.key, draft.groupId, draft.title, JSON.stringify(draft.body)],
    );
    return { title: row!.title, body: row!.body, updatedAt: row!.updated_at.toISOString() };
  }

  async deleteDraft(tx: EntityManager, userId: string, key: string): Promise<void> {
    await tx.query('DELETE FROM drafts WHERE user_id = $1 AND key = $2', [userId, key]);
  }
}
