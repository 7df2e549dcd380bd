import type {
  AuditEvent,
  Group,
  GroupRole,
  Invitation,
  InvitationPreview,
  Member,
} from '@technopolice/shared';

/** Data shaped like the API's answers, to seed the query cache of page tests. */

export const GROUP_ID = '5b1e9c3a-2f4d-4e8a-9b6c-7d8e9f0a1b2c';
export const ME_ID = '0c6f3d1e-7b8a-4c1d-9e2f-3a4b5c6d7e8f';
export const RENARD_ID = '1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a';
export const HIBOU_ID = '2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b';

const DAY = 24 * 3600 * 1000;
export const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

export function aGroup(role: GroupRole, overrides: Partial<Group> = {}): Group {
  return {
    id: GROUP_ID,
    slug: 'technopolice-marseille',
    name: 'Technopolice Marseille',
    role,
    description: 'Vidéosurveillance algorithmique et drones à Marseille.',
    approvalRule: { coordinators: 1, members: 2 },
    memberCount: 3,
    createdAt: '2025-03-14T10:00:00.000Z',
    ...overrides,
  };
}

export function someMembers(myRole: GroupRole): Member[] {
  return [
    { userId: ME_ID, displayName: 'Camille', role: myRole, joinedAt: '2025-03-14T10:00:00.000Z' },
    {
      userId: RENARD_ID,
      displayName: 'Renard',
      role: 'coordinator',
      joinedAt: '2025-04-01T09:30:00.000Z',
    },
    {
      userId: HIBOU_ID,
      displayName: 'Hibou',
      role: 'member',
      joinedAt: '2025-05-20T18:00:00.000Z',
    },
  ];
}

function anInvitation(id: string, overrides: Partial<Invitation>): Invitation {
  return {
    id,
    role: 'member',
    maxUses: 1,
    uses: 0,
    expiresAt: inDays(5),
    revokedAt: null,
    createdAt: inDays(-2),
    createdBy: { id: ME_ID, displayName: 'Camille' },
    ...overrides,
  };
}

/** One invitation in each state: active, expired, revoked, used up. */
export const invitations: Invitation[] = [
  anInvitation('a0000000-0000-4000-8000-000000000001', { maxUses: null, uses: 3 }),
  anInvitation('a0000000-0000-4000-8000-000000000002', { expiresAt: inDays(-1) }),
  anInvitation('a0000000-0000-4000-8000-000000000003', {
    role: 'coordinator',
    revokedAt: inDays(-1),
  }),
  anInvitation('a0000000-0000-4000-8000-000000000004', { uses: 1 }),
];

export function aPreview(overrides: Partial<InvitationPreview> = {}): InvitationPreview {
  return {
    group: { name: 'Technopolice Marseille', slug: 'technopolice-marseille' },
    role: 'member',
    expiresAt: inDays(6),
    problem: null,
    ...overrides,
  };
}

export function anEvent(
  type: AuditEvent['type'],
  data: Record<string, unknown> = {},
  actor: AuditEvent['actor'] = { id: ME_ID, displayName: 'Camille' },
): AuditEvent {
  return {
    id: crypto.randomUUID(),
    type,
    groupId: GROUP_ID,
    actor,
    data,
    createdAt: '2025-06-01T12:00:00.000Z',
  };
}
