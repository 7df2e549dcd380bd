import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  type CreatedInvitation,
  type GroupRole,
  type Invitation,
  type InvitationPreview,
  type createInvitationSchema,
} from '@technopolice/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { type z } from 'zod';
import { type Actor } from '../auth/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { GroupsService } from './groups.service.js';
import { canInvite, canSeeInvitations } from './policies.js';

interface InvitationRow {
  id: string;
  group_id: string;
  role: GroupRole;
  max_uses: number | null;
  uses: number;
  expires_at: Date;
  revoked_at: Date | null;
  created_at: Date;
  created_by: string;
  creator_name: string;
}

type Problem = InvitationPreview['problem'];

/** Invitation tokens are shown once and stored only as a SHA-256 digest. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const SELECT = `SELECT i.id, i.group_id, i.role, i.max_uses, i.uses, i.expires_at, i.revoked_at, i.created_at, i.created_by,
                       u.display_name AS creator_name
                FROM invitations i JOIN users u ON u.id = i.created_by`;

function problemOf(
  row: Pick<InvitationRow, 'revoked_at' | 'expires_at' | 'max_uses' | 'uses'>,
  now = new Date(),
): Problem {
  if (row.revoked_at) return 'revoked';
  if (row.expires_at <= now) return 'expired';
  if (row.max_uses !== null && row.uses >= row.max_uses) return 'used_up';
  return null;
}

const PROBLEM_ERRORS = {
  expired: ['invitation_expired', 'This invitation has expired: ask the group for a new link.'],
  revoked: ['invitation_revoked', 'This invitation was revoked by the group.'],
  used_up: ['invitation_used_up', 'This invitation has already been used.'],
} as const;

function toInvitation(row: InvitationRow): Invitation {
  return {
    id: row.id,
    role: row.role,
    maxUses: row.max_uses,
    uses: row.uses,
    expiresAt: row.expires_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    createdBy: { id: row.created_by, displayName: row.creator_name },
  };
}

@Injectable()
export class InvitationsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly groups: GroupsService,
    private readonly audit: AuditService,
  ) {}

  async create(
    actor: Actor,
    groupId: string,
    input: z.output<typeof createInvitationSchema>,
  ): Promise<CreatedInvitation> {
    return this.dataSource.transaction(async (tx) => {
      const role = await this.groups.requireRole(tx, actor, groupId);
      if (!canInvite(role, input.role)) {
        throw new AppError(
          'forbidden',
          role === 'member'
            ? 'Only admins and coordinators may invite.'
            : 'Only admins may invite admins.',
        );
      }
      const token = randomBytes(24).toString('base64url');
      const [row] = await tx.query<{ id: string }[]>(
        `INSERT INTO invitations (group_id, token_hash, role, max_uses, expires_at, created_by)
         VALUES ($1, $2, $3, $4, now() + make_interval(days => $5), $6) RETURNING id`,
        [groupId, hashToken(token), input.role, input.maxUses, input.expiresInDays, actor.id],
      );
      await this.audit.record(tx, {
        type: 'invitation.created',
        actorId: actor.id,
        groupId,
        data: { invitationId: row!.id, role: input.role, maxUses: input.maxUses },
      });
      const invitation = toInvitation(
        (await tx.query<InvitationRow[]>(`${SELECT} WHERE i.id = $1`, [row!.id]))[0]!,
      );
      return { ...invitation, token, url: `${this.config.publicUrl}/invitations/${token}` };
    });
  }

  async list(actor: Actor, groupId: string): Promise<Invitation[]> {
    return this.dataSource.transaction(async (tx) => {
      const role = await this.groups.requireRole(tx, actor, groupId);
      if (!canSeeInvitations(role))
        throw new AppError('forbidden', 'Only admins and coordinators see invitations.');
      const rows = await tx.query<InvitationRow[]>(
        `${SELECT} WHERE i.group_id = $1 ORDER BY i.created_at DESC, i.id`,
        [groupId],
      );
      return rows.map(toInvitation);
    });
  }

  async revoke(actor: Actor, groupId: string, invitationId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const role = await this.groups.requireRole(tx, actor, groupId);
      const [row] = await tx.query<InvitationRow[]>(
        `${SELECT} WHERE i.id = $1 AND i.group_id = $2`,
        [invitationId, groupId],
      );
      if (!row) throw new AppError('not_found', `No invitation ${invitationId}.`);
      if (!canInvite(role, row.role))
        throw new AppError('forbidden', 'You may not revoke this invitation.');
      if (row.revoked_at) return;
      await tx.query('UPDATE invitations SET revoked_at = now() WHERE id = $1', [invitationId]);
      await this.audit.record(tx, {
        type: 'invitation.revoked',
        actorId: actor.id,
        groupId,
        data: { invitationId },
      });
    });
  }

  /** What a link offers, for a visitor who may not be signed in yet. */
  async preview(
    token: string,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<InvitationPreview> {
    const [row] = await tx.query<(InvitationRow & { group_name: string; group_slug: string })[]>(
      `SELECT i.role, i.max_uses, i.uses, i.expires_at, i.revoked_at, g.name AS group_name, g.slug AS group_slug
       FROM invitations i JOIN groups g ON g.id = i.group_id WHERE i.token_hash = $1`,
      [hashToken(token)],
    );
    if (!row) throw new AppError('not_found', 'No such invitation: check the link.');
    return {
      group: { name: row.group_name, slug: row.group_slug },
      role: row.role,
      expiresAt: row.expires_at.toISOString(),
      problem: problemOf(row),
    };
  }

  /** Whether a link may still be used (for registering through it). */
  async isUsable(token: string): Promise<boolean> {
    try {
      return (await this.preview(token)).problem === null;
    } catch {
      return false;
    }
  }

  async accept(actor: Actor, token: string): Promise<{ groupId: string; role: GroupRole }> {
    return this.dataSource.transaction(async (tx) => {
      const [row] = await tx.query<InvitationRow[]>(
        `SELECT id, group_id, role, max_uses, uses, expires_at, revoked_at FROM invitations WHERE token_hash = $1 FOR UPDATE`,
        [hashToken(token)],
      );
      if (!row) throw new AppError('not_found', 'No such invitation: check the link.');
      const existing = await tx.query<{ role: GroupRole }[]>(
        'SELECT role FROM memberships WHERE group_id = $1 AND user_id = $2',
        [row.group_id, actor.id],
      );
      if (existing[0]) return { groupId: row.group_id, role: existing[0].role };
      const problem = problemOf(row);
      if (problem) {
        const [code, message] = PROBLEM_ERRORS[problem];
        throw new AppError(code, message);
      }
      await tx.query('UPDATE invitations SET uses = uses + 1 WHERE id = $1', [row.id]);
      await tx.query('INSERT INTO memberships (group_id, user_id, role) VALUES ($1, $2, $3)', [
        row.group_id,
        actor.id,
        row.role,
      ]);
      await this.audit.record(tx, {
        type: 'member.joined',
        actorId: actor.id,
        groupId: row.group_id,
        data: { invitationId: row.id, role: row.role },
      });
      return { groupId: row.group_id, role: row.role };
    });
  }
}
