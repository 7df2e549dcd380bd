import type { QueryClient } from '@tanstack/react-query';
import {
  postSchema,
  threadSchema,
  type CaseEvent,
  type Me,
  type Post,
  type ServerToClientEvents,
  type Thread,
  type UnreadSummary,
} from '@technopolice/shared';
import {
  cachedThread,
  discussionKeys,
  mergePosts,
  patchThread,
  placeThreadInLists,
  type PostWindow,
  refetchPost,
  removePostFromWindow,
} from '../../lib/discussions';
import { canModerate } from './roles';
import { typingStore } from './typing';

/**
 * Live discussions: what a thread or post event does to the caches, whether it came from the
 * socket (`post:created`…) or from the case's event log during a catch-up (`post.created`…).
 * Both roads lead to {@link applyDiscussionChange}, behind a {@link LiveGate} that lets each
 * change of a case through once (by case `seq`) and never lets an older state replace a newer.
 */

/** One change to a thread or a post, whichever road it came by. */
export type DiscussionChange =
  | { kind: 'thread'; created: boolean; thread: Thread; changes: readonly string[] }
  | {
      kind: 'post';
      created: boolean;
      /** The thread it was in before the change (differs from `post.threadId` once moved). */
      threadId: string;
      post: Post;
      changes: readonly string[];
    };

/** The types of the case's event log that are discussion changes. */
export const DISCUSSION_ENTRY_TYPES = [
  'thread.created',
  'thread.updated',
  'post.created',
  'post.updated',
] as const;

