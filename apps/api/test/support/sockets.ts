import { type ClientToServerEvents, type ServerToClientEvents } from '@technopolice/shared';
import { io, type Socket } from 'socket.io-client';

/** A socket.io client typed with the shared event maps. */
export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Payload<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>[0];

/** Connects with `token` over WebSocket, without reconnecting unless asked; closed by `opened`. */
export async function connectSocket(
  url: string,
  token: string,
  opened: ClientSocket[],
  options: { reconnection?: boolean } = {},
): Promise<ClientSocket> {
  const socket: ClientSocket = io(url, {
    auth: { token },
    transports: ['websocket'],
    reconnection: options.reconnection ?? false,
  });
  opened.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

/** The next `event` on `socket` that `match`es, or a rejection after `timeoutMs`. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  event: E,
  match: (payload: Payload<E>) => boolean = () => true,
  timeoutMs = 5000,
): Promise<Payload<E>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event}`)), timeoutMs);
    // socket.io's typed `on` cannot relate a generic event name to its listener.
    const untyped = socket as unknown as Socket<Record<string, (payload: unknown) => void>>;
    const name: string = event;
    const listener = (payload: unknown) => {
      if (!match(payload as Payload<E>)) return;
      clearTimeout(timer);
      untyped.off(name, listener);
      resolve(payload as Payload<E>);
    };
    untyped.on(name, listener);
  });
}
