import { Injectable } from '@nestjs/common';
import {
  type Flag,
  type ForumCategory,
  POST_RATE,
  type Post,
  type PostRevision,
  type Reaction,
  type StoredDraft,
  type SubscriptionLevel,
  type Thread,
  type UnreadSummary,
  type categoryInputSchema,
  type createPostSchema,
  type createThreadSchema,
  type draftSchema,
  type moderatePostSchema,
  type postQuerySchema,
  type resolveFlagSchema,
  type threadQuerySchema,
  type updatePostSchema,
  type updateThreadSchema,
} from '@technopolice/shared';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { type z } from 'zod';
import { AuditService } from '../audit/audit.service.js';
import { type Actor } from '../auth/actor.js';
import { type CaseNotice, CaseNotices } from '../cases/case-notices.js';
import { CasesRepository } from '../cases/cases.repository.js';
import { AppError } from '../common/app-error.js';
import { cursorAfter, offsetOfCursor } from '../common/offset-cursor.js';
import { GroupsRepository } from '../groups/groups.repository.js';
import { GroupsService } from '../groups/groups.service.js';
import {
  type NewNotification,
  NotificationsService,
} from '../notifications/notifications.service.js';
import { RateLimiter } from '../realtime/rate-limiter.js';
import {
  DiscussionsRepository,
  type PostRow,
  type ThreadRow,
  sharedThread,
  toPost,
  toThread,
} from './discussions.repository.js';
import { type PreparedBody, RichTextService } from './rich-text.js';

type Out<T extends z.ZodType> = z.output<T>;
type Notify = (notice: CaseNotice) => void;
type Change = Extract<CaseNotice, { kind: 'discussion' }>['change'];

const locked = () =>
  new AppError('thread_locked', 'This thread is locked: only coordinators may post in it.');

/** Coordinators and admins moderate. */
const moderates = (role: string) => role === 'admin' || role === 'coordinator';
const REACTION_RATE = { burst: 30, perSecond: 5 } as const;
const EXCERPT = 200;

interface ThreadAccess {
  row: ThreadRow;
  moderator: boolean;
}

/**
 * Threads and posts of cases and forums. Every write is one transaction that also appends the
 * case's event (a case thread) and the notifications it causes; live messages go out after
 * commit. Another group's thread, post or case answers 404.
 */
