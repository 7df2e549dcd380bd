import { QueryClient } from '@tanstack/react-query';
import type { CaseEvent, Post, Thread, UnreadSummary } from '@technopolice/shared';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { discussionKeys, type PostWindow, type ThreadList } from '../../lib/discussions';
import { GROUP_ID, HIBOU_ID, ME_ID } from '../../test/fixtures';
import { hoursAgo } from '../case-page/fixtures';
import { aPost, aThread, CASE_ID, hibou, me, postId, THREAD_CADA, THREAD_PINNED } from './fixtures';
import {
  applyDiscussionChange,
  applyEntries,
  changeFromEntry,
  type DiscussionChange,
  discussionListeners,
  LiveGate,
  type LiveContext,
  mergeThreadEvent,
} from './live';
import { TypingStore, typingStore } from './typing';

vi.mock('../../lib/socket', () => ({ getSocket: () => ({ emit: () => undefined }) }));

const where = { groupId: GROUP_ID, caseId: CASE_ID };
const member: LiveContext = { meId: ME_ID, canModerate: () => false };

function entry(seq: number, type: string, payload: Record<string, unknown>): CaseEvent {
  return { seq, type, payload, actor: hibou, createdAt: hoursAgo(0) };
}

function postCreated(post: Post): DiscussionChange {
  return { kind: 'post', created: true, threadId: post.threadId, post, changes: [] };
}

function caches(threads: Thread[], posts: Post[], summary?: UnreadSummary) {
  const queryClient = new QueryClient();
  queryClient.setQueryData<ThreadList>(discussionKeys.caseThreads(CASE_ID), {
    items: threads,
    nextCursor: null,
  });
  queryClient.setQueryData<PostWindow>(discussionKeys.posts(THREAD_CADA), {
    items: posts,
    hasOlder: false,
    hasNewer: false,
  });
  if (summary) queryClient.setQueryData(discussionKeys.unread(GROUP_ID), summary);
  const list = () =>
    queryClient.getQueryData<ThreadList>(discussionKeys.caseThreads(CASE_ID))?.items ?? [];
  const window = () => queryClient.getQueryData<PostWindow>(discussionKeys.posts(THREAD_CADA));
  const unread = () => queryClient.getQueryData<UnreadSummary>(discussionKeys.unread(GROUP_ID));
  return { queryClient, list, window, unread };
}

beforeEach(() => typingStore.clear());

describe('the case log as discussion changes', () => {
  it('reads post and thread entries, and ignores the rest and what does not parse', () => {
    const post = aPost(4, { author: hibou });
    expect(
      changeFromEntry(entry(12, 'post.created', { threadId: THREAD_CADA, post, changes: [] })),
    ).toEqual({ kind: 'post', created: true, threadId: THREAD_CADA, post, changes: [] });
    expect(
      changeFromEntry(
        entry(13, 'post.updated', { threadId: THREAD_PINNED, post, changes: ['moved'] }),
      ),
    ).toMatchObject({ kind: 'post', created: false, threadId: THREAD_PINNED });
    const thread = aThread();
    expect(changeFromEntry(entry(14, 'thread.updated', { threadId: thread.id, thread }))).toEqual({
      kind: 'thread',
      created: false,
      thread,
      changes: [],
    });
    expect(changeFromEntry(entry(15, 'task.created', { title: 'CADA' }))).toBeNull();
    expect(changeFromEntry(entry(16, 'post.created', { post: { id: 'nope' } }))).toBeNull();
  });
});

describe('the live gate', () => {
  it('lets a change through once per seq and kind, above the floor only', () => {
    const gate = new LiveGate();
    const change = postCreated(aPost(4));
    gate.setFloor(10);
    expect(gate.admit(9, change)).toBe(false);
    expect(gate.admit(10, change)).toBe(false);
    expect(gate.admit(11, change)).toBe(true);
    expect(gate.admit(11, change)).toBe(false);
    // The floor is set once: the fetched data's seq, not a later one.
    gate.setFloor(20);
    expect(gate.admit(12, postCreated(aPost(5)))).toBe(true);
  });

  it('drops an older state of a post once a newer one was applied', () => {
    const gate = new LiveGate();
    const post = aPost(4);
    const update = (version: number): DiscussionChange => ({
      kind: 'post',
      created: false,
      threadId: post.threadId,
      post: { ...post, version },
      changes: ['body'],
    });
    expect(gate.admit(15, update(3))).toBe(true);
    expect(gate.admit(14, update(2))).toBe(false);
    // Its creation still places it (it never replaces the newer state).
    expect(gate.admit(12, postCreated(post))).toBe(true);
  });

  it('always lets forum changes (no seq) through', () => {
    const gate = new LiveGate();
    const change = postCreated(aPost(4));
    expect(gate.admit(null, change)).toBe(true);
    expect(gate.admit(null, change)).toBe(true);
  });
});

