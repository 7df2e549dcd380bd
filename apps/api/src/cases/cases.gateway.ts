import { Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { type GroupJoinAck, type JoinAck } from '@technopolice/shared';
import { DataSource } from 'typeorm';
import { AppError } from '../common/app-error.js';
import { GroupsService } from '../groups/groups.service.js';
import { type MembershipEnded, MembershipNotices } from '../groups/membership-notices.js';
import { type RealtimeServer, type RealtimeSocket } from '../realtime/realtime.gateway.js';
import { type CaseNotice, CaseNotices } from './case-notices.js';
import { CasesService } from './cases.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const caseRoom = (caseId: string) => `case:${caseId}`;
const groupRoom = (groupId: string) => `group:${groupId}`;
const wantedBy = (socket: RealtimeSocket) => (socket.data.wanted ??= new Set());
/** How often at most a case's viewers are counted and told, per process. */
const PRESENCE_MS = 250;

/**
 * Live cases: a member joins the room of a case they may see (`case:join`) or of their group's
 * board (`group:join`); committed changes reach those rooms, and each case room is told who is
 * viewing it. Rooms and presence live in socket.io, so they work across replicas.
 */
@WebSocketGateway({ serveClient: false })
export class CasesGateway
  implements OnGatewayInit<RealtimeServer>, OnGatewayConnection, OnModuleDestroy
{
  private server: RealtimeServer | null = null;
  private readonly unsubscribe: (() => void)[] = [];
  private readonly logger = new Logger('CasesGateway');
  private readonly presenceState = new Map<string, { timer: NodeJS.Timeout | null }>();

  constructor(
    private readonly cases: CasesService,
    private readonly groups: GroupsService,
    private readonly dataSource: DataSource,
    private readonly notices: CaseNotices,
    private readonly memberships: MembershipNotices,
  ) {}

  afterInit(server: RealtimeServer): void {
    this.server = server;
    this.unsubscribe.push(
      this.notices.subscribe((notice) => this.broadcast(notice)),
      this.memberships.onEnded((ended) => this.background(this.evict(ended))),
    );
  }

  /** Work after the answer: a failure (the server closing, say) is logged, never unhandled. */
  private background(work: Promise<void>): void {
    work.catch((error: unknown) =>
      this.logger.warn(
        `live update failed: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
  }

  onModuleDestroy(): void {
    for (const stop of this.unsubscribe) stop();
    for (const state of this.presenceState.values()) if (state.timer) clearTimeout(state.timer);
  }

  /** A former member's sockets leave the group's rooms at once: nothing more reaches them. */
  private async evict({ groupId, userId }: MembershipEnded): Promise<void> {
    if (!this.server) return;
    const cases = await this.dataSource.query<{ id: string }[]>(
      'SELECT id FROM cases WHERE group_id = $1',
      [groupId],
    );
    const rooms = [groupRoom(groupId), ...cases.map((c) => caseRoom(c.id))];
    const sockets = await this.server.in(`user:${userId}`).fetchSockets();
    const left = new Set<string>();
    for (const socket of sockets) {
      for (const room of rooms) if (socket.rooms.has(room)) left.add(room);
    }
    this.server.in(`user:${userId}`).socketsLeave(rooms);
    for (const room of left) if (room.startsWith('case:')) this.presenceSoon(room.slice(5));
  }

  handleConnection(socket: RealtimeSocket): void {
    // A connection socket.io recovered comes back in its rooms and gets what it missed: check
    // that the person still belongs to each, as a fresh join would.
    if (socket.recovered) this.background(this.recheckRooms(socket));
    socket.on('disconnecting', () => {
      const rooms = [...socket.rooms].filter((room) => room.startsWith('case:'));
      // After the socket has left its rooms, tell each case who remains.
      socket.once('disconnect', () => {
        for (const room of rooms) this.presenceSoon(room.slice('case:'.length));
      });
    });
  }

  private async recheckRooms(socket: RealtimeSocket): Promise<void> {
    for (const room of [...socket.rooms]) {
      const [kind, id] = room.split(':') as [string, string | undefined];
      if (!id || (kind !== 'case' && kind !== 'group')) continue;
      const allowed =
        kind === 'case'
          ? (await this.cases.seqFor(socket.data.actor, id)) !== null
          : await this.groups.requireRole(this.dataSource.manager, socket.data.actor, id).then(
              () => true,
              (error: unknown) => {
                if (error instanceof AppError) return false;
                throw error;
              },
            );
      if (!allowed) await socket.leave(room);
    }
  }

  @SubscribeMessage('case:join')
  async joinCase(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() raw: unknown,
  ): Promise<JoinAck> {
    if (typeof raw !== 'string' || !UUID.test(raw)) return { ok: false, code: 'not_found' };
    const caseId = raw.toLowerCase();
    const room = caseRoom(caseId);
    const wanted = wantedBy(socket);
    wanted.add(room);
    if (!(await this.cases.seqFor(socket.data.actor, caseId))) {
      wanted.delete(room);
      return { ok: false, code: 'not_found' };
    }
    // Left (or went elsewhere) while the check ran: do not join behind their back.
    if (!wanted.has(room)) return { ok: false, code: 'left' };
    await socket.join(room);
    // Read the seq once in the room, and check again: nothing committed meanwhile is missed,
    // and a member removed meanwhile does not stay.
    const found = await this.cases.seqFor(socket.data.actor, caseId);
    if (!found) {
      wanted.delete(room);
      await socket.leave(room);
      return { ok: false, code: 'not_found' };
    }
    this.presenceSoon(caseId);
    return { ok: true, seq: found.seq };
  }

  @SubscribeMessage('case:leave')
  async leaveCase(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() raw: unknown) {
    if (typeof raw !== 'string') return;
    const room = caseRoom(raw.toLowerCase());
    wantedBy(socket).delete(room);
    if (!socket.rooms.has(room)) return;
    await socket.leave(room);
    this.presenceSoon(raw.toLowerCase());
  }

  @SubscribeMessage('group:join')
  async joinGroup(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() raw: unknown,
  ): Promise<GroupJoinAck> {
    if (typeof raw !== 'string' || !UUID.test(raw)) return { ok: false, code: 'not_found' };
    const groupId = raw.toLowerCase();
    const room = groupRoom(groupId);
    const wanted = wantedBy(socket);
    wanted.add(room);
    const member = () =>
      this.groups.requireRole(this.dataSource.manager, socket.data.actor, groupId).then(
        () => true,
        (error: unknown) => {
          if (error instanceof AppError) return false;
          throw error;
        },
      );
    if (!(await member())) {
      wanted.delete(room);
      return { ok: false, code: 'not_found' };
    }
    if (!wanted.has(room)) return { ok: false, code: 'left' };
    await socket.join(room);
    if (!(await member())) {
      wanted.delete(room);
      await socket.leave(room);
      return { ok: false, code: 'not_found' };
    }
    return { ok: true };
  }

  @SubscribeMessage('group:leave')
  async leaveGroup(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() raw: unknown) {
    if (typeof raw !== 'string') return;
    const room = groupRoom(raw.toLowerCase());
    wantedBy(socket).delete(room);
    await socket.leave(room);
  }

  /**
   * Who is viewing a case, told at most every PRESENCE_MS per case and process: a crowd joining
   * at once costs one look across the replicas and one message each, not one per person.
   */
  private presenceSoon(caseId: string): void {
    let state = this.presenceState.get(caseId);
    if (!state) {
      state = { timer: null };
      this.presenceState.set(caseId, state);
    }
    if (state.timer) return;
    state.timer = setTimeout(() => {
      state.timer = null;
      this.background(this.presence(caseId));
    }, PRESENCE_MS);
    state.timer.unref();
  }

  private async presence(caseId: string): Promise<void> {
    if (!this.server) return;
    const sockets = await this.server.in(caseRoom(caseId)).fetchSockets();
    const users = new Map<string, { id: string; displayName: string }>();
    for (const peer of sockets) {
      const { id, displayName } = peer.data.actor;
      users.set(id, { id, displayName });
    }
    const sorted = [...users.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
    this.server.to(caseRoom(caseId)).emit('presence', { caseId, users: sorted });
    if (!this.presenceState.get(caseId)?.timer) this.presenceState.delete(caseId);
  }

  private broadcast(notice: CaseNotice): void {
    const server = this.server;
    if (!server) return;
    switch (notice.kind) {
      case 'created':
        server.to(groupRoom(notice.groupId)).emit('case:created', {
          caseId: notice.summary.id,
          seq: notice.summary.seq,
          case: notice.summary,
        });
        return;
      case 'updated':
        server.to([groupRoom(notice.groupId), caseRoom(notice.summary.id)]).emit('case:updated', {
          caseId: notice.summary.id,
          seq: notice.summary.seq,
          case: notice.summary,
          changes: notice.changes,
        });
        return;
      case 'event':
        server.to(caseRoom(notice.caseId)).emit('case:event', {
          caseId: notice.caseId,
          seq: notice.event.seq,
          event: notice.event,
        });
        return;
      case 'deleted':
        server
          .to([groupRoom(notice.groupId), caseRoom(notice.caseId)])
          .emit('case:deleted', { caseId: notice.caseId, groupId: notice.groupId });
        return;
      case 'document': {
        // The log entry for the feed and catch-up, then the document itself for the lists.
        const room = server.to(caseRoom(notice.caseId));
        const base = { caseId: notice.caseId, seq: notice.event.seq };
        room.emit('case:event', { ...base, event: notice.event });
        const { change } = notice;
        if (change.name === 'document:deleted') {
          room.emit(change.name, { ...base, documentId: change.documentId });
        } else if (change.name === 'document:added') {
          room.emit(change.name, { ...base, document: change.document });
        } else {
          room.emit(change.name, { ...base, document: change.document, changes: change.changes });
        }
        return;
      }
      case 'discussion':
      case 'notification':
      case 'notifications-read':
        // Discussions' notices: DiscussionsGateway sends them.
        return;
    }
  }
}
