import type { CaseEvent, CaseSummary } from '../cases/index.js';
import type { CaseDocument } from '../documents/index.js';

/**
 * The socket.io event maps, used as socket.io's generics on both ends so that server and web
 * cannot drift. Features add their events here.
 */

/** What every event sent to a case room carries: the case's position in its event log. */
export interface CaseEventBase {
  caseId: string;
  seq: number;
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
}

/** Events a client sends. */
export interface ClientToServerEvents {
  'case:join': (caseId: string, ack: (answer: JoinAck) => void) => void;
  'case:leave': (caseId: string) => void;
  /** Follow a group's board: `case:created`, `case:updated`, `case:deleted` of all its cases. */
  'group:join': (groupId: string, ack: (answer: GroupJoinAck) => void) => void;
  'group:leave': (groupId: string) => void;
}

/** Answer to `group:join`. */
export type GroupJoinAck = { ok: true } | { ok: false; code: string };