@Injectable()
export class DiscussionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: DiscussionsRepository,
    private readonly richText: RichTextService,
    private readonly cases: CasesRepository,
    private readonly groups: GroupsService,
    private readonly memberships: GroupsRepository,
    private readonly notices: CaseNotices,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly limiter: RateLimiter,
  ) {}

  // Access

  private async caseAccess(tx: EntityManager, actor: Actor, caseId: string) {
    const row = await this.cases.findRow(tx, caseId, actor.id);
    if (!row) throw new AppError('not_found', `No case ${caseId}.`);
    return { groupId: row.group_id, caseId, title: row.title, moderator: moderates(row.role) };
  }

  private async groupAccess(tx: EntityManager, actor: Actor, groupId: string) {
    const role = await this.groups.requireRole(tx, actor, groupId);
    return { moderator: moderates(role) };
  }

  private async threadAccess(
    tx: EntityManager,
    actor: Actor,
    threadId: string,
    forUpdate = false,
  ): Promise<ThreadAccess> {
    const row = await this.repo.thread(tx, threadId, actor.id, forUpdate);
    if (!row) throw new AppError('not_found', `No thread ${threadId}.`);
    const role = await this.memberships.roleOf(tx, row.group_id, actor.id);
    if (!role || (row.hidden && !moderates(role)))
      throw new AppError('not_found', `No thread ${threadId}.`);
    return { row, moderator: moderates(role) };
  }

  private async postAccess(tx: EntityManager, actor: Actor, postId: string, forUpdate = false) {
    const post = await this.repo.post(tx, postId, forUpdate);
    if (!post) throw new AppError('not_found', `No post ${postId}.`);
    const access = await this.threadAccess(tx, actor, post.thread_id).catch((error: unknown) => {
      throw error instanceof AppError ? new AppError('not_found', `No post ${postId}.`) : error;
    });
    return { ...access, post };
  }

  private requireModerator(moderator: boolean, what: string): void {
    if (!moderator) throw new AppError('forbidden', `Only the group’s coordinators may ${what}.`);
  }

  // Live

  /** Appends the case's event (case threads) and queues the live message. */
  private async publish(
    tx: EntityManager,
    notify: Notify,
    thread: { id: string; group_id: string; case_id: string | null; title: string },
    change: Change,
    actorId: string | null,
  ): Promise<void> {
    let seq: number | null = null;
    if (thread.case_id) {
      const payload =
        change.name === 'thread:created' || change.name === 'thread:updated'
          ? {
              threadId: thread.id,
              thread: change.thread,
              changes: 'changes' in change ? change.changes : [],
            }
          : {
              threadId: thread.id,
              // For the activity feed, which tells where someone wrote.
              threadTitle: thread.title,
              post: change.post,
              changes: 'changes' in change ? change.changes : [],
            };
      const event = await this.cases.appendEvent(
        tx,
        thread.case_id,
        change.name.replace(':', '.'),
        payload,
        actorId,
      );
      seq = event.seq;
    }
    notify({
      kind: 'discussion',
      groupId: thread.group_id,
      caseId: thread.case_id,
      seq,
      threadId: thread.id,
      change,
    });
  }

  private async sharedThreadOf(tx: EntityManager, threadId: string, viewerId: string) {
    return sharedThread(toThread((await this.repo.thread(tx, threadId, viewerId))!));
  }

  private async postOf(tx: EntityManager, postId: string, moderator: boolean): Promise<Post> {
    return toPost((await this.repo.post(tx, postId))!, moderator);
  }

  /** Who hears of a post: those mentioned, then those following the thread or case. */
  /** Tells `recipients` of a post (see `audienceOf`) in the notification centre. */
  private async notifyPost(
    tx: EntityManager,
    notify: Notify,
    actor: Actor,
    thread: ThreadRow,
    postId: string,
    body: PreparedBody,
    recipients: { userId: string; kind: 'mention' | 'reply' }[],
  ): Promise<void> {
    const base = {
      groupId: thread.group_id,
      caseId: thread.case_id,
      threadId: thread.id,
      postId,
      actorId: actor.id,
      title: thread.title,
      excerpt: body.text.slice(0, EXCERPT),
    };
    const entries: NewNotification[] = recipients.map((recipient) => ({ ...base, ...recipient }));
    await this.notifications.add(tx, notify, entries);
  }

  // Threads

  async createThread(
    actor: Actor,
    place: { caseId: string } | { groupId: string },
    input: Out<typeof createThreadSchema>,
  ): Promise<Thread & { post: Post }> {
    await this.limiter.take(`post:${actor.id}`, POST_RATE, 'posts');
    return this.notices.afterCommit(this.dataSource, async (tx, notify) => {
      let groupId: string;
      let caseId: string | null = null;
      let moderator: boolean;
      let categoryId: string | null = null;
      if ('caseId' in place) {
        const access = await this.caseAccess(tx, actor, place.caseId);
        ({ groupId, moderator } = access);
        caseId = place.caseId;
        if (input.categoryId) throw AppError.invalid('categoryId', 'case threads have no category');
      } else {
        groupId = place.groupId;
        ({ moderator } = await this.groupAccess(tx, actor, groupId));
        if (input.categoryId) {
          if ((await this.repo.categoryGroup(tx, input.categoryId)) !== groupId)
            throw AppError.invalid('categoryId', 'no such category in this group');
          categoryId = input.categoryId;
        }
      }
      const body = await this.richText.prepare(tx, { groupId, caseId }, input.body);
      const threadId = await this.repo.insertThread(tx, {
        groupId,
        caseId,
        categoryId,
        title: input.title,
        authorId: actor.id,
      });
      const postId = await this.repo.insertPost(tx, {
        threadId,
        groupId,
        authorId: actor.id,
        body: body.doc,
        html: body.html,
        text: body.text,
        replyTo: null,
      });
      await this.repo.markRead(tx, threadId, actor.id, 1);
      const row = (await this.repo.thread(tx, threadId, actor.id))!;
      const post = await this.postOf(tx, postId, moderator);
      await this.publish(
        tx,
        notify,
        row,
        { name: 'thread:created', thread: sharedThread(toThread(row)) },
        actor.id,
      );
      await this.publish(
        tx,
        notify,
        row,
        { name: 'post:created', post: toPost((await this.repo.post(tx, postId))!, false) },
        actor.id,
      );
      await this.notifyPost(
        tx,
        notify,
        actor,
        row,
        postId,
        body,
        await this.audienceOf(tx, actor, row, body, null),
      );
      return { ...toThread(row), post };
    });
  }

  async threads(
    actor: Actor,
    place: { caseId: string } | { groupId: string },
    query: Out<typeof threadQuerySchema>,
  ): Promise<{ items: Thread[]; nextCursor: string | null }> {
    const offset = offsetOfCursor(query.cursor);
    const limit = query.limit ?? 50;
    return this.dataSource.transaction(async (tx) => {
      const { moderator } =
        'caseId' in place
          ? await this.caseAccess(tx, actor, place.caseId)
          : await this.groupAccess(tx, actor, place.groupId);
      const rows = await this.repo.threads(
        tx,
        'caseId' in place ? place : { groupId: place.groupId, categoryId: query.categoryId },
        actor.id,
        { includeHidden: moderator, offset, limit: limit + 1 },
      );
      return {
        items: rows.slice(0, limit).map(toThread),
        nextCursor: cursorAfter(offset, limit, rows.length > limit),
      };
    });
  }

  async thread(actor: Actor, threadId: string): Promise<Thread> {
    return this.dataSource.transaction(async (tx) =>
      toThread((await this.threadAccess(tx, actor, threadId)).row),
    );
  }

  async updateThread(
    actor: Actor,
    threadId: string,
    input: Out<typeof updateThreadSchema>,
  ): Promise<Thread> {
    return this.notices.afterCommit(this.dataSource, async (tx, notify) => {
      const { row, moderator } = await this.threadAccess(tx, actor, threadId, true);
      const fields: Parameters<DiscussionsRepository['updateThread']>[2] = {};
      const actions: string[] = [];
      if (input.title !== undefined && input.title !== row.title) {
        if (row.author_id !== actor.id) this.requireModerator(moderator, 'rename others’ threads');
        fields.title = input.title;
        actions.push('rename');
      }
      const flags = [
        ['pinned', 'pin', 'unpin'],
        ['locked', 'lock', 'unlock'],
        ['hidden', 'hide', 'unhide'],
      ] as const;
      for (const [field, on, off] of flags) {
        const value = input[field];
        if (value === undefined || value === row[field]) continue;
        this.requireModerator(moderator, `${on} threads`);
        fields[field] = value;
        actions.push(value ? on : off);
      }
      let target = { caseId: row.case_id, categoryId: row.category_id };
      if (input.caseId !== undefined && input.caseId !== row.case_id) {
        this.requireModerator(moderator, 'move threads');
        if (input.caseId) {
          const found = await this.cases.findRow(tx, input.caseId, actor.id);
          if (!found || found.group_id !== row.group_id)
            throw new AppError('not_found', `No case ${input.caseId}.`);
        }
        target = { caseId: input.caseId, categoryId: null };
      }
      if (input.categoryId !== undefined && input.categoryId !== target.categoryId) {
        this.requireModerator(moderator, 'move threads');
        if (input.categoryId) {
          if (target.caseId) throw AppError.invalid('categoryId', 'case threads have no category');
          if ((await this.repo.categoryGroup(tx, input.categoryId)) !== row.group_id)
            throw AppError.invalid('categoryId', 'no such category in this group');
        }
        target = { ...target, categoryId: input.categoryId };
      }
      const moved = target.caseId !== row.case_id || target.categoryId !== row.category_id;
      if (moved) {
        fields.case_id = target.caseId;
        fields.category_id = target.categoryId;
        actions.push('move');
      }
      if (actions.length === 0) return toThread(row);
      await this.repo.updateThread(tx, threadId, fields);
      const moderation = actions.filter(
        (action) => action !== 'rename' || row.author_id !== actor.id,
      );
      if (moderation.length > 0)
        await this.audit.record(tx, {
          type: 'thread.moderated',
          actorId: actor.id,
          groupId: row.group_id,
          data: {
            threadId,
            title: input.title ?? row.title,
            actions: moderation,
            reason: input.reason,
          },
        });
      const updated = (await this.repo.thread(tx, threadId, actor.id))!;
      const thread = sharedThread(toThread(updated));
      const changes = Object.keys(fields).map((key) =>
        key === 'case_id' || key === 'category_id' ? 'moved' : key,
      );
      await this.publish(
        tx,
        notify,
        row,
        { name: 'thread:updated', thread, changes: [...new Set(changes)] },
        actor.id,
      );
      if (target.caseId !== row.case_id)
        await this.publish(tx, notify, updated, { name: 'thread:created', thread }, actor.id);
      return toThread(updated);
    });
  }

  async markRead(actor: Actor, threadId: string, seq: number) {
    return this.dataSource.transaction(async (tx) => {
      const { row } = await this.threadAccess(tx, actor, threadId);
      const lastReadSeq = await this.repo.markRead(
        tx,
        threadId,
        actor.id,
        Math.min(seq, row.last_seq),
      );
      return { lastReadSeq, unread: Math.max(0, row.last_seq - lastReadSeq) };
    });
  }

  async setThreadLevel(actor: Actor, threadId: string, level: SubscriptionLevel) {
    return this.dataSource.transaction(async (tx) => {
      await this.threadAccess(tx, actor, threadId);
      await this.repo.setLevel(tx, 'thread_subscriptions', 'thread_id', threadId, actor.id, level);
      return { level };
    });
  }

  async caseLevel(actor: Actor, caseId: string) {
    return this.dataSource.transaction(async (tx) => {
      await this.caseAccess(tx, actor, caseId);
      return { level: await this.repo.caseLevel(tx, caseId, actor.id) };
    });
  }

  async setCaseLevel(actor: Actor, caseId: string, level: SubscriptionLevel) {
    return this.dataSource.transaction(async (tx) => {
      await this.caseAccess(tx, actor, caseId);
      await this.repo.setLevel(tx, 'case_subscriptions', 'case_id', caseId, actor.id, level);
      return { level };
    });
  }

  async unread(actor: Actor, groupId: string): Promise<UnreadSummary> {
    return this.dataSource.transaction(async (tx) => {
      await this.groupAccess(tx, actor, groupId);
      const summary: UnreadSummary = { forum: 0, cases: {} };
      for (const row of await this.repo.unread(tx, groupId, actor.id)) {
        if (row.case_id) summary.cases[row.case_id] = row.unread;
        else summary.forum = row.unread;
      }
      return summary;
    });
  }

  // Posts

  /**
   * A new post: every read first (access, what the body points at, who hears of it), then one
   * statement writes the post, the thread's and the case's counters, the author's reading
   * position, the case's event and the notifications. The thread's and the case's rows are
   * locked only for that statement, so posts to a busy thread never queue behind round trips.
   */
  async createPost(
    actor: Actor,
    threadId: string,
    input: Out<typeof createPostSchema>,
  ): Promise<Post> {
    const [, thread] = await Promise.all([
      this.limiter.take(`post:${actor.id}`, POST_RATE, 'posts'),
      this.repo.threadForPosting(this.dataSource.manager, threadId, actor.id),
    ]);
    if (!thread || !thread.role || (thread.hidden && !moderates(thread.role)))
      throw new AppError('not_found', `No thread ${threadId}.`);
    const moderator = moderates(thread.role);
    if (thread.locked && !moderator) throw locked();
    const manager = this.dataSource.manager;
    let replyToAuthor: string | null = null;
    if (input.replyTo) {
      const [target] = await this.repo.postsOfGroup(manager, thread.group_id, [input.replyTo]);
      if (!target || target.thread_id !== threadId)
        throw AppError.invalid('replyTo', 'no such post in this thread');
      replyToAuthor = target.author_id;
    }
    const body = await this.richText.prepare(
      manager,
      { groupId: thread.group_id, caseId: thread.case_id },
      input.body,
    );
    const audience = await this.audienceOf(manager, actor, thread, body, replyToAuthor);

    const post: Post = {
      id: randomUUID(),
      threadId,
      seq: 0,
      author: { id: actor.id, displayName: actor.displayName },
      body: body.doc as Post['body'],
      html: body.html,
      createdAt: new Date().toISOString(),
      editedAt: null,
      version: 1,
      deleted: false,
      hidden: false,
      hiddenReason: null,
      replyTo: input.replyTo ?? null,
      reactions: [],
      flags: 0,
    };
    const excerpt = body.text.slice(0, EXCERPT);
    const written = await this.repo.writePost(this.dataSource.manager, {
      post,
      groupId: thread.group_id,
      caseId: thread.case_id,
      text: body.text,
      moderator,
      event: { threadId, threadTitle: thread.title, post, changes: [] },
      notifications: audience.map(({ userId, kind }) => ({ userId, kind })),
      title: thread.title,
      excerpt,
    });
    if (!written) {
      // Locked, hidden or left between the reads and the write: answer as the reads would.
      const again = await this.repo.threadForPosting(manager, threadId, actor.id);
      if (again?.role && again.locked && !moderates(again.role)) throw locked();
      throw new AppError('not_found', `No thread ${threadId}.`);
    }
    post.seq = written.seq;
    const notices: CaseNotice[] = [
      {
        kind: 'discussion',
        groupId: thread.group_id,
        caseId: thread.case_id,
        seq: written.caseSeq,
        threadId,
        change: { name: 'post:created', post },
      },
      ...written.notifications.map((note): CaseNotice => ({
        kind: 'notification',
        userId: note.userId,
        unread: note.unread,
        notification: {
          id: note.id,
          kind: note.kind,
          groupId: thread.group_id,
          caseId: thread.case_id,
          threadId,
          postId: post.id,
          documentId: null,
          actor: { id: actor.id, displayName: actor.displayName },
          title: thread.title,
          excerpt,
          createdAt: post.createdAt,
          readAt: null,
        },
      })),
    ];
    this.notices.publish(notices);
    return post;
  }

  /** Who hears of a post, each once: those mentioned, then those following the thread or case. */
  private async audienceOf(
    tx: EntityManager,
    actor: Actor,
    thread: { id: string; group_id: string; case_id: string | null },
    body: PreparedBody,
    replyToAuthor: string | null,
  ): Promise<{ userId: string; kind: 'mention' | 'reply' }[]> {
    const out = new Map<string, 'mention' | 'reply'>();
    for (const id of body.mentions.keys()) out.set(id, 'mention');
    const followers = await this.repo.replyAudience(tx, thread);
    if (replyToAuthor && !followers.includes(replyToAuthor)) {
      const members = await this.repo.members(tx, thread.group_id, [replyToAuthor]);
      if (members.size > 0) followers.unshift(replyToAuthor);
    }
    for (const id of followers) if (!out.has(id)) out.set(id, 'reply');
    out.delete(actor.id);
    return [...out].map(([userId, kind]) => ({ userId, kind }));
  }

  async posts(
    actor: Actor,
    threadId: string,
    query: Out<typeof postQuerySchema>,
  ): Promise<{ items: Post[]; nextCursor: string | null }> {
    const limit = query.limit ?? 100;
    return this.dataSource.transaction(async (tx) => {
      const { moderator } = await this.threadAccess(tx, actor, threadId);
      const rows = await this.repo.posts(tx, threadId, { ...query, limit });
      const last = rows.at(-1);
      const full = rows.length === limit && last !== undefined;
      return {
        items: rows.map((row) => toPost(row, moderator)),
        nextCursor: full
          ? String(
              query.before !== undefined && query.after === undefined ? rows[0]!.seq : last.seq,
            )
          : null,
      };
    });
  }

  async post(actor: Actor, postId: string): Promise<Post> {
    return this.dataSource.transaction(async (tx) => {
      const { post, moderator } = await this.postAccess(tx, actor, postId);
      return toPost(post, moderator);
    });
  }

  async editPost(actor: Actor, postId: string, input: Out<typeof updatePostSchema>): Promise<Post> {
    await this.limiter.take(`post:${actor.id}`, POST_RATE, 'posts');
    return this.notices.afterCommit(this.dataSource, async (tx, notify) => {
      const { row, post, moderator } = await this.postAccess(tx, actor, postId, true);
      if (post.author_id !== actor.id)
        throw new AppError('forbidden', 'Only its author may edit a post.');
      if (post.deleted_at) throw new AppError('conflict', 'This post was deleted.');
      if (row.locked && !moderator)
        throw new AppError(
          'thread_locked',
          'This thread is locked: its posts can no longer change.',
        );
      if (post.version !== input.version)
        throw new AppError('stale_version', 'This post changed since you opened it: reload it.', [
          { path: 'version', message: `is ${post.version}` },
        ]);
      const body = await this.richText.prepare(
        tx,
        { groupId: row.group_id, caseId: row.case_id },
        input.body,
      );
      await this.repo.editPost(tx, post, {
        body: body.doc,
        html: body.html,
        text: body.text,
        editorId: actor.id,
      });
      const updated = (await this.repo.post(tx, postId))!;
      await this.publish(
        tx,
        notify,
        row,
        { name: 'post:updated', post: toPost(updated, false), changes: ['body'] },
        actor.id,
      );
      // Only people newly mentioned hear of an edit.
      const before = JSON.stringify(post.body);
      const added = new Set([...body.mentions.keys()].filter((id) => !before.includes(id)));
      const mentioned = [...added].map((userId) => ({ userId, kind: 'mention' as const }));
      await this.notifyPost(tx, notify, actor, row, postId, body, mentioned);
      return toPost(updated, moderator);
    });
  }

  async revisions(actor: Actor, postId: string): Promise<{ items: PostRevision[] }> {
    return this.dataSource.transaction(async (tx) => {
      const { post, moderator } = await this.postAccess(tx, actor, postId);
      if ((post.deleted_at || post.hidden_at) && !moderator) return { items: [] };
      return { items: await this.repo.revisions(tx, postId) };
    });
  }

  async deletePost(actor: Actor, postId: string): Promise<void> {
    await this.notices.afterCommit(this.dataSource, async (tx, notify) => {
      const { row, post, moderator } = await this.postAccess(tx, actor, postId, true);
      if (post.author_id !== actor.id) this.requireModerator(moderator, 'delete others’ posts');
      if (post.deleted_at) return;
      await this.repo.setPostState(tx, postId, { deleted: true, by: actor.id });
      if (post.author_id !== actor.id)
        await this.audit.record(tx, {
          type: 'post.deleted',
          actorId: actor.id,
          groupId: row.group_id,
          data: { postId, threadId: row.id, title: row.title, userId: post.author_id },
        });
      await this.publish(
        tx,
        notify,
        row,
        { name: 'post:updated', post: await this.postOf(tx, postId, false), changes: ['deleted'] },
        actor.id,
      );
    });
  }

  async react(actor: Actor, postId: string, reaction: Reaction, on: boolean): Promise<Post> {
    await this.limiter.take(`react:${actor.id}`, REACTION_RATE, 'reactions');
    return this.notices.afterCommit(this.dataSource, async (tx, notify) => {
      const { row, post, moderator } = await this.postAccess(tx, actor, postId);
      if (post.deleted_at) throw new AppError('conflict', 'This post was deleted.');
      if (await this.repo.react(tx, postId, actor.id, reaction, on))
        await this.publish(
          tx,
          notify,
          row,
          {
            name: 'post:updated',
            post: await this.postOf(tx, postId, false),
            changes: ['reactions'],
          },
          actor.id,
        );
      return this.postOf(tx, postId, moderator);
    });
  }

  async flag(actor: Actor, postId: string, reason: string): Promise<{ id: string }> {
    await this.limiter.take(`flag:${actor.id}`, { burst: 10, perSecond: 0.1 }, 'flags');
    return this.notices.afterCommit(this.dataSource, async (tx, notify) => {
      const { row, post } = await this.postAccess(tx, actor, postId);
      if (post.deleted_at) throw new AppError('conflict', 'This post was deleted.');
      const [flag] = await tx.query<{ id: string }[]>(
        'INSERT INTO post_flags (post_id, group_id, user_id, reason) VALUES ($1, $2, $3, $4) RETURNING id',
        [postId, row.group_id, actor.id, reason],
      );
      const coordinators = await this.repo.coordinators(tx, row.group_id);
      await this.notifications.add(
        tx,
        notify,
        coordinators.map((userId) => ({
          userId,
          kind: 'flag',
          groupId: row.group_id,
          caseId: row.case_id,
          threadId: row.id,
          postId,
          actorId: actor.id,
          title: row.title,
          excerpt: reason.slice(0, EXCERPT),
        })),
      );
      return { id: flag!.id };
    });
  }

  async moderatePost(
    actor: Actor,
    postId: string,
    input: Out<typeof moderatePostSchema>,
  ): Promise<Post> {
    return this.notices.afterCommit(this.dataSource, async (tx, notify) => {
      const { row, post, moderator } = await this.postAccess(tx, actor, postId, true);
      this.requireModerator(moderator, 'moderate posts');
      if (input.action === 'move') {
        if (input.threadId === row.id) return toPost(post, true);
        const target = await this.repo.thread(tx, input.threadId!, actor.id, true);
        if (!target || target.group_id !== row.group_id)
          throw new AppError('not_found', `No thread ${input.threadId}.`);
        await this.repo.movePost(tx, postId, row.id, target.id);
        await this.audit.record(tx, {
          type: 'post.moderated',
          actorId: actor.id,
          groupId: row.group_id,
          data: { postId, actions: ['move'], title: target.title, reason: input.reason },
        });
        const moved = await this.postOf(tx, postId, false);
        await this.publish(
          tx,
          notify,
          row,
          { name: 'post:updated', post: moved, changes: ['moved'] },
          actor.id,
        );
        await this.publish(tx, notify, target, { name: 'post:created', post: moved }, actor.id);
        return this.postOf(tx, postId, true);
      }
      const hide = input.action === 'hide';
      if (hide === (post.hidden_at !== null)) return toPost(post, true);
      await this.hide(tx, notify, actor, row, postId, hide, input.reason ?? null);
      return this.postOf(tx, postId, true);
    });
  }

  private async hide(
    tx: EntityManager,
    notify: Notify,
    actor: Actor,
    thread: ThreadRow,
    postId: string,
    hide: boolean,
    reason: string | null,
  ): Promise<void> {
    await this.repo.setPostState(
      tx,
      postId,
      hide ? { hidden: true, by: actor.id, reason } : { hidden: false },
    );
    await this.audit.record(tx, {
      type: 'post.moderated',
      actorId: actor.id,
      groupId: thread.group_id,
      data: {
        postId,
        threadId: thread.id,
        title: thread.title,
        actions: [hide ? 'hide' : 'unhide'],
        reason,
      },
    });
    await this.publish(
      tx,
      notify,
      thread,
      { name: 'post:updated', post: await this.postOf(tx, postId, false), changes: ['hidden'] },
      actor.id,
    );
  }

  async flags(actor: Actor, groupId: string): Promise<{ items: Flag[] }> {
    return this.dataSource.transaction(async (tx) => {
      const { moderator } = await this.groupAccess(tx, actor, groupId);
      this.requireModerator(moderator, 'see flags');
      const rows = await tx.query<
        {
          id: string;
          post_id: string;
          reason: string;
          user_id: string | null;
          user_name: string | null;
          created_at: Date;
          thread_id: string;
          case_id: string | null;
          title: string;
        }[]
      >(
        `SELECT f.id, f.post_id, f.reason, f.user_id, u.display_name AS user_name, f.created_at,
           t.id AS thread_id, t.case_id, t.title
         FROM post_flags f JOIN posts p ON p.id = f.post_id JOIN threads t ON t.id = p.thread_id
         LEFT JOIN users u ON u.id = f.user_id
         WHERE f.group_id = $1 AND f.resolved_at IS NULL ORDER BY f.created_at LIMIT 200`,
        [groupId],
      );
      const posts = await this.repo.postsByIds(tx, [...new Set(rows.map((row) => row.post_id))]);
      const items: Flag[] = rows.map((row) => ({
        id: row.id,
        postId: row.post_id,
        threadId: row.thread_id,
        caseId: row.case_id,
        threadTitle: row.title,
        reason: row.reason,
        flaggedBy: row.user_id ? { id: row.user_id, displayName: row.user_name ?? '' } : null,
        createdAt: row.created_at.toISOString(),
        post: toPost(posts.get(row.post_id)!, true),
      }));
      return { items };
    });
  }

  async resolveFlag(
    actor: Actor,
    flagId: string,
    input: Out<typeof resolveFlagSchema>,
  ): Promise<void> {
    await this.notices.afterCommit(this.dataSource, async (tx, notify) => {
      const [flag] = await tx.query<{ post_id: string; group_id: string }[]>(
        'SELECT post_id, group_id FROM post_flags WHERE id = $1 FOR UPDATE',
        [flagId],
      );
      const role = flag ? await this.memberships.roleOf(tx, flag.group_id, actor.id) : null;
      if (!flag || !role) throw new AppError('not_found', `No flag ${flagId}.`);
      this.requireModerator(moderates(role), 'resolve flags');
      // Resolving one flag resolves every open flag of the post.
      await tx.query(
        `UPDATE post_flags SET resolved_at = now(), resolved_by = $2, resolution = $3
         WHERE post_id = $1 AND resolved_at IS NULL`,
        [flag.post_id, actor.id, input.action],
      );
      const { row, post } = await this.postAccess(tx, actor, flag.post_id, true);
      await this.audit.record(tx, {
        type: 'flag.resolved',
        actorId: actor.id,
        groupId: flag.group_id,
        data: {
          postId: flag.post_id,
          title: row.title,
          actions: [input.action],
          reason: input.reason,
        },
      });
      if (input.action === 'hide' && !post.hidden_at)
        await this.hide(tx, notify, actor, row, flag.post_id, true, input.reason ?? null);
    });
  }

  // Categories

  async categories(actor: Actor, groupId: string): Promise<{ items: ForumCategory[] }> {
    return this.dataSource.transaction(async (tx) => {
      await this.groupAccess(tx, actor, groupId);
      return { items: await this.repo.categories(tx, groupId, actor.id) };
    });
  }

  async createCategory(
    actor: Actor,
    groupId: string,
    input: Out<typeof categoryInputSchema>,
  ): Promise<ForumCategory> {
    return this.dataSource.transaction(async (tx) => {
      this.requireModerator(
        (await this.groupAccess(tx, actor, groupId)).moderator,
        'add categories',
      );
      const [row] = await tx.query<{ id: string }[]>(
        `INSERT INTO forum_categories (group_id, name, description, position)
         VALUES ($1, $2, $3, COALESCE($4, (SELECT COALESCE(max(position) + 1, 0) FROM forum_categories WHERE group_id = $1)))
         RETURNING id`,
        [groupId, input.name, input.description ?? '', input.position ?? null],
      );
      await this.audit.record(tx, {
        type: 'forum-category.changed',
        actorId: actor.id,
        groupId,
        data: { actions: ['create'], title: input.name },
      });
      return (await this.repo.categories(tx, groupId, actor.id)).find((c) => c.id === row!.id)!;
    });
  }

  async updateCategory(
    actor: Actor,
    categoryId: string,
    input: Partial<Out<typeof categoryInputSchema>> | null,
  ): Promise<ForumCategory | null> {
    return this.dataSource.transaction(async (tx) => {
      const groupId = await this.repo.categoryGroup(tx, categoryId);
      const role = groupId ? await this.memberships.roleOf(tx, groupId, actor.id) : null;
      if (!groupId || !role) throw new AppError('not_found', `No category ${categoryId}.`);
      this.requireModerator(moderates(role), 'change categories');
      if (input === null) {
        const [gone] = await tx.query<{ name: string }[]>(
          'DELETE FROM forum_categories WHERE id = $1 RETURNING name',
          [categoryId],
        );
        await this.audit.record(tx, {
          type: 'forum-category.changed',
          actorId: actor.id,
          groupId,
          data: { actions: ['delete'], title: gone?.name },
        });
        return null;
      }
      await tx.query(
        `UPDATE forum_categories SET name = COALESCE($2, name), description = COALESCE($3, description),
           position = COALESCE($4, position) WHERE id = $1`,
        [categoryId, input.name ?? null, input.description ?? null, input.position ?? null],
      );
      const category = (await this.repo.categories(tx, groupId, actor.id)).find(
        (c) => c.id === categoryId,
      )!;
      await this.audit.record(tx, {
        type: 'forum-category.changed',
        actorId: actor.id,
        groupId,
        data: { actions: ['update'], title: category.name },
      });
      return category;
    });
  }

  // Drafts

  /** Where a draft belongs, checked: a reply in a thread, or a new thread of a case or forum. */
  private async draftPlace(
    tx: EntityManager,
    actor: Actor,
    place: { threadId: string } | { caseId: string } | { groupId: string },
  ): Promise<{ key: string; groupId: string }> {
    if ('threadId' in place) {
      const { row } = await this.threadAccess(tx, actor, place.threadId);
      return { key: `thread:${place.threadId}`, groupId: row.group_id };
    }
    if ('caseId' in place) {
      const { groupId } = await this.caseAccess(tx, actor, place.caseId);
      return { key: `case:${place.caseId}`, groupId };
    }
    await this.groupAccess(tx, actor, place.groupId);
    return { key: `forum:${place.groupId}`, groupId: place.groupId };
  }

  /** The caller's draft here, or null when none is kept. */
  async draft(
    actor: Actor,
    place: Parameters<DiscussionsService['draftPlace']>[2],
  ): Promise<StoredDraft | null> {
    return this.dataSource.transaction(async (tx) => {
      const { key } = await this.draftPlace(tx, actor, place);
      return this.repo.draft(tx, actor.id, key);
    });
  }

  async saveDraft(
    actor: Actor,
    place: Parameters<DiscussionsService['draftPlace']>[2],
    input: Out<typeof draftSchema>,
  ): Promise<StoredDraft> {
    await this.limiter.take(`draft:${actor.id}`, { burst: 20, perSecond: 2 }, 'draft saves');
    const body = this.richText.checkShape(input.body);
    return this.dataSource.transaction(async (tx) => {
      const { key, groupId } = await this.draftPlace(tx, actor, place);
      return this.repo.saveDraft(tx, {
        userId: actor.id,
        key,
        groupId,
        title: input.title ?? null,
        body,
      });
    });
  }

  async deleteDraft(
    actor: Actor,
    place: Parameters<DiscussionsService['draftPlace']>[2],
  ): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const { key } = await this.draftPlace(tx, actor, place);
      await this.repo.deleteDraft(tx, actor.id, key);
    });
  }

  /** Where a thread's live messages go, for typing: its case's room or its group's. */
  async typingRoom(
    actor: Actor,
    threadId: string,
  ): Promise<{ caseId: string | null; groupId: string } | null> {
    const row = await this.repo.thread(this.dataSource.manager, threadId, actor.id);
    return row ? { caseId: row.case_id, groupId: row.group_id } : null;
  }
}

export type { PostRow };
