import { Injectable } from '@nestjs/common';
import { type AuditEvent, type AuditEventType } from '@technopolice/shared';
import { DataSource, type EntityManager } from 'typeorm';

interface AuditRow {
  id: string;
  type: AuditEventType;
  group_id: string | null;
  actor_id: string | null;
  actor_name: string | null;
  data: Record<string, unknown>;
  created_at: Date;
}

/** The security audit log: who did what, never from where (no IP address is ever kept). */
@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  /** Records an event inside the transaction of the change it describes. */
  async record(
    tx: EntityManager,
    event: {
      type: AuditEventType;
      actorId?: string | null;
      groupId?: string | null;
      data?: Record<string, unknown>;
    },
  ): Promise<void> {
    await tx.query(
      'INSERT INTO audit_events (type, actor_id, group_id, data) VALUES ($1, $2, $3, $4)',
      [event.type, event.actorId ?? null, event.groupId ?? null, JSON.stringify(event.data ?? {})],
    );
  }

  /** The newest events, of one group or (for instance admins) of the whole instance. */
  async list(scope: { groupId: string } | 'instance', limit = 200): Promise<AuditEvent[]> {
    const rows = await this.dataSource.query<AuditRow[]>(
      `SELECT e.id, e.type, e.group_id, e.actor_id, u.display_name AS actor_name, e.data, e.created_at
       FROM audit_events e LEFT JOIN users u ON u.id = e.actor_id
       WHERE ($1::uuid IS NULL OR e.group_id = $1)
       ORDER BY e.created_at DESC, e.id LIMIT $2`,
      [scope === 'instance' ? null : scope.groupId, limit],
    );
    return rows.map((row) => ({
      id: row.id,
      type: row.type,
      groupId: row.group_id,
      actor: row.actor_id ? { id: row.actor_id, displayName: row.actor_name ?? '' } : null,
      data: row.data,
      createdAt: row.created_at.toISOString(),
    }));
  }
}