function stringList(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

/**
 * An entry of the case's event log as the change its live event would have made; null for other
 * entries and for payloads that do not hold a valid thread or post.
 */
export function changeFromEntry(event: CaseEvent): DiscussionChange | null {
  const payload = event.payload;
  switch (event.type) {
    case 'thread.created':
    case 'thread.updated': {
      const parsed = threadSchema.safeParse(payload.thread);
      if (!parsed.success) return null;
      return {
        kind: 'thread',
        created: event.type === 'thread.created',
        thread: parsed.data,
        changes: stringList(payload.changes),
      };
    }
    case 'post.created':
    case 'post.updated': {
      const parsed = postSchema.safeParse(payload.post);
      if (!parsed.success) return null;
      return {
        kind: 'post',
        created: event.type === 'post.created',
        threadId: typeof payload.threadId === 'string' ? payload.threadId : parsed.data.threadId,
        post: parsed.data,
        changes: stringList(payload.changes),
      };
    }
    default:
      return null;
  }
}

/**
 * Lets each change of a case through once. Entries up to the `floor` (the case's `seq` when its
 * data was read) are already in what the page fetched; above it, a change passes once per
 * (`seq`, kind) — a live event and its log entry are the same change — and a thread's or post's
 * state older than one already applied is dropped. Forum changes (no `seq`) always pass: they
 * are applied idempotently.
 */
export class LiveGate {
  private floor: number | null = null;
  private readonly applied = new Set<string>();
  private readonly latest = new Map<string, number>();
  /** Posts already counted as unread, so that a post is counted once whatever road it took. */
  readonly counted = new Set<string>();

  /** The `seq` up to which the fetched data holds every change (set once). */
  setFloor(seq: number): void {
    if (this.floor === null) this.floor = seq;
  }

  get hasFloor(): boolean {
    return this.floor !== null;
  }

  admit(seq: number | null, change: DiscussionChange): boolean {
    if (seq === null) return true;
    if (this.floor !== null && seq <= this.floor) return false;
    const key = `${seq}:${change.kind}`;
    if (this.applied.has(key)) return false;
    this.applied.add(key);
    const entity =
      change.kind === 'thread' ? `thread:${change.thread.id}` : `post:${change.post.id}`;
    const last = this.latest.get(entity) ?? 0;
    // A post's creation still places it (it never overwrites a newer state of it).
    if (seq < last && !(change.kind === 'post' && change.created)) return false;
    this.latest.set(entity, Math.max(last, seq));
    return true;
  }
}

/** Who receives the changes, and what they may see. */
export interface LiveContext {
  meId: string | undefined;
  /** Coordinators (and admins) of the group see hidden threads and the bodies of hidden posts. */
  canModerate: (groupId: string) => boolean;
}

/** The context of the signed-in person. */
export function liveContext(me: Me | undefined): LiveContext {
  return { meId: me?.id, canModerate: (groupId) => canModerate(me, groupId) };
}

function visibleTo(context: LiveContext) {
  return (thread: Thread) => !thread.hidden || context.canModerate(thread.groupId);
}

/** Adds unread posts to the group's summary (a case's count, or the forum's). */
function bumpSummary(
  queryClient: QueryClient,
  groupId: string,
  caseId: string | null,
  count: number,
): void {
  if (count <= 0) return;
  queryClient.setQueryData<UnreadSummary>(discussionKeys.unread(groupId), (summary) => {
    if (!summary) return summary;
    if (caseId === null) return { ...summary, forum: summary.forum + count };
    return {
      ...summary,
      cases: { ...summary.cases, [caseId]: (summary.cases[caseId] ?? 0) + count },
    };
  });
}

/**
 * A thread as an event tells it, merged with what we know: the event carries no reading state
 * (zeros and `normal`), so ours is kept; a thread new to us is unread unless we wrote it.
 */
export function mergeThreadEvent(
  current: Thread | undefined,
  incoming: Thread,
  meId: string | undefined,
): Thread {
  if (!current) {
    const mine = incoming.author?.id === meId && incoming.lastAuthor?.id === meId;
    return {
      ...incoming,
      unread: mine ? 0 : incoming.postCount,
      lastReadSeq: mine ? incoming.lastSeq : 0,
      subscription: 'normal',
    };
  }
  // Posts the list had not counted yet (the post event may come before or after this one).
  const added = Math.max(0, incoming.lastSeq - current.lastSeq);
  const byOthers = incoming.lastAuthor?.id !== meId;
  // An older state of the thread's posts (a log entry read late) never replaces a newer one.
  const activity =
    incoming.lastSeq < current.lastSeq
      ? {
          postCount: current.postCount,
          lastSeq: current.lastSeq,
          lastPostAt: current.lastPostAt,
          lastAuthor: current.lastAuthor,
        }
      : {};
  return {
    ...incoming,
    ...activity,
    unread: current.unread + (byOthers && current.subscription !== 'mute' ? added : 0),
    lastReadSeq: byOthers ? current.lastReadSeq : Math.max(current.lastReadSeq, incoming.lastSeq),
    subscription: current.subscription,
  };
}

function applyThread(
  queryClient: QueryClient,
  change: Extract<DiscussionChange, { kind: 'thread' }>,
  context: LiveContext,
  gate: LiveGate,
): void {
  const current = cachedThread(queryClient, change.thread.id);
  const merged = mergeThreadEvent(current, change.thread, context.meId);
  placeThreadInLists(queryClient, merged, visibleTo(context));
  if (current && current.lastSeq >= change.thread.lastSeq) return;
  // New posts from others count in the group's summary, once each.
  const key = `thread:${change.thread.id}:${change.thread.lastSeq}`;
  if (gate.counted.has(key) || change.thread.lastAuthor?.id === context.meId) return;
  gate.counted.add(key);
  if (!change.created) return; // a new post's own event counts it
  bumpSummary(queryClient, change.thread.groupId, change.thread.caseId, change.thread.postCount);
}

/** Whether a window of posts covers a post's place (it can be shown there without a hole). */
function covers(window: PostWindow, post: Post): boolean {
  const first = window.items[0]?.seq;
  const last = window.items.at(-1)?.seq;
  if (first === undefined || last === undefined) return !window.hasNewer;
  return (post.seq >= first || !window.hasOlder) && (post.seq <= last || !window.hasNewer);
}

function applyPost(
  queryClient: QueryClient,
  change: Extract<DiscussionChange, { kind: 'post' }>,
  context: LiveContext,
  gate: LiveGate,
  where: { groupId: string; caseId: string | null },
): void {
  const { post } = change;
  const moved = change.threadId !== post.threadId;
  if (moved) removePostFromWindow(queryClient, change.threadId, post.id);

  queryClient.setQueryData<PostWindow>(discussionKeys.posts(post.threadId), (window) => {
    if (!window) return window;
    const known = window.items.find((item) => item.id === post.id);
    if (known) {
      // A creation never replaces what we have; an update replaces an older or equal version.
      if (change.created || known.version > post.version) return window;
      return { ...window, items: window.items.map((item) => (item.id === post.id ? post : item)) };
    }
    return covers(window, post) ? { ...window, items: mergePosts(window.items, [post]) } : window;
  });

  if (change.created) {
    if (post.author) typingStore.stop(post.threadId, post.author.id);
    const mine = post.author?.id === context.meId;
    const thread = cachedThread(queryClient, post.threadId);
    const firstSight = !gate.counted.has(`post:${post.id}`);
    gate.counted.add(`post:${post.id}`);
    if (thread) {
      patchThread(queryClient, post.threadId, (current) =>
        post.seq > current.lastSeq
          ? {
              ...current,
              postCount: current.postCount + 1,
              lastSeq: post.seq,
              lastPostAt: post.createdAt,
              lastAuthor: post.author,
              unread:
                !mine && current.subscription !== 'mute' && post.seq > current.lastReadSeq
                  ? current.unread + 1
                  : current.unread,
              lastReadSeq: mine ? Math.max(current.lastReadSeq, post.seq) : current.lastReadSeq,
            }
          : current,
      );
    }
    if (
      !mine &&
      firstSight &&
      // A thread's first post was counted with the thread itself.
      (!thread || (post.seq > thread.lastSeq && post.seq > thread.lastReadSeq)) &&
      thread?.subscription !== 'mute'
    )
      bumpSummary(queryClient, where.groupId, where.caseId, 1);
    return;
  }

  // Coordinators see hidden posts' bodies; a broadcast may leave them out: read it again.
  if (post.hidden && post.body === null && !post.deleted && context.canModerate(where.groupId))
    void refetchPost(queryClient, post.id).catch(() => undefined);
}

/** Applies one change to every cache that shows it. */
export function applyDiscussionChange(
  queryClient: QueryClient,
  change: DiscussionChange,
  context: LiveContext,
  gate: LiveGate,
  where: { groupId: string; caseId: string | null },
): void {
  if (change.kind === 'thread') applyThread(queryClient, change, context, gate);
  else applyPost(queryClient, change, context, gate, where);
}

/**
 * Applies the discussion entries of the case's log (a catch-up, or entries that arrived as
 * `case:event`) that the gate lets through, in `seq` order.
 */
export function applyEntries(
  queryClient: QueryClient,
  entries: readonly CaseEvent[],
  context: LiveContext,
  gate: LiveGate,
  where: { groupId: string; caseId: string },
): void {
  const sorted = entries
    .filter((entry) => (DISCUSSION_ENTRY_TYPES as readonly string[]).includes(entry.type))
    .sort((a, b) => a.seq - b.seq);
  for (const entry of sorted) {
    const change = changeFromEntry(entry);
    if (change && gate.admit(entry.seq, change))
      applyDiscussionChange(queryClient, change, context, gate, where);
  }
}

type DiscussionEvents = Pick<
  ServerToClientEvents,
  'thread:created' | 'thread:updated' | 'post:created' | 'post:updated' | 'typing'
>;

/**
 * The socket listeners of discussions for one room: a case's (`caseId`) or a group's forum
 * (`caseId: null`). Events of other places are ignored.
 */
export function discussionListeners(
  queryClient: QueryClient,
  gate: LiveGate,
  context: () => LiveContext,
  where: { groupId: string | undefined; caseId: string | null },
): DiscussionEvents {
  const mine = (payload: { caseId: string | null; groupId: string }) =>
    payload.caseId === where.caseId &&
    (where.groupId === undefined || payload.groupId === where.groupId);
  const apply = (
    payload: { caseId: string | null; groupId: string; seq: number | null },
    change: DiscussionChange,
  ) => {
    if (!mine(payload) || !gate.admit(payload.seq, change)) return;
    applyDiscussionChange(queryClient, change, context(), gate, {
      groupId: payload.groupId,
      caseId: payload.caseId,
    });
  };
  return {
    'thread:created': (payload) =>
      apply(payload, { kind: 'thread', created: true, thread: payload.thread, changes: [] }),
    'thread:updated': (payload) =>
      apply(payload, {
        kind: 'thread',
        created: false,
        thread: payload.thread,
        changes: payload.changes,
      }),
    'post:created': (payload) =>
      apply(payload, {
        kind: 'post',
        created: true,
        threadId: payload.threadId,
        post: payload.post,
        changes: [],
      }),
    'post:updated': (payload) =>
      apply(payload, {
        kind: 'post',
        created: false,
        threadId: payload.threadId,
        post: payload.post,
        changes: payload.changes,
      }),
    typing: (payload) => {
      if (payload.caseId !== where.caseId || payload.user.id === context().meId) return;
      typingStore.start(payload.threadId, payload.user);
    },
  };
}
