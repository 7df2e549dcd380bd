import { Injectable } from '@nestjs/common';
import {
  type CreateGroup,
  type Group,
  type GroupRole,
  type GroupSummary,
  type Member,
  type UpdateGroup,
} from '@technopolice/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor } from '../auth/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import { slugify } from '../common/slug.js';
import { GroupsRepository } from './groups.repository.js';
import { MembershipNotices } from './membership-notices.js';
import { canAdministerGroup } from './policies.js';

/** Groups and their members. Every method takes the actor and checks their membership itself. */
@Injectable()
export class GroupsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly groups: GroupsRepository,
    private readonly audit: AuditService,
    private readonly memberships: MembershipNotices,
  ) {}

  /** The actor's role in the group; a group they are not in does not exist for them (404). */
  async requireRole(
    tx: EntityManager,
    actor: Actor,
    groupId: string,
    forUpdate = false,
  ): Promise<GroupRole> {
    const role = await this.groups.roleOf(tx, groupId, actor.id, forUpdate);
    if (!role) throw new AppError('not_found', `No group ${groupId}.`);
    return role;
  }

  private async requireAdmin(tx: EntityManager, actor: Actor, groupId: string): Promise<void> {
    const role = await this.requireRole(tx, actor, groupId);
    if (!canAdministerGroup(role))
      throw new AppError('forbidden', 'Only the group’s admins may do this.');
  }

  async create(actor: Actor, input: CreateGroup): Promise<GroupSummary> {
    return this.dataSource.transaction(async (tx) => {
      const base = slugify(input.name);
      let slug = base;
      for (let n = 2; await this.groups.slugTaken(tx, slug); n++) slug = `${base}-${n}`;
      const [group] = await tx.query<{ id: string }[]>(
        'INSERT INTO groups (slug, name, description) VALUES ($1, $2, $3) RETURNING id',
        [slug, input.name, input.description ?? ''],
      );
      const id = group!.id;
      await tx.query(`INSERT INTO memberships (group_id, user_id, role) VALUES ($1, $2, 'admin')`, [
        id,
        actor.id,
      ]);
      await this.audit.record(tx, {
        type: 'group.created',
        actorId: actor.id,
        groupId: id,
        data: { name: input.name },
      });
      return { id, slug, name: input.name, role: 'admin' };
    });
  }

  list(actor: Actor): Promise<GroupSummary[]> {
    return this.groups.summariesFor(this.dataSource.manager, actor.id);
  }

  async get(actor: Actor, groupId: string): Promise<Group> {
    const group = await this.groups.findForMember(this.dataSource.manager, groupId, actor.id);
    if (!group) throw new AppError('not_found', `No group ${groupId}.`);
    return group;
  }

  async update(actor: Actor, groupId: string, patch: UpdateGroup): Promise<Group> {
    return this.dataSource.transaction(async (tx) => {
      await this.requireAdmin(tx, actor, groupId);
      await tx.query(
        `UPDATE groups SET name = COALESCE($2, name), description = COALESCE($3, description),
           approval_coordinators = COALESCE($4, approval_coordinators),
           approval_members = COALESCE($5, approval_members), updated_at = now() WHERE id = $1`,
        [
          groupId,
          patch.name ?? null,
          patch.description ?? null,
          patch.approvalRule?.coordinators ?? null,
          patch.approvalRule?.members ?? null,
        ],
      );
      await this.audit.record(tx, {
        type: 'group.updated',
        actorId: actor.id,
        groupId,
        data: { fields: Object.keys(patch) },
      });
      return (await this.groups.findForMember(tx, groupId, actor.id))!;
    });
  }

  async members(actor: Actor, groupId: string): Promise<Member[]> {
    return this.dataSource.transaction(async (tx) => {
      await this.requireRole(tx, actor, groupId);
      return this.groups.members(tx, groupId);
    });
  }

  /** Refuses to leave the group without an admin. */
  private async keepAnAdmin(
    tx: EntityManager,
    groupId: string,
    leavingAdmin: string,
  ): Promise<void> {
    const admins = await this.groups.lockAdmins(tx, groupId);
    if (admins.length === 1 && admins[0] === leavingAdmin) {
      throw new AppError(
        'last_admin',
        'A group always keeps an admin: make someone else admin first.',
      );
    }
  }

  async changeRole(
    actor: Actor,
    groupId: string,
    userId: string,
    role: GroupRole,
  ): Promise<Member> {
    return this.dataSource.transaction(async (tx) => {
      await this.requireAdmin(tx, actor, groupId);
      const current = await this.groups.roleOf(tx, groupId, userId, true);
      if (!current) throw new AppError('not_found', `No member ${userId} in this group.`);
      if (current === 'admin' && role !== 'admin') await this.keepAnAdmin(tx, groupId, userId);
      await tx.query('UPDATE memberships SET role = $3 WHERE group_id = $1 AND user_id = $2', [
        groupId,
        userId,
        role,
      ]);
      if (current !== role) {
        await this.audit.record(tx, {
          type: 'member.role-changed',
          actorId: actor.id,
          groupId,
          data: { userId, from: current, to: role },
        });
      }
      return (await this.groups.member(tx, groupId, userId))!;
    });
  }

  async removeMember(actor: Actor, groupId: string, userId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      if (userId === actor.id) {
        await this.leaveIn(tx, actor, groupId);
        return;
      }
      await this.requireAdmin(tx, actor, groupId);
      const current = await this.groups.roleOf(tx, groupId, userId, true);
      if (!current) throw new AppError('not_found', `No member ${userId} in this group.`);
      if (current === 'admin') await this.keepAnAdmin(tx, groupId, userId);
      await tx.query('DELETE FROM memberships WHERE group_id = $1 AND user_id = $2', [
        groupId,
        userId,
      ]);
      await this.audit.record(tx, {
        type: 'member.removed',
        actorId: actor.id,
        groupId,
        data: { userId, role: current },
      });
    });
    this.memberships.ended({ groupId, userId });
  }

  async leave(actor: Actor, groupId: string): Promise<void> {
    await this.dataSource.transaction((tx) => this.leaveIn(tx, actor, groupId));
    this.memberships.ended({ groupId, userId: actor.id });
  }

  private async leaveIn(tx: EntityManager, actor: Actor, groupId: string): Promise<void> {
    const role = await this.requireRole(tx, actor, groupId, true);
    if (role === 'admin') await this.keepAnAdmin(tx, groupId, actor.id);
    await tx.query('DELETE FROM memberships WHERE group_id = $1 AND user_id = $2', [
      groupId,
      actor.id,
    ]);
    await this.audit.record(tx, {
      type: 'member.left',
      actorId: actor.id,
      groupId,
      data: { role },
    });
  }

  async auditLog(actor: Actor, groupId: string) {
    await this.dataSource.transaction((tx) => this.requireAdmin(tx, actor, groupId));
    return this.audit.list({ groupId });
  }
}
