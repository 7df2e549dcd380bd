/**
 * Cache keys of the discussions and of the notification centre, apart from their clients (like
 * `identityKeys.ts`): the shell, on every page, reads some of them without the discussions'
 * client.
 */

/** Cache keys of the discussions data. Every thread list sits under `threadLists()`. */
export const discussionKeys = {
  all: ['discussions'] as const,
  threadLists: () => ['discussions', 'threads'] as const,
  caseThreads: (caseId: string) => ['discussions', 'threads', 'case', caseId] as const,
  forumThreads: (groupId: string, categoryId: string | null) =>
    ['discussions', 'threads', 'forum', groupId, categoryId ?? 'all'] as const,
  threads: () => ['discussions', 'thread'] as const,
  thread: (threadId: string) => ['discussions', 'thread', threadId] as const,
  postPages: () => ['discussions', 'posts'] as const,
  posts: (threadId: string) => ['discussions', 'posts', threadId] as const,
  revisions: (postId: string) => ['discussions', 'revisions', postId] as const,
  categories: (groupId: string) => ['discussions', 'categories', groupId] as const,
  caseSubscription: (caseId: string) => ['discussions', 'case-subscription', caseId] as const,
  unread: (groupId: string) => ['discussions', 'unread', groupId] as const,
  flags: (groupId: string) => ['discussions', 'flags', groupId] as const,
  threadDraft: (scope: DraftScope) =>
    ['discussions', 'thread-draft', scope.kind, scope.id] as const,
  replyDraft: (threadId: string) => ['discussions', 'reply-draft', threadId] as const,
};

/** Cache keys of the notification centre. */
export const notificationKeys = {
  list: ['notifications', 'list'] as const,
};

/** Where a new thread is written: a case, or a group's forum. */
export type DraftScope = { kind: 'case'; id: string } | { kind: 'forum'; id: string };
