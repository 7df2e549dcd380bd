import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  flagSchema,
  forumCategorySchema,
  postRevisionSchema,
  postSchema,
  subscriptionLevelSchema,
  threadSchema,
  type CreateThread,
  type Flag,
  type ForumCategory,
  type ModeratePost,
  type Post,
  type PostRevision,
  type Reaction,
  type RichTextBody,
  type StoredDraft,
  type SubscriptionLevel,
  type Thread,
  type UnreadSummary,
  type UpdateThread,
} from '@technopolice/shared';
import { ApiError, getJson, itemsOf, type Schema, sendJson } from './api';
import { discussionKeys, type DraftScope } from './discussionKeys';
import { groupUnreadQuery } from './notifications';

export { discussionKeys, type DraftScope } from './discussionKeys';
export {
  applyNotification,
  applyNotificationsRead,
  groupUnreadQuery,
  notificationKeys,
  type NotificationList,
  useMoreNotifications,
  useNotifications,
  useReadNotifications,
} from './notifications';

/**
 * Typed client of the discussions API: threads of a case and of a group's forum, their posts,
 * reading state, drafts, moderation (the notification centre, which every page shows, is in
 * `notifications.ts`). Lists are kept current by live events (see `features/discussions/live.ts`),
 * which patch the same cache entries as the writes.
 */

const enc = encodeURIComponent;
const path = {
  caseThreads: (caseId: string) => `/api/cases/${enc(caseId)}/threads`,
  forumThreads: (groupId: string) => `/api/groups/${enc(groupId)}/forum/threads`,
  thread: (threadId: string) => `/api/threads/${enc(threadId)}`,
  read: (threadId: string) => `/api/threads/${enc(threadId)}/read`,
  threadSubscription: (threadId: string) => `/api/threads/${enc(threadId)}/subscription`,
  caseSubscription: (caseId: string) => `/api/cases/${enc(caseId)}/subscription`,
  categories: (groupId: string) => `/api/groups/${enc(groupId)}/forum/categories`,
  category: (categoryId: string) => `/api/forum/categories/${enc(categoryId)}`,
  posts: (threadId: string) => `/api/threads/${enc(threadId)}/posts`,
  post: (postId: string) => `/api/posts/${enc(postId)}`,
  revisions: (postId: string) => `/api/posts/${enc(postId)}/revisions`,
  reactions: (postId: string) => `/api/posts/${enc(postId)}/reactions`,
  reaction: (postId: string, reaction: Reaction) =>
    `/api/posts/${enc(postId)}/reactions/${enc(reaction)}`,
  flagPost: (postId: string) => `/api/posts/${enc(postId)}/flags`,
  moderation: (postId: string) => `/api/posts/${enc(postId)}/moderation`,
  flags: (groupId: string) => `/api/groups/${enc(groupId)}/flags`,
  resolveFlag: (flagId: string) => `/api/flags/${enc(flagId)}/resolve`,
  replyDraft: (threadId: string) => `/api/threads/${enc(threadId)}/draft`,
  threadDraft: (scope: DraftScope) =>
    scope.kind === 'case'
      ? `/api/cases/${enc(scope.id)}/thread-draft`
      : `/api/groups/${enc(scope.id)}/forum/thread-draft`,
};

/** A thread list as the cache keeps it: one page after another, in the server's order. */
export interface ThreadList {
  items: Thread[];
  nextCursor: string | null;
}

/**
 * The posts of a thread as the cache keeps them: a window of the thread, seq ascending, that
 * grows backwards (`hasOlder`) and forwards (`hasNewer`) as the reader scrolls.
 */
export interface PostWindow {
  items: Post[];
  hasOlder: boolean;
  hasNewer: boolean;
}

/** Posts read before the first unread one when a thread opens: a little context. */
export const CONTEXT_POSTS = 20;
/** Posts per page of a thread. */
export const POST_PAGE = 100;
/** Threads per page of a list. */
export const THREAD_PAGE = 50;

