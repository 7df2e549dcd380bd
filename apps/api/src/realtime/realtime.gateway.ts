import { type OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import { type ClientToServerEvents, type ServerToClientEvents } from '@technopolice/shared';
import { type Server, type Socket } from 'socket.io';
import { type Actor } from '../auth/actor.js';
import { TokenVerifier } from '../auth/token-verifier.js';
import { AppError } from '../common/app-error.js';
import { UsersService } from '../users/users.service.js';

export interface SocketData {
  actor: Actor;
  /** Rooms the client asked for and has not left: a join still being checked may go ahead. */
  wanted?: Set<string>;
}

export type RealtimeServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
export type RealtimeSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

/**
 * The socket.io endpoint. Its handshake checks the same access token as HTTP routes, with the
 * same verifier: a bad or expired token never gets a connection. Each person joins their own
 * room `user:<id>`; features add their rooms (`case:<id>`, `group:<id>`).
 */
@WebSocketGateway({ serveClient: false })
export class RealtimeGateway implements OnGatewayInit<RealtimeServer> {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly users: UsersService,
  ) {}

  afterInit(server: RealtimeServer): void {
    server.use((socket: RealtimeSocket, next) => {
      this.authenticate(socket).then(
        () => next(),
        (error: unknown) => {
          const refusal = new Error(
            error instanceof AppError ? error.message : 'The handshake was refused.',
          ) as Error & {
            data: { code: string };
          };
          refusal.data = { code: error instanceof AppError ? error.code : 'unauthorized' };
          next(refusal);
        },
      );
    });
  }

  private async authenticate(socket: RealtimeSocket): Promise<void> {
    const token = (socket.handshake.auth as { token?: unknown }).token;
    if (typeof token !== 'string' || token === '') {
      throw new AppError('unauthorized', 'Sign in first: the handshake needs auth.token.');
    }
    const local = socket.request.socket;
    const verified = await this.verifier.verify(
      token,
      local.localAddress && local.localPort
        ? { address: local.localAddress, port: local.localPort }
        : null,
    );
    socket.data.actor = await this.users.resolve(verified);
    // Checked: the token stays out of what other replicas see of this socket (fetchSockets).
    socket.handshake.auth = {};
    await socket.join(`user:${socket.data.actor.id}`);
  }
}
