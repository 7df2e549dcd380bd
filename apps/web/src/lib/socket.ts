import type { ClientToServerEvents, ServerToClientEvents } from '@technopolice/shared';
import { useEffect, useRef, useState } from 'react';
import type { Socket } from 'socket.io-client';
import { currentToken } from './api';

/** The one socket of the page, typed by the shared event maps. */
export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

type SocketIo = typeof import('socket.io-client');

/**
 * socket.io-client loads once a page first listens: pages render without it, live updates
 * follow a moment later (it is not part of the first page's code, see the build's report).
 */
let library: Promise<SocketIo> | null = null;
let io: SocketIo['io'] | null = null;
let socket: AppSocket | null = null;

function loadLibrary(): Promise<SocketIo> {
  library ??= import('socket.io-client').then(
    (module) => {
      io = module.io;
      return module;
    },
    (error: unknown) => {
      // Offline at that moment: the next page that listens tries again.
      library = null;
      throw error;
    },
  );
  return library;
}

/**
 * The page's socket, connected on first use. The handshake asks for a fresh token on every
 * (re)connection, so a refreshed access token is picked up after a drop.
 */
function open(connect: SocketIo['io']): AppSocket {
  if (socket) return socket;
  const created: AppSocket = connect({
    path: '/socket.io',
    transports: ['websocket', 'polling'],
    auth: (callback) => {
      currentToken().then(
        (token) => callback({ token }),
        () => callback({}),
      );
    },
  });
  // A refused handshake (a token that expired while the laptop slept) is not retried by
  // socket.io itself: try again, with a fresh token, a little later each time.
  let delay = 1000;
  created.on('connect', () => (delay = 1000));
  created.on('connect_error', () => {
    if (created.active) return;
    setTimeout(() => {
      if (socket === created && !created.connected) created.connect();
    }, delay);
    delay = Math.min(delay * 2, 30_000);
  });
  socket = created;
  return created;
}

/**
 * The page's socket, or null while socket.io-client is still loading (asking starts the load):
 * for one-off signals, such as "I am typing", which rooms already opened the socket for.
 */
export function getSocket(): AppSocket | null {
  if (io) return open(io);
  void loadLibrary();
  return null;
}

/**
 * Runs `attach` on the page's socket (at once when socket.io-client is there, once it has loaded
 * otherwise) and what it returns on cleanup: the body of the room hooks' effects.
 */
function withSocket(attach: (target: AppSocket) => () => void): () => void {
  if (io) return attach(open(io));
  let detach: (() => void) | undefined;
  let active = true;
  loadLibrary().then(
    ({ io: connect }) => {
      if (active) detach = attach(open(connect));
    },
    // Offline when the page wanted it: no live updates, the page's data still loads by HTTP.
    () => undefined,
  );
  return () => {
    active = false;
    detach?.();
  };
}

/** Closes the socket (sign-out), the next use opens a new one. */
export function closeSocket(): void {
  socket?.disconnect();
  socket = null;
}

type Listeners = { [E in keyof ServerToClientEvents]?: ServerToClientEvents[E] };

function useLatest<T>(value: T) {
  const ref = useRef(value);
  useEffect(() => {
    ref.current = value;
  });
  return ref;
}

function forward(
  target: AppSocket,
  name: keyof ServerToClientEvents,
  listeners: React.RefObject<Listeners>,
): () => void {
  const handler = (payload: unknown) => {
    const listener = listeners.current[name] as ((payload: unknown) => void) | undefined;
    listener?.(payload);
  };
  // socket.io's typed `on` cannot relate an event name held in a variable to its listener.
  const untyped = target as unknown as Socket;
  untyped.on(name, handler);
  return () => untyped.off(name, handler);
}

function listen(target: AppSocket, listeners: React.RefObject<Listeners>) {
  const off = [
    forward(target, 'case:created', listeners),
    forward(target, 'case:updated', listeners),
    forward(target, 'case:deleted', listeners),
    forward(target, 'case:event', listeners),
    forward(target, 'document:added', listeners),
    forward(target, 'document:updated', listeners),
    forward(target, 'document:deleted', listeners),
    forward(target, 'presence', listeners),
    forward(target, 'thread:created', listeners),
    forward(target, 'thread:updated', listeners),
    forward(target, 'post:created', listeners),
    forward(target, 'post:updated', listeners),
    forward(target, 'typing', listeners),
  ];
  return () => {
    for (const stop of off) stop();
  };
}

/**
 * Follows a group's board while mounted: joins `group:<id>` (again after every reconnect) and
 * calls the listeners; `onResync` runs after a reconnect, when events may have been missed.
 */
