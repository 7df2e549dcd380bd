import { Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { type CaseNotice, CaseNotices } from '../cases/case-notices.js';
import { type RealtimeServer, type RealtimeSocket } from '../realtime/realtime.gateway.js';
import { DiscussionsService } from './discussions.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** One typing message per person and thread at most this often. */
const TYPING_INTERVAL_MS = 1000;

/**
 * Live discussions: committed threads and posts reach the room of their case (`case:<id>`, with
 * the case's seq) or of their group (`group:<id>`, the forum); notifications reach their
 * person's own room. Typing goes only to a room the typist is in.
 */
@WebSocketGateway({ serveClient: false })
export class DiscussionsGateway implements OnGatewayInit<RealtimeServer>, OnModuleDestroy {
  private server: RealtimeServer | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly logger = new Logger('DiscussionsGateway');
  private readonly lastTyping = new WeakMap<RealtimeSocket, Map<string, number>>();

  constructor(
    private readonly notices: CaseNotices,
    private readonly discussions: DiscussionsService,
  ) {}

  afterInit(server: RealtimeServer): void {
    this.server = server;
    this.unsubscribe = this.notices.subscribe((notice) => this.broadcast(notice));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  @SubscribeMessage('typing')
  async typing(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() raw: unknown) {
    if (typeof raw !== 'string' || !UUID.test(raw)) return;
    const threadId = raw.toLowerCase();
    const times = this.lastTyping.get(socket) ?? new Map<string, number>();
    this.lastTyping.set(socket, times);
    const now = Date.now();
    if (now - (times.get(threadId) ?? 0) < TYPING_INTERVAL_MS) return;
    times.set(threadId, now);
    try {
      const place = await this.discussions.typingRoom(socket.data.actor, threadId);
      if (!place) return;
      const room = place.caseId ? `case:${place.caseId}` : `group:${place.groupId}`;
      // Only a room the typist was let into: joining checked membership.
      if (!socket.rooms.has(room)) return;
      const { id, displayName } = socket.data.actor;
      socket.to(room).emit('typing', { threadId, caseId: place.caseId, user: { id, displayName } });
    } catch (error) {
      this.logger.warn(`typing failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private broadcast(notice: CaseNotice): void {
    const server = this.server;
    if (!server) return;
    switch (notice.kind) {
      case 'discussion': {
        const room = notice.caseId ? `case:${notice.caseId}` : `group:${notice.groupId}`;
        const base = {
          groupId: notice.groupId,
          caseId: notice.caseId,
          seq: notice.seq,
          threadId: notice.threadId,
        };
        const { change } = notice;
        const to = server.to(room);
        if (change.name === 'thread:created')
          to.emit(change.name, { ...base, thread: change.thread });
        else if (change.name === 'thread:updated')
          to.emit(change.name, { ...base, thread: change.thread, changes: change.changes });
        else if (change.name === 'post:created')
          to.emit(change.name, { ...base, post: change.post });
        else to.emit(change.name, { ...base, post: change.post, changes: change.changes });
        return;
      }
      case 'notification':
        server
          .to(`user:${notice.userId}`)
          .emit('notification', { notification: notice.notification, unread: notice.unread });
        return;
      case 'notifications-read':
        server
          .to(`user:${notice.userId}`)
          .emit('notifications:read', { ids: notice.ids, unread: notice.unread });
        return;
      case 'created':
      case 'updated':
      case 'event':
      case 'deleted':
      case 'document':
        // Cases' own notices: CasesGateway sends them.
        return;
    }
  }
}
