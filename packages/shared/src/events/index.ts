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
  presence: (payload: { caseId: string; users: { id: string; displayName: string }[] }) => void;
}

/** Events a client sends. */
export interface ClientToServerEvents {
  'case:join': (caseId: string, ack: (answer: JoinAck) => void) => void;
}
