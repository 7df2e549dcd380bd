import { Injectable } from '@nestjs/common';
import { type Group, type GroupRole, type GroupSummary, type Member } from '@technopolice/shared';
import { type EntityManager } from 'typeorm';

interface GroupRow {
  id: string;
  slug: string;
  name: string;
  description: string;
  role: GroupRole;
  member_count: string;
  approval_coordinators: number;
  approval_members: number;
  created_at: Date;
}

interface MemberRow {
  user_id: string;
  display_name: string;
  role: GroupRole;
  joined_at: Date;
}

/** The queries of groups and memberships. Every read of a group goes through a membership. */
@Injectable()
export class GroupsRepository {
  async summariesFor(tx: EntityManager, userId: string): Promise<GroupSummary[]> {
    return tx.query<GroupSummary[]>(
      `SELECT g.id, g.slug, g.name, m.role FROM memberships m JOIN groups g ON g.id = m.group_id
       WHERE m.user_id = $1 ORDER BY lower(g.name), g.id`,
      [userId],
    );
  }

  /** The group as `userId` sees it, or null when they are not a member (or it does not exist). */
  async findForMember(tx: EntityManager, groupId: string, userId: string): Promise<Group | null> {
    const [row] = await tx.query<GroupRow[]>(
      `SELECT g.id, g.slug, g.name, g.description, m.role, g.created_at,
              g.approval_coordinators, g.approval_members,
              (SELECT count(*) FROM memberships c WHERE c.group_id = g.id) AS member_count
       FROM groups g JOIN memberships m ON m.group_id = g.id AND m.user_id = $2
       WHERE g.id = $1`,
      [groupId, userId],
    );
    return row
      ? {
          id: row.id,
          slug: row.slug,
          name: row.name,
          description: row.description,
          role: row.role,
          memberCount: Number(row.member_count),
          approvalRule: { coordinators: row.approval_coordinators, members: row.approval_members },
          createdAt: row.created_at.toISOString(),
        }
      : null;
  }

  /** The role of `userId` in the group, locking the membership row for the transaction. */
  async roleOf(
    tx: EntityManager,
    groupId: string,
    userId: string,
    forUpdate = false,
  ): Promise<GroupRole | null> {
    const [row] = await tx.query<{ role: GroupRole }[]>(
      `SELECT role FROM memberships WHERE group_id = $1 AND user_id = $2${forUpdate ? ' FOR UPDATE' : ''}`,
      [groupId, userId],
    );
    return row?.role ?? null;
  }

  async members(tx: EntityManager, groupId: string): Promise<Member[]> {
    const rows = await tx.query<MemberRow[]>(
      `SELECT m.user_id, u.display_name, m.role, m.joined_at FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.group_id = $1 ORDER BY CASE m.role WHEN 'admin' THEN 0 WHEN 'coordinator' THEN 1 ELSE 2 END, lower(u.display_name), m.user_id`,
      [groupId],
    );
    return rows.map(toMember);
  }

  async member(tx: EntityManager, groupId: string, userId: string): Promise<Member | null> {
    const [row] = await tx.query<MemberRow[]>(
      `SELECT m.user_id, u.display_name, m.role, m.joined_at FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.group_id = $1 AND m.user_id = $2`,
      [groupId, userId],
    );
    return row ? toMember(row) : null;
  }

  /** Locks the group's admin memberships and counts them: the last admin cannot go. */
  async lockAdmins(tx: EntityManager, groupId: string): Promise<string[]> {
    const rows = await tx.query<{ user_id: string }[]>(
      `SELECT user_id FROM memberships WHERE group_id = $1 AND role = 'admin' FOR UPDATE`,
      [groupId],
    );
    return rows.map((row) => row.user_id);
  }

  async slugTaken(tx: EntityManager, slug: string): Promise<boolean> {
    const rows = await tx.query<unknown[]>('SELECT 1 FROM groups WHERE slug = $1', [slug]);
    return rows.length > 0;
  }
}

function toMember(row: MemberRow): Member {
  return {
    userId: row.user_id,
    displayName: row.display_name,
    role: row.role,
    joinedAt: row.joined_at.toISOString(),
  };
}