const threadWithPostSchema = threadSchema.extend({ post: postSchema });
const threadList = itemsOf(threadSchema);
const postList = itemsOf(postSchema);
const levelAnswer: Schema<{ level: SubscriptionLevel }> = {
  safeParse(data) {
    const parsed = subscriptionLevelSchema.safeParse((data as { level?: unknown } | null)?.level);
    return parsed.success
      ? { success: true, data: { level: parsed.data } }
      : { success: false, error: parsed.error };
  },
};
const readAnswer: Schema<{ lastReadSeq: number; unread: number }> = {
  safeParse(data) {
    const value = data as { lastReadSeq?: unknown; unread?: unknown } | null;
    return typeof value?.lastReadSeq === 'number' && typeof value.unread === 'number'
      ? { success: true, data: { lastReadSeq: value.lastReadSeq, unread: value.unread } }
      : { success: false, error: new Error('not a reading state') };
  },
};
/** A draft, or nothing (204: none is kept). */
const storedDraftSchema: Schema<StoredDraft | null> = {
  safeParse(data) {
    if (data === undefined) return { success: true, data: null };
    const value = typeof data === 'object' ? (data as Partial<StoredDraft> | null) : null;
    return value && typeof value === 'object' && value.body && value.body.type === 'doc'
      ? {
          success: true,
          data: {
            title: typeof value.title === 'string' ? value.title : null,
            body: value.body,
            updatedAt: typeof value.updatedAt === 'string' ? value.updatedAt : '',
          },
        }
      : { success: false, error: new Error('not a draft') };
  },
};

/* ------------------------------------------------------------------ ordering and cache patches */

/** Pinned threads first, then the latest activity first. */
export function compareThreads(a: Thread, b: Thread): number {
  if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
  if (a.lastPostAt !== b.lastPostAt) return a.lastPostAt < b.lastPostAt ? 1 : -1;
  return a.createdAt < b.createdAt ? 1 : -1;
}

/** Which thread list a cache key names, so that a thread can be placed in (or out of) it. */
export function listBelongs(key: readonly unknown[], thread: Thread): boolean {
  if (key[2] === 'case') return thread.caseId !== null && thread.caseId === key[3];
  if (key[2] === 'forum')
    return (
      thread.caseId === null &&
      thread.groupId === key[3] &&
      (key[4] === 'all' || thread.categoryId === key[4])
    );
  return false;
}

/**
 * Puts a thread in every cached list it belongs to (replacing its old self) and takes it out of
 * the others: moved between cases, to the forum, to another category, or hidden.
 */
export function placeThreadInLists(
  queryClient: QueryClient,
  thread: Thread,
  visible: (thread: Thread) => boolean = () => true,
): void {
  for (const [key, list] of queryClient.getQueriesData<ThreadList>({
    queryKey: discussionKeys.threadLists(),
  })) {
    if (!list) continue;
    const belongs = listBelongs(key, thread) && visible(thread);
    const others = list.items.filter((item) => item.id !== thread.id);
    const had = others.length !== list.items.length;
    if (!belongs && !had) continue;
    const items = belongs ? [...others, thread].sort(compareThreads) : others;
    queryClient.setQueryData<ThreadList>(key, { ...list, items });
  }
  if (queryClient.getQueryData(discussionKeys.thread(thread.id)))
    queryClient.setQueryData(discussionKeys.thread(thread.id), thread);
}

/** Changes one thread wherever the cache holds it (lists and detail); `undefined`: unchanged. */
export function patchThread(
  queryClient: QueryClient,
  threadId: string,
  change: (thread: Thread) => Thread,
): void {
  for (const [key, list] of queryClient.getQueriesData<ThreadList>({
    queryKey: discussionKeys.threadLists(),
  })) {
    if (!list?.items.some((item) => item.id === threadId)) continue;
    queryClient.setQueryData<ThreadList>(key, {
      ...list,
      items: list.items
        .map((item) => (item.id === threadId ? change(item) : item))
        .sort(compareThreads),
    });
  }
  queryClient.setQueryData<Thread>(discussionKeys.thread(threadId), (thread) =>
    thread ? change(thread) : thread,
  );
}