describe('applying changes to the caches', () => {
  it('appends a new post to the open thread and counts it unread in the list and summary', () => {
    const { queryClient, list, window, unread } = caches(
      [aThread({ lastReadSeq: 3 })],
      [aPost(1), aPost(2), aPost(3)],
      { forum: 0, cases: { [CASE_ID]: 0 } },
    );
    const gate = new LiveGate();
    const post = aPost(4, { author: hibou, createdAt: hoursAgo(0) });
    applyDiscussionChange(queryClient, postCreated(post), member, gate, where);

    expect(window()?.items.map((item) => item.seq)).toEqual([1, 2, 3, 4]);
    expect(list()[0]).toMatchObject({
      postCount: 4,
      lastSeq: 4,
      lastAuthor: hibou,
      unread: 1,
      lastReadSeq: 3,
    });
    expect(unread()?.cases[CASE_ID]).toBe(1);
  });

  it('applies a live post and its catch-up entry once: no duplicate, no double count', () => {
    const { queryClient, list, window, unread } = caches(
      [aThread({ lastReadSeq: 3 })],
      [aPost(1), aPost(2), aPost(3)],
      { forum: 0, cases: { [CASE_ID]: 0 } },
    );
    const gate = new LiveGate();
    gate.setFloor(20);
    const post = aPost(4, { author: hibou });
    const listeners = discussionListeners(queryClient, gate, () => member, {
      groupId: GROUP_ID,
      caseId: CASE_ID,
    });
    listeners['post:created']({
      groupId: GROUP_ID,
      caseId: CASE_ID,
      seq: 21,
      threadId: THREAD_CADA,
      post,
    });
    // After a reconnect, the catch-up brings the same entry, and the one missed meanwhile.
    const missed = aPost(5, { author: hibou });
    applyEntries(
      queryClient,
      [
        entry(22, 'post.created', { threadId: THREAD_CADA, post: missed, changes: [] }),
        entry(21, 'post.created', { threadId: THREAD_CADA, post, changes: [] }),
        entry(19, 'post.created', { threadId: THREAD_CADA, post: aPost(3), changes: [] }),
      ],
      member,
      gate,
      where,
    );

    expect(window()?.items.map((item) => item.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(list()[0]).toMatchObject({ postCount: 5, lastSeq: 5, unread: 2 });
    expect(unread()?.cases[CASE_ID]).toBe(2);
  });

  it('keeps the newest reactions when an older update comes late', () => {
    const post = aPost(2);
    const { queryClient, window } = caches([aThread()], [aPost(1), post, aPost(3)]);
    const gate = new LiveGate();
    const reacted = (count: number): DiscussionChange => ({
      kind: 'post',
      created: false,
      threadId: THREAD_CADA,
      post: {
        ...post,
        reactions: [{ reaction: 'heart', count, users: count ? [hibou] : [] }],
      },
      changes: ['reactions'],
    });
    for (const [seq, change] of [
      [31, reacted(1)],
      [30, reacted(0)],
    ] as const)
      if (gate.admit(seq, change)) applyDiscussionChange(queryClient, change, member, gate, where);
    expect(window()?.items[1]?.reactions[0]?.count).toBe(1);
  });

  it('never lets an older edit replace a newer version', () => {
    const post = aPost(2, { version: 3 });
    const { queryClient, window } = caches([aThread()], [aPost(1), post, aPost(3)]);
    applyDiscussionChange(
      queryClient,
      {
        kind: 'post',
        created: false,
        threadId: THREAD_CADA,
        post: { ...post, version: 2, html: '<p>ancien</p>' },
        changes: ['body'],
      },
      member,
      new LiveGate(),
      where,
    );
    expect(window()?.items[1]?.version).toBe(3);
  });

  it('takes a moved post out of its old thread', () => {
    const { queryClient, window } = caches([aThread()], [aPost(1), aPost(2), aPost(3)]);
    applyDiscussionChange(
      queryClient,
      {
        kind: 'post',
        created: false,
        threadId: THREAD_CADA,
        post: { ...aPost(2), threadId: THREAD_PINNED, seq: 8 },
        changes: ['moved'],
      },
      member,
      new LiveGate(),
      where,
    );
    expect(window()?.items.map((item) => item.id)).toEqual([postId(1), postId(3)]);
  });

  it('does not append a post to a window that is not at the end of its thread', () => {
    const { queryClient, window } = caches([aThread({ lastSeq: 300 })], [aPost(1), aPost(2)]);
    queryClient.setQueryData<PostWindow>(discussionKeys.posts(THREAD_CADA), (current) =>
      current ? { ...current, hasNewer: true } : current,
    );
    applyDiscussionChange(queryClient, postCreated(aPost(301)), member, new LiveGate(), where);
    expect(window()?.items).toHaveLength(2);
  });

  it('puts a new thread of someone else in the list, pinned ones first, unread', () => {
    const pinned = aThread({ id: THREAD_PINNED, pinned: true, lastPostAt: hoursAgo(48) });
    const { queryClient, list, unread } = caches([pinned], [], { forum: 0, cases: {} });
    const created = aThread({
      title: 'Qui va au conseil municipal ?',
      author: hibou,
      lastAuthor: hibou,
      postCount: 1,
      lastSeq: 1,
      unread: 0,
      lastReadSeq: 0,
    });
    const change: DiscussionChange = {
      kind: 'thread',
      created: true,
      thread: created,
      changes: [],
    };
    applyDiscussionChange(queryClient, change, member, new LiveGate(), where);
    // Its first post comes next: the same post is not counted twice.
    applyDiscussionChange(
      queryClient,
      postCreated(aPost(1, { author: hibou })),
      member,
      new LiveGate(),
      where,
    );

    expect(list().map((thread) => thread.id)).toEqual([THREAD_PINNED, THREAD_CADA]);
    expect(list()[1]).toMatchObject({ unread: 1, postCount: 1 });
    expect(unread()?.cases[CASE_ID]).toBe(1);
  });

  it('keeps my reading state when a thread event tells of others', () => {
    const current = aThread({ unread: 2, lastReadSeq: 1, subscription: 'watch' });
    const incoming = { ...aThread({ title: 'Nouveau titre' }), unread: 0, lastReadSeq: 0 };
    expect(mergeThreadEvent(current, { ...incoming, subscription: 'normal' }, ME_ID)).toMatchObject(
      { title: 'Nouveau titre', unread: 2, lastReadSeq: 1, subscription: 'watch' },
    );
  });

  it('takes a hidden thread out of members’ lists, not coordinators’', () => {
    const hidden = aThread({ hidden: true });
    const forMember = caches([aThread()], []);
    applyDiscussionChange(
      forMember.queryClient,
      { kind: 'thread', created: false, thread: hidden, changes: ['hidden'] },
      member,
      new LiveGate(),
      where,
    );
    expect(forMember.list()).toEqual([]);

    const forCoordinator = caches([aThread()], []);
    applyDiscussionChange(
      forCoordinator.queryClient,
      { kind: 'thread', created: false, thread: hidden, changes: ['hidden'] },
      { meId: ME_ID, canModerate: () => true },
      new LiveGate(),
      where,
    );
    expect(forCoordinator.list()[0]?.hidden).toBe(true);
  });

  it('moves a thread out of the case’s list when it goes to the forum', () => {
    const { queryClient, list } = caches([aThread()], []);
    const forumList = discussionKeys.forumThreads(GROUP_ID, null);
    queryClient.setQueryData<ThreadList>(forumList, { items: [], nextCursor: null });
    applyDiscussionChange(
      queryClient,
      { kind: 'thread', created: false, thread: aThread({ caseId: null }), changes: ['caseId'] },
      member,
      new LiveGate(),
      where,
    );
    expect(list()).toEqual([]);
    expect(queryClient.getQueryData<ThreadList>(forumList)?.items.map((t) => t.id)).toEqual([
      THREAD_CADA,
    ]);
  });

  it('ignores the events of another case', () => {
    const { queryClient, window } = caches([aThread()], [aPost(1), aPost(2), aPost(3)]);
    const listeners = discussionListeners(queryClient, new LiveGate(), () => member, where);
    listeners['post:created']({
      groupId: GROUP_ID,
      caseId: 'c0000000-0000-4000-8000-000000000099',
      seq: 5,
      threadId: THREAD_CADA,
      post: aPost(4),
    });
    expect(window()?.items).toHaveLength(3);
  });
});

describe('who is typing', () => {
  it('lasts a few seconds after the last signal and ends with their post', () => {
    let now = 1000;
    const store = new TypingStore(() => now);
    store.start(THREAD_CADA, hibou);
    store.start(THREAD_CADA, me);
    expect(store.typing(THREAD_CADA).map((user) => user.displayName)).toEqual(['Camille', 'Hibou']);
    // The same answer while nothing changed (a stable React snapshot).
    expect(store.typing(THREAD_CADA)).toBe(store.typing(THREAD_CADA));
    store.stop(THREAD_CADA, HIBOU_ID);
    expect(store.typing(THREAD_CADA).map((user) => user.id)).toEqual([ME_ID]);
    now += 7000;
    expect(store.typing(THREAD_CADA)).toEqual([]);
  });

  it('hears others from the room, and stops when their post arrives', () => {
    const { queryClient } = caches([aThread()], [aPost(1), aPost(2), aPost(3)]);
    const listeners = discussionListeners(queryClient, new LiveGate(), () => member, where);
    listeners.typing({ threadId: THREAD_CADA, caseId: CASE_ID, user: hibou });
    listeners.typing({ threadId: THREAD_CADA, caseId: CASE_ID, user: me });
    expect(typingStore.typing(THREAD_CADA)).toEqual([hibou]);
    listeners['post:created']({
      groupId: GROUP_ID,
      caseId: CASE_ID,
      seq: 9,
      threadId: THREAD_CADA,
      post: aPost(4, { author: hibou }),
    });
    expect(typingStore.typing(THREAD_CADA)).toEqual([]);
  });
});
