import type { Notification, Post, Thread } from '@technopolice/shared';
import { GROUP_ID, HIBOU_ID, ME_ID, RENARD_ID } from '../../test/fixtures';
import { CASE_ID, hoursAgo } from '../case-page/fixtures';
import { textDoc } from './doc';

/** Threads, posts and notifications shaped like the discussions API answers them. */

export { CASE_ID };

export const THREAD_CADA = 'e0000000-0000-4000-8000-000000000001';
export const THREAD_PINNED = 'e0000000-0000-4000-8000-000000000002';
export const THREAD_LOCKED = 'e0000000-0000-4000-8000-000000000003';
export const FORUM_THREAD = 'e0000000-0000-4000-8000-000000000004';

export const me = { id: ME_ID, displayName: 'Camille' };
export const renard = { id: RENARD_ID, displayName: 'Renard' };
export const hibou = { id: HIBOU_ID, displayName: 'Hibou' };

export function aThread(overrides: Partial<Thread> = {}): Thread {
  return {
    id: THREAD_CADA,
    groupId: GROUP_ID,
    caseId: CASE_ID,
    categoryId: null,
    title: 'Relancer la mairie pour la demande CADA',
    author: renard,
    pinned: false,
    locked: false,
    hidden: false,
    postCount: 3,
    lastSeq: 3,
    lastPostAt: hoursAgo(1),
    lastAuthor: hibou,
    createdAt: hoursAgo(30),
    unread: 0,
    lastReadSeq: 3,
    subscription: 'normal',
    ...overrides,
  };
}

/** A post id from its thread's seq, so that tests name posts by their place. */
export const postId = (seq: number, thread = 0) =>
  `f1000000-0000-4000-8000-${String(thread * 1000 + seq).padStart(12, '0')}`;

export function aPost(seq: number, overrides: Partial<Post> = {}): Post {
  const text = overrides.body === undefined ? `Message numéro ${seq}` : '';
  return {
    id: postId(seq),
    threadId: THREAD_CADA,
    seq,
    author: renard,
    body: textDoc(text),
    html: `<p>${text}</p>`,
    createdAt: hoursAgo(10 - seq),
    editedAt: null,
    version: 1,
    deleted: false,
    hidden: false,
    hiddenReason: null,
    replyTo: null,
    reactions: [],
    flags: 0,
    ...overrides,
  };
}

export function aNotification(overrides: Partial<Notification> = {}): Notification {
  return {
    id: 'a1000000-0000-4000-8000-000000000001',
    kind: 'mention',
    groupId: GROUP_ID,
    caseId: CASE_ID,
    threadId: THREAD_CADA,
    postId: postId(2),
    documentId: null,
    actor: renard,
    title: 'Relancer la mairie pour la demande CADA',
    excerpt: '@Camille peux-tu appeler le service juridique ?',
    createdAt: hoursAgo(1),
    readAt: null,
    ...overrides,
  };
}
