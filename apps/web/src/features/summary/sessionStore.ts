import { WebSocketStatus } from '@hocuspocus/provider';
import { COLLAB_FIELD } from '@technopolice/shared';
import { presentUsers, type PresentUser, type SummarySession } from './collaboration';

/** What the editor shows of a session: connection, sync, unsaved changes, scope, who is there. */
export interface SessionSnapshot {
  session: SummarySession | null;
  connected: boolean;
  synced: boolean;
  /** Synced once at least: a later disconnection is "offline", not "connecting". */
  everSynced: boolean;
  /** Changes sent and not yet acknowledged by the server. */
  unsynced: number;
  /** What the server granted; null before it answered. */
  scope: 'read-write' | 'readonly' | null;
  users: PresentUser[];
  /** The shared text holds nothing yet (no block, or one empty paragraph). */
  empty: boolean;
}

const CLOSED: SessionSnapshot = {
  session: null,
  connected: false,
  synced: false,
  everSynced: false,
  unsynced: 0,
  scope: null,
  users: [],
  empty: false,
};

/** Whether a Y.js summary holds nothing yet. */
export function fragmentIsEmpty(session: Pick<SummarySession, 'doc'>): boolean {
  const fragment = session.doc.getXmlFragment(COLLAB_FIELD);
  if (fragment.length === 0) return true;
  if (fragment.length > 1) return false;
  return fragment.get(0).length === 0;
}

/**
 * A co-editing session as an external store for `useSyncExternalStore`: the connection opens
 * with the first subscriber and closes with the last (so that React's double effects in
 * development open a fresh one, never leak one), and every change of the provider or of who
 * is there makes a new snapshot.
 */
export class SessionStore {
  private snapshot: SessionSnapshot = CLOSED;
  private readonly listeners = new Set<() => void>();
  private stop: (() => void) | null = null;
  private usersKey = '';

  constructor(
    private readonly open: () => SummarySession,
    private readonly close: (session: SummarySession) => void,
    /** The server refused the token (or the person). */
    private readonly onDenied: () => void,
  ) {}

  readonly getSnapshot = (): SessionSnapshot => this.snapshot;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.start();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.end();
    };
  };

  private update(change: Partial<SessionSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of this.listeners) listener();
  }

  private start(): void {
    const session = this.open();
    const { provider, awareness, doc } = session;
    const fragment = doc.getXmlFragment(COLLAB_FIELD);
    const onStatus = ({ status }: { status: WebSocketStatus }) =>
      this.update({ connected: status === WebSocketStatus.Connected });
    const onSynced = ({ state }: { state: boolean }) =>
      this.update({
        synced: state,
        everSynced: this.snapshot.everSynced || state,
        empty: fragmentIsEmpty(session),
      });
    const onUnsynced = ({ number }: { number: number }) => this.update({ unsynced: number });
    const onAuthenticated = ({ scope }: { scope: string }) =>
      this.update({ scope: scope === 'readonly' ? 'readonly' : 'read-write' });
    const onDisconnect = () => this.update({ connected: false, synced: false });
    const onFailed = () => this.onDenied();
    const onText = () => {
      const empty = fragmentIsEmpty(session);
      if (empty !== this.snapshot.empty) this.update({ empty });
    };
    const onAwareness = () => {
      const users = presentUsers(awareness);
      // Carets move all the time: only a change of who is there makes a new snapshot.
      const key = users.map((user) => `${user.id}:${user.name}:${user.colorIndex}`).join('|');
      if (key === this.usersKey) return;
      this.usersKey = key;
      this.update({ users });
    };
    provider.on('status', onStatus);
    provider.on('synced', onSynced);
    provider.on('unsyncedChanges', onUnsynced);
    provider.on('authenticated', onAuthenticated);
    provider.on('authenticationFailed', onFailed);
    provider.on('disconnect', onDisconnect);
    awareness.on('change', onAwareness);
    fragment.observeDeep(onText);
    this.usersKey = '';
    this.snapshot = {
      ...CLOSED,
      session,
      connected: provider.configuration.websocketProvider.status === WebSocketStatus.Connected,
      empty: fragmentIsEmpty(session),
    };
    onAwareness();
    this.stop = () => {
      provider.off('status', onStatus);
      provider.off('synced', onSynced);
      provider.off('unsyncedChanges', onUnsynced);
      provider.off('authenticated', onAuthenticated);
      provider.off('authenticationFailed', onFailed);
      provider.off('disconnect', onDisconnect);
      awareness.off('change', onAwareness);
      fragment.unobserveDeep(onText);
      this.close(session);
    };
  }

  private end(): void {
    this.stop?.();
    this.stop = null;
    this.snapshot = CLOSED;
  }
}

/** Where the connection stands, as the save status says it. */
export type SaveState = 'connecting' | 'loading' | 'saving' | 'saved' | 'offline' | 'denied';

/** The save status of a session's snapshot. */
export function saveStateOf(snapshot: SessionSnapshot, denied: boolean): SaveState {
  if (denied) return 'denied';
  if (!snapshot.connected) return snapshot.everSynced ? 'offline' : 'connecting';
  if (!snapshot.synced) return 'loading';
  return snapshot.unsynced > 0 ? 'saving' : 'saved';
}