export function useGroupRoom(
  groupId: string | undefined,
  listeners: Listeners & { onResync?: () => void },
): { live: boolean } {
  const latest = useLatest(listeners);
  const [live, setLive] = useState(false);
  useEffect(() => {
    if (!groupId) return undefined;
    return withSocket((target) => {
      let joinedOnce = false;
      const join = () => {
        target.emit('group:join', groupId, (answer) => {
          setLive(answer.ok);
          if (answer.ok && joinedOnce) latest.current.onResync?.();
          joinedOnce = true;
        });
      };
      const lost = () => setLive(false);
      const stop = listen(target, latest);
      target.on('connect', join);
      target.on('disconnect', lost);
      if (target.connected) join();
      return () => {
        stop();
        target.off('connect', join);
        target.off('disconnect', lost);
        target.emit('group:leave', groupId);
      };
    });
  }, [groupId, latest]);
  return { live };
}

/**
 * Follows a case while mounted: joins `case:<id>`, reports who else is viewing it, and calls
 * `onGap(lastSeq)` when the server's `seq` shows that events were missed (after a reconnect).
 */
export function useCaseRoom(
  caseId: string | undefined,
  listeners: Listeners & { onGap?: (afterSeq: number) => void },
): { live: boolean; viewers: { id: string; displayName: string }[] } {
  const latest = useLatest(listeners);
  const [live, setLive] = useState(false);
  const [viewers, setViewers] = useState<{ id: string; displayName: string }[]>([]);
  useEffect(() => {
    if (!caseId) return undefined;
    return withSocket((target) => {
      let lastSeq: number | null = null;
      const seen = (event: { caseId: string | null; seq: number | null }) => {
        if (event.caseId !== caseId || event.seq === null) return;
        if (lastSeq !== null && event.seq > lastSeq + 1) latest.current.onGap?.(lastSeq);
        lastSeq = Math.max(lastSeq ?? 0, event.seq);
      };
      const join = () => {
        target.emit('case:join', caseId, (answer) => {
          setLive(answer.ok);
          if (!answer.ok) return;
          if (lastSeq !== null && answer.seq > lastSeq) latest.current.onGap?.(lastSeq);
          lastSeq = answer.seq;
        });
      };
      const onPresence = (payload: {
        caseId: string;
        users: { id: string; displayName: string }[];
      }) => {
        if (payload.caseId === caseId) setViewers(payload.users);
      };
      const onEvent = (payload: { caseId: string | null; seq: number | null }) => seen(payload);
      const lost = () => setLive(false);
      const stop = listen(target, latest);
      // Document and discussion events carry the case's seq too (the same seq as their
      // `case:event`, if any).
      const tracked = [
        'case:event',
        'document:added',
        'document:updated',
        'document:deleted',
        'thread:created',
        'thread:updated',
        'post:created',
        'post:updated',
      ] as const;
      target.on('presence', onPresence);
      for (const name of tracked) target.on(name, onEvent);
      target.on('connect', join);
      target.on('disconnect', lost);
      if (target.connected) join();
      return () => {
        stop();
        target.off('presence', onPresence);
        for (const name of tracked) target.off(name, onEvent);
        target.off('connect', join);
        target.off('disconnect', lost);
        target.emit('case:leave', caseId);
        setViewers([]);
      };
    });
  }, [caseId, latest]);
  return { live, viewers };
}

type PersonalEvents = Pick<ServerToClientEvents, 'notification' | 'notifications:read'>;

/**
 * Listens to what the server sends to me alone (my notifications), on every page while signed
 * in: the server puts each of my sockets in my own room when it connects.
 */
export function usePersonalEvents(
  enabled: boolean,
  listeners: { [E in keyof PersonalEvents]?: PersonalEvents[E] } & { onResync?: () => void },
): void {
  const latest = useLatest(listeners);
  useEffect(() => {
    if (!enabled) return undefined;
    return withSocket((target) => {
      let connectedOnce = target.connected;
      const onNotification: PersonalEvents['notification'] = (payload) =>
        latest.current.notification?.(payload);
      const onRead: PersonalEvents['notifications:read'] = (payload) =>
        latest.current['notifications:read']?.(payload);
      // What was sent while the socket was away is read again.
      const onConnect = () => {
        if (connectedOnce) latest.current.onResync?.();
        connectedOnce = true;
      };
      target.on('notification', onNotification);
      target.on('notifications:read', onRead);
      target.on('connect', onConnect);
      return () => {
        target.off('notification', onNotification);
        target.off('notifications:read', onRead);
        target.off('connect', onConnect);
      };
    });
  }, [enabled, latest]);
}
