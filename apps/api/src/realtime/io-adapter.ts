import { type INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { type Server, type ServerOptions } from 'socket.io';
import { type RedisClient } from './redis.js';

/** How long a dropped connection may come back and get what it missed from socket.io itself. */
const RECOVERY_MS = 2 * 60 * 1000;

/**
 * socket.io with connection-state recovery, and with Redis Streams between replicas when
 * scaled: unlike the Pub/Sub adapter, it keeps recovery working across replicas and survives a
 * short Redis outage without losing packets. `GET /api/cases/:caseId/events?after=` stays the
 * guarantee behind both.
 */
export class RealtimeIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly redis: RedisClient | null,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: Partial<ServerOptions>): Server {
    return super.createIOServer(port, {
      ...options,
      connectionStateRecovery: {
        maxDisconnectionDuration: RECOVERY_MS,
        // The handshake checks the token again, and rooms are checked again (CasesGateway).
        skipMiddlewares: false,
      },
      ...(this.redis ? { adapter: createAdapter(this.redis, { maxLen: 100_000 }) } : {}),
    } as ServerOptions);
  }
}