/** Every cached version of a thread: its detail, else the first list holding it. */
export function cachedThread(queryClient: QueryClient, threadId: string): Thread | undefined {
  const detail = queryClient.getQueryData<Thread>(discussionKeys.thread(threadId));
  if (detail) return detail;
  for (const [, list] of queryClient.getQueriesData<ThreadList>({
    queryKey: discussionKeys.threadLists(),
  })) {
    const found = list?.items.find((item) => item.id === threadId);
    if (found) return found;
  }
  return undefined;
}

/** Replaces a post in its thread's window (an answer of the API is the truth). */
export function replacePost(queryClient: QueryClient, post: Post): void {
  queryClient.setQueryData<PostWindow>(discussionKeys.posts(post.threadId), (window) =>
    window
      ? { ...window, items: window.items.map((item) => (item.id === post.id ? post : item)) }
      : window,
  );
}

/** Adds posts to a window, one per id, in seq order. */
export function mergePosts(current: readonly Post[], added: readonly Post[]): Post[] {
  const byId = new Map<string, Post>();
  for (const post of current) byId.set(post.id, post);
  for (const post of added) {
    const known = byId.get(post.id);
    if (!known || known.version <= post.version) byId.set(post.id, post);
  }
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

/** Whether a failed write came from a version someone else changed meanwhile. */
export function isStalePost(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'stale_version';
}

/* ------------------------------------------------------------------------------- threads */

async function fetchThreadPage(url: string, cursor: string | null, signal?: AbortSignal) {
  const params = new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');
  params.set('limit', String(THREAD_PAGE));
  if (cursor) params.set('cursor', cursor);
  const base = url.includes('?') ? url.slice(0, url.indexOf('?')) : url;
  return getJson(`${base}?${params.toString()}`, threadList, signal ? { signal } : undefined);
}

function forumThreadsUrl(groupId: string, categoryId: string | null) {
  return categoryId
    ? `${path.forumThreads(groupId)}?categoryId=${enc(categoryId)}`
    : path.forumThreads(groupId);
}

/** `GET /api/cases/:caseId/threads`: pinned first, then the latest activity. */
export function useCaseThreads(caseId: string, enabled = true) {
  return useQuery<ThreadList, ApiError>({
    queryKey: discussionKeys.caseThreads(caseId),
    queryFn: ({ signal }) => fetchThreadPage(path.caseThreads(caseId), null, signal),
    enabled,
  });
}

/** `GET /api/groups/:groupId/forum/threads?categoryId=`. */
export function useForumThreads(groupId: string, categoryId: string | null, enabled = true) {
  return useQuery<ThreadList, ApiError>({
    queryKey: discussionKeys.forumThreads(groupId, categoryId),
    queryFn: ({ signal }) => fetchThreadPage(forumThreadsUrl(groupId, categoryId), null, signal),
    enabled: enabled && Boolean(groupId),
  });
}

/** The next page of a thread list, appended to the cached one. */
export function useMoreThreads(key: readonly unknown[], url: string) {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, void>({
    mutationFn: async () => {
      const current = queryClient.getQueryData<ThreadList>(key);
      if (!current?.nextCursor) return;
      const page = await fetchThreadPage(url, current.nextCursor);
      queryClient.setQueryData<ThreadList>(key, (latest) => {
        if (!latest) return latest;
        const known = new Set(latest.items.map((item) => item.id));
        return {
          items: [...latest.items, ...page.items.filter((item) => !known.has(item.id))],
          nextCursor: page.nextCursor,
        };
      });
    },
  });
}

/** Where the next pages of a list come from. */
export const threadListUrl = {
  case: (caseId: string) => path.caseThreads(caseId),
  forum: forumThreadsUrl,
};

/** `GET /api/threads/:threadId`, seeded from a list that holds it. */
export function useThread(threadId: string | undefined) {
  const queryClient = useQueryClient();
  return useQuery<Thread, ApiError>({
    queryKey: discussionKeys.thread(threadId ?? ''),
    queryFn: ({ signal }) => getJson(path.thread(threadId ?? ''), threadSchema, { signal }),
    enabled: Boolean(threadId),
    initialData: () => (threadId ? cachedThread(queryClient, threadId) : undefined),
    // What a list held may be a little old: read the thread itself once it opens.
    initialDataUpdatedAt: 0,
    staleTime: 0,
  });
}

/** `POST /api/cases/:caseId/threads` or `POST /api/groups/:groupId/forum/threads`. */
export function useCreateThread(scope: DraftScope) {
  const queryClient = useQueryClient();
  return useMutation<Thread & { post: Post }, ApiError, CreateThread>({
    mutationFn: (body) =>
      sendJson(
        'POST',
        scope.kind === 'case' ? path.caseThreads(scope.id) : path.forumThreads(scope.id),
        body,
        threadWithPostSchema,
      ),
    onSuccess: ({ post, ...thread }) => {
      placeThreadInLists(queryClient, thread);
      queryClient.setQueryData(discussionKeys.thread(thread.id), thread);
      queryClient.setQueryData<PostWindow>(discussionKeys.posts(thread.id), {
        items: [post],
        hasOlder: false,
        hasNewer: false,
      });
      queryClient.setQueryData(discussionKeys.threadDraft(scope), null);
      if (scope.kind === 'forum')
        void queryClient.invalidateQueries({ queryKey: discussionKeys.categories(scope.id) });
    },
  });
}

/** `PATCH /api/threads/:threadId`: rename, pin, lock, hide, move. */
export function useUpdateThread(threadId: string) {
  const queryClient = useQueryClient();
  return useMutation<Thread, ApiError, UpdateThread>({
    mutationFn: (patch) => sendJson('PATCH', path.thread(threadId), patch, threadSchema),
    onSuccess: (thread) => {
      placeThreadInLists(queryClient, thread);
      queryClient.setQueryData(discussionKeys.thread(thread.id), thread);
      void queryClient.invalidateQueries({ queryKey: discussionKeys.unread(thread.groupId) });
    },
  });
}

/**
 * `PUT /api/threads/:threadId/read`: read up to `seq`. The thread's reading state and the
 * group's unread counts follow the answer.
 */
export function useMarkRead(thread: Pick<Thread, 'id' | 'groupId' | 'caseId'>) {
  const queryClient = useQueryClient();
  return useMutation<{ lastReadSeq: number; unread: number }, ApiError, number>({
    mutationFn: (seq) => sendJson('PUT', path.read(thread.id), { seq }, readAnswer),
    onSuccess: (answer) => {
      let before = 0;
      patchThread(queryClient, thread.id, (current) => {
        before = current.unread;
        return { ...current, lastReadSeq: answer.lastReadSeq, unread: answer.unread };
      });
      const read = before - answer.unread;
      // A forum category counts its unread posts too.
      if (thread.caseId === null && read > 0)
        void queryClient.invalidateQueries({ queryKey: discussionKeys.categories(thread.groupId) });
      queryClient.setQueryData<UnreadSummary>(discussionKeys.unread(thread.groupId), (summary) => {
        if (!summary || read <= 0) return summary;
        if (thread.caseId === null) return { ...summary, forum: Math.max(0, summary.forum - read) };
        const count = summary.cases[thread.caseId] ?? 0;
        return {
          ...summary,
          cases: { ...summary.cases, [thread.caseId]: Math.max(0, count - read) },
        };
      });
    },
  });
}

/** `PUT /api/threads/:threadId/subscription`. */
export function useThreadSubscription(threadId: string) {
  const queryClient = useQueryClient();
  return useMutation<{ level: SubscriptionLevel }, ApiError, SubscriptionLevel>({
    mutationFn: (level) =>
      sendJson('PUT', path.threadSubscription(threadId), { level }, levelAnswer),
    onSuccess: ({ level }) =>
      patchThread(queryClient, threadId, (thread) => ({ ...thread, subscription: level })),
  });
}

/** `GET /api/cases/:caseId/subscription`. */
export function useCaseSubscription(caseId: string) {
  return useQuery<{ level: SubscriptionLevel }, ApiError>({
    queryKey: discussionKeys.caseSubscription(caseId),
    queryFn: ({ signal }) => getJson(path.caseSubscription(caseId), levelAnswer, { signal }),
  });
}

/** `PUT /api/cases/:caseId/subscription`. */
export function useSetCaseSubscription(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation<{ level: SubscriptionLevel }, ApiError, SubscriptionLevel>({
    mutationFn: (level) => sendJson('PUT', path.caseSubscription(caseId), { level }, levelAnswer),
    onSuccess: (answer) =>
      queryClient.setQueryData(discussionKeys.caseSubscription(caseId), answer),
  });
}

/** `GET /api/groups/:groupId/unread`. */
export function useGroupUnread(groupId: string | undefined) {
  return useQuery<UnreadSummary, ApiError>({
    ...groupUnreadQuery(groupId ?? ''),
    enabled: Boolean(groupId),
  });
}

/* ---------------------------------------------------------------------------------- posts */

/**
 * The first window of a thread: from a little before the first unread post, so that the reader
 * lands on what is new with some context above it.
 */
export async function fetchFirstWindow(
  threadId: string,
  lastReadSeq: number,
  signal?: AbortSignal,
): Promise<PostWindow> {
  const after = Math.max(0, lastReadSeq - CONTEXT_POSTS);
  const page = await getJson(
    `${path.posts(threadId)}?after=${after}&limit=${POST_PAGE}`,
    postList,
    signal ? { signal } : undefined,
  );
  return {
    items: mergePosts([], page.items),
    hasOlder: after > 0 && (page.items[0]?.seq ?? after + 1) > 1,
    hasNewer: page.nextCursor !== null,
  };
}

/** `GET /api/threads/:threadId/posts`: the window of the thread the reader looks at. */
export function useThreadPosts(threadId: string, lastReadSeq: number | undefined) {
  return useQuery<PostWindow, ApiError>({
    queryKey: discussionKeys.posts(threadId),
    queryFn: ({ signal }) => fetchFirstWindow(threadId, lastReadSeq ?? 0, signal),
    enabled: lastReadSeq !== undefined,
    // Kept current by live events and the gap filling of the thread view.
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Older posts (`before=`) or newer ones (`after=`), merged into the window. */
export function useMorePosts(threadId: string) {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, 'older' | 'newer'>({
    mutationFn: async (direction) => {
      const key = discussionKeys.posts(threadId);
      const current = queryClient.getQueryData<PostWindow>(key);
      if (!current) return;
      if (direction === 'older') {
        const first = current.items[0]?.seq;
        const query = first === undefined ? '' : `&before=${first}`;
        const page = await getJson(`${path.posts(threadId)}?limit=${POST_PAGE}${query}`, postList);
        queryClient.setQueryData<PostWindow>(key, (latest) =>
          latest
            ? {
                ...latest,
                items: mergePosts(latest.items, page.items),
                hasOlder: page.items.length > 0 && (page.items[0]?.seq ?? 1) > 1,
              }
            : latest,
        );
        return;
      }
      const last = current.items.at(-1)?.seq ?? 0;
      const page = await getJson(
        `${path.posts(threadId)}?after=${last}&limit=${POST_PAGE}`,
        postList,
      );
      queryClient.setQueryData<PostWindow>(key, (latest) =>
        latest
          ? {
              ...latest,
              items: mergePosts(latest.items, page.items),
              hasNewer: page.nextCursor !== null,
            }
          : latest,
      );
    },
  });
}

/** `GET /api/posts/:postId`: one post read again (a 409, a hidden post for coordinators). */
export async function refetchPost(queryClient: QueryClient, postId: string): Promise<Post> {
  const post = await getJson(path.post(postId), postSchema);
  replacePost(queryClient, post);
  return post;
}

/** `POST /api/threads/:threadId/posts`. */
export function useCreatePost(threadId: string) {
  const queryClient = useQueryClient();
  return useMutation<Post, ApiError, { body: RichTextBody; replyTo?: string | null }>({
    mutationFn: (body) => sendJson('POST', path.posts(threadId), body, postSchema),
    onSuccess: (post) => {
      queryClient.setQueryData<PostWindow>(discussionKeys.posts(threadId), (window) =>
        window && !window.hasNewer
          ? { ...window, items: mergePosts(window.items, [post]) }
          : window,
      );
      patchThread(queryClient, threadId, (thread) =>
        post.seq > thread.lastSeq
          ? {
              ...thread,
              postCount: thread.postCount + 1,
              lastSeq: post.seq,
              lastPostAt: post.createdAt,
              lastAuthor: post.author,
              lastReadSeq: Math.max(thread.lastReadSeq, post.seq),
            }
          : { ...thread, lastReadSeq: Math.max(thread.lastReadSeq, post.seq) },
      );
      // The draft became this post (the editor stays: no reading of the draft again).
      queryClient.setQueryData(discussionKeys.replyDraft(threadId), null);
    },
  });
}

/** `PATCH /api/posts/:postId` from the version the edit started at (409 `stale_version`). */
export function useEditPost() {
  const queryClient = useQueryClient();
  return useMutation<Post, ApiError, { postId: string; body: RichTextBody; version: number }>({
    mutationFn: ({ postId, body, version }) =>
      sendJson('PATCH', path.post(postId), { body, version }, postSchema),
    onSuccess: (post) => {
      replacePost(queryClient, post);
      queryClient.removeQueries({ queryKey: discussionKeys.revisions(post.id) });
    },
  });
}

/** `DELETE /api/posts/:postId`: the post stays in place, said deleted, and is read again. */
export function useDeletePost() {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, Post>({
    mutationFn: (post) => sendJson('DELETE', path.post(post.id), undefined, null),
    onSuccess: (_nothing, post) => {
      replacePost(queryClient, { ...post, deleted: true, body: null });
      void refetchPost(queryClient, post.id).catch(() => undefined);
    },
  });
}

/** `GET /api/posts/:postId/revisions`: earlier versions, oldest first. */
export function useRevisions(postId: string) {
  return useQuery<PostRevision[], ApiError>({
    queryKey: discussionKeys.revisions(postId),
    queryFn: async ({ signal }) =>
      (await getJson(path.revisions(postId), itemsOf(postRevisionSchema), { signal })).items,
  });
}

/** Adds or takes back my reaction. */
export function useReact() {
  const queryClient = useQueryClient();
  return useMutation<Post, ApiError, { postId: string; reaction: Reaction; add: boolean }>({
    mutationFn: ({ postId, reaction, add }) =>
      add
        ? sendJson('POST', path.reactions(postId), { reaction }, postSchema)
        : sendJson('DELETE', path.reaction(postId, reaction), undefined, postSchema),
    onSuccess: (post) => replacePost(queryClient, post),
  });
}

/** `POST /api/posts/:postId/flags`: coordinators are asked to look at it. */
export function useFlagPost() {
  return useMutation<unknown, ApiError, { postId: string; reason: string }>({
    mutationFn: ({ postId, reason }) =>
      sendJson(
        'POST',
        path.flagPost(postId),
        { reason },
        { safeParse: (data) => ({ success: true, data }) },
      ),
  });
}

/** `POST /api/posts/:postId/moderation`: hide, show again, or move to another thread. */
export function useModeratePost() {
  const queryClient = useQueryClient();
  return useMutation<Post, ApiError, { post: Post; action: ModeratePost }>({
    mutationFn: ({ post, action }) =>
      sendJson('POST', path.moderation(post.id), action, postSchema),
    onSuccess: (post, { post: before }) => {
      if (post.threadId !== before.threadId) {
        removePostFromWindow(queryClient, before.threadId, post.id);
        void queryClient.invalidateQueries({ queryKey: discussionKeys.posts(post.threadId) });
      } else replacePost(queryClient, post);
    },
  });
}

/** Takes a post out of a thread's window (moved elsewhere). */
export function removePostFromWindow(queryClient: QueryClient, threadId: string, postId: string) {
  queryClient.setQueryData<PostWindow>(discussionKeys.posts(threadId), (window) =>
    window ? { ...window, items: window.items.filter((item) => item.id !== postId) } : window,
  );
}

/* ------------------------------------------------------------------------------- drafts */

/** A draft, or null when none is kept (the API answers 204). */
async function readDraft(url: string, signal: AbortSignal): Promise<StoredDraft | null> {
  return getJson(url, storedDraftSchema, { signal });
}

/** `GET /api/threads/:threadId/draft`. */
export function useReplyDraft(threadId: string) {
  return useQuery<StoredDraft | null, ApiError>({
    queryKey: discussionKeys.replyDraft(threadId),
    queryFn: ({ signal }) => readDraft(path.replyDraft(threadId), signal),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
  });
}

/** `GET /api/cases/:caseId/thread-draft` or `GET /api/groups/:groupId/forum/thread-draft`. */
export function useThreadDraft(scope: DraftScope) {
  return useQuery<StoredDraft | null, ApiError>({
    queryKey: discussionKeys.threadDraft(scope),
    queryFn: ({ signal }) => readDraft(path.threadDraft(scope), signal),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
  });
}

/** Keeps or drops a draft on the server. */
export function saveDraft(
  target: { threadId: string } | { scope: DraftScope },
  draft: { title?: string; body: RichTextBody } | null,
): Promise<unknown> {
  const url =
    'threadId' in target ? path.replyDraft(target.threadId) : path.threadDraft(target.scope);
  return draft === null
    ? sendJson('DELETE', url, undefined, null)
    : sendJson('PUT', url, draft, null);
}

/* ------------------------------------------------------------------------ forum categories */

/** `GET /api/groups/:groupId/forum/categories`. */
export function useCategories(groupId: string) {
  return useQuery<ForumCategory[], ApiError>({
    queryKey: discussionKeys.categories(groupId),
    queryFn: async ({ signal }) =>
      (await getJson(path.categories(groupId), itemsOf(forumCategorySchema), { signal })).items,
    enabled: Boolean(groupId),
  });
}

/** Creates, renames or deletes a category (coordinators). */
export function useCategoryWrite(groupId: string) {
  const queryClient = useQueryClient();
  return useMutation<
    unknown,
    ApiError,
    | { kind: 'create'; name: string; description?: string }
    | { kind: 'rename'; categoryId: string; name: string; description?: string }
    | { kind: 'delete'; categoryId: string }
  >({
    mutationFn: (write) => {
      switch (write.kind) {
        case 'create':
          return sendJson(
            'POST',
            path.categories(groupId),
            { name: write.name, description: write.description ?? '' },
            forumCategorySchema,
          );
        case 'rename':
          return sendJson(
            'PATCH',
            path.category(write.categoryId),
            { name: write.name, description: write.description ?? '' },
            forumCategorySchema,
          );
        case 'delete':
          return sendJson('DELETE', path.category(write.categoryId), undefined, null);
      }
    },
    onSuccess: async (_answer, write) => {
      await queryClient.invalidateQueries({ queryKey: discussionKeys.categories(groupId) });
      if (write.kind === 'delete')
        await queryClient.invalidateQueries({
          queryKey: [...discussionKeys.threadLists(), 'forum', groupId],
        });
    },
  });
}

/* ----------------------------------------------------------------------------- moderation */

/** `GET /api/groups/:groupId/flags`: open flags (coordinators). */
export function useFlags(groupId: string, enabled: boolean) {
  return useQuery<Flag[], ApiError>({
    queryKey: discussionKeys.flags(groupId),
    queryFn: async ({ signal }) =>
      (await getJson(path.flags(groupId), itemsOf(flagSchema), { signal })).items,
    enabled: enabled && Boolean(groupId),
  });
}

/** `POST /api/flags/:flagId/resolve`: dismiss it, or hide the post. */
export function useResolveFlag(groupId: string) {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, { flag: Flag; action: 'dismiss' | 'hide' }>({
    mutationFn: ({ flag, action }) => sendJson('POST', path.resolveFlag(flag.id), { action }, null),
    onSuccess: (_nothing, { flag, action }) => {
      queryClient.setQueryData<Flag[]>(discussionKeys.flags(groupId), (flags) =>
        flags?.filter(
          (item) => item.id !== flag.id && (action === 'dismiss' || item.postId !== flag.postId),
        ),
      );
      void refetchPost(queryClient, flag.postId).catch(() => undefined);
    },
  });
}
