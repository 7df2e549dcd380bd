import { type GroupRole } from '@technopolice/shared';

/**
 * Who may do what in a group, as small pure functions. Not being a member at all is decided
 * before these run, and answers 404.
 */
const RANK: Record<GroupRole, number> = { admin: 3, coordinator: 2, member: 1 };

/** Rename the group, change roles, remove members, read the audit log. */
export const canAdministerGroup = (role: GroupRole) => role === 'admin';

/** Create and revoke invitations; only admins may invite admins. */
export const canInvite = (role: GroupRole, invitedRole: GroupRole) =>
  RANK[role] >= RANK.coordinator && RANK[invitedRole] <= RANK[role];

/** See the group's invitations. */
export const canSeeInvitations = (role: GroupRole) => RANK[role] >= RANK.coordinator;
