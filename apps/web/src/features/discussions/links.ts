import { type Notification, notificationPath, type Thread } from '@technopolice/shared';

/**
 * Where a thread, a post or a notification lives in the app: a case's Discussions tab
 * (`?onglet=discussions&fil=<thread>`) or the forum (`/forum/<thread>`); `message=<post>` scrolls
 * to one post. Links can be shared: they open the same place for another member.
 */

/** The query parameter naming the open thread of a case. */
export const THREAD_PARAM = 'fil';
/** The query parameter naming the post to show. */
export const POST_PARAM = 'message';

export function caseThreadHref(caseId: string, threadId: string, postId?: string | null): string {
  const params = new URLSearchParams({ onglet: 'discussions', [THREAD_PARAM]: threadId });
  if (postId) params.set(POST_PARAM, postId);
  return `/dossiers/${encodeURIComponent(caseId)}?${params.toString()}`;
}

export function forumThreadHref(threadId: string, postId?: string | null): string {
  const query = postId ? `?${POST_PARAM}=${encodeURIComponent(postId)}` : '';
  return `/forum/${encodeURIComponent(threadId)}${query}`;
}

/** A thread wherever it is: its case's tab, or the forum. */
export function threadHref(thread: Pick<Thread, 'id' | 'caseId'>, postId?: string | null): string {
  return thread.caseId
    ? caseThreadHref(thread.caseId, thread.id, postId)
    : forumThreadHref(thread.id, postId);
}

/** The forum of a group. */
export function forumHref(groupId: string, categoryId?: string | null): string {
  const params = new URLSearchParams({ groupe: groupId });
  if (categoryId) params.set('categorie', categoryId);
  return `/forum?${params.toString()}`;
}

/** Where a notification takes its reader: the post, the document, the case (as the digest). */
export function notificationHref(notification: Notification): string {
  return notificationPath(notification);
}
