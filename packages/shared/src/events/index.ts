import type { CaseEvent, CaseSummary } from '../cases/index.js';
import type { CaseDocument } from '../documents/index.js';
import type { Notification, Person, Post, Thread } from '../discussions/index.js';

/**
 * The socket.io event maps, used as socket.io's generics on both ends so that server and web
 * cannot drift. Features add their events here.
 */

/** What every event sent to a case room carries: the case's position in its event log. */
export interface CaseEventBase {
  caseId: string;
  seq: number;
}

/**
 * What every discussion event carries: where the thread lives, and for a case thread the case's
 * `seq` (forum threads have no case log: `seq` is `null`, and a client refetches on reconnect).
 */
export interface DiscussionEventBase {
  groupId: string;
  caseId: string | null;
  seq: number | null;
  threadId: string;
}

/** Answer to `case:join`. */
export type JoinAck = { ok: true; seq: number } | { ok: false; code: string };

/** Events the server sends. */
export interface ServerToClientEvents {
  /** Who is viewing the case now, sent to its room whenever someone comes or goes. */
  presence: (payload: { caseId: string; users: { id: string; displayName: string }[] }) => void;
  /** A new case, to its group's room (board viewers). */
  'case:created': (payload: CaseEventBase & { case: CaseSummary }) => void;
  /** Facts or stage changed, to the group's room and the case's room. */
  'case:updated': (payload: CaseEventBase & { case: CaseSummary; changes: string[] }) => void;
  /** A case was deleted, to the group's room and the case's room. */
  'case:deleted': (payload: { caseId: string; groupId: string }) => void;
  /** Any entry of the case's event log (tasks, timeline, facts), to the case's room. */
  'case:event': (payload: CaseEventBase & { event: CaseEvent }) => void;
  /** A document was attached to the case, to the case's room. */
  'document:added': (payload: CaseEventBase & { document: CaseDocument }) => void;
  /** A document's metadata or text changed (`changes` names what: `text`, `title`…). */
  'document:updated': (
    payload: CaseEventBase & { document: CaseDocument; changes: string[] },
  ) => void;
  /** A document was removed from the case. */
  'document:deleted': (payload: CaseEventBase & { documentId: string }) => void;
  /** A new thread, to its case's room (or its group's room for the forum). */
  'thread:created': (payload: DiscussionEventBase & { thread: Thread }) => void;
  /**
   * A thread renamed, pinned, locked, hidden, moved (`changes` says which) or with a new post
   * (`posts`). The thread's reading state (`unread`, `lastReadSeq`, `subscription`) is the
   * receiver's to keep: the server sends zeros and `normal`.
   */
  'thread:updated': (payload: DiscussionEventBase & { thread: Thread; changes: string[] }) => void;
  /** A new post, to the room of its thread's case or group. */
  'post:created': (payload: DiscussionEventBase & { post: Post }) => void;
  /**
   * A post edited (`body`), deleted, hidden or shown, reacted to (`reactions`), flagged (`flags`)
   * or moved to another thread (`moved`: `post.threadId` is the new one, `threadId` the old one).
   */
  'post:updated': (payload: DiscussionEventBase & { post: Post; changes: string[] }) => void;
  /** Someone is typing in a thread (sent at most every few seconds while they type). */
  typing: (payload: { threadId: string; caseId: string | null; user: Person }) => void;
  /** A new entry of the receiver's notification centre, to their own room. */
  notification: (payload: { notification: Notification; unread: number }) => void;
  /** Notifications were read (on another tab or device): the new unread count. */
  'notifications:read': (payload: { ids: string[] | 'all'; unread: number }) => void;
}

/** Events a client sends. */
export interface ClientToServerEvents {
  'case:join': (caseId: string, ack: (answer: JoinAck) => void) => void;
  'case:leave': (caseId: string) => void;
  /** Follow a group's board: `case:created`, `case:updated`, `case:deleted` of all its cases. */
  'group:join': (groupId: string, ack: (answer: GroupJoinAck) => void) => void;
  'group:leave': (groupId: string) => void;
  /** I am typing in this thread (a room I am in): the others in the room are told. */
  typing: (threadId: string) => void;
}

/** Answer to `group:join`. */
export type GroupJoinAck = { ok: true } | { ok: false; code: string };
