import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  acceptedInvitationSchema,
  auditEventSchema,
  createdInvitationSchema,
  groupSchema,
  groupSummarySchema,
  invitationPreviewSchema,
  invitationSchema,
  meSchema,
  memberSchema,
  type AuditEvent,
  type CreateGroup,
  type CreateInvitation,
  type CreatedInvitation,
  type CreateUser,
  type Group,
  type GroupRole,
  type GroupSummary,
  type Invitation,
  type InvitationPreview,
  type Me,
  type Member,
  type UpdateGroup,
  type UpdateMe,
  type CreatedUser,
  createdUserSchema,
  type InstanceSettings,
  instanceSettingsSchema,
} from '@technopolice/shared';
import { type ApiError, getJson, itemsOf, sendJson } from './api';
import { useAuth } from './auth';
import { type AuthConfig, fetchAuthConfig, identityKeys } from './identityKeys';

export { type AuthConfig, type RegistrationMode, identityKeys } from './identityKeys';
export type { CreatedUser } from '@technopolice/shared';

const path = {
  group: (groupId: string) => `/api/groups/${encodeURIComponent(groupId)}`,
  invitation: (token: string) => `/api/invitations/${encodeURIComponent(token)}`,
};

/** `GET /api/auth/config` from the cache the AuthProvider filled. */
export function useAuthConfig() {
  return useQuery<AuthConfig, ApiError>({
    queryKey: identityKeys.authConfig,
    queryFn: ({ signal }) => fetchAuthConfig(signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** `GET /api/me`, only once signed in. */
export function useMe() {
  const { status } = useAuth();
  return useQuery<Me, ApiError>({
    queryKey: identityKeys.me,
    queryFn: ({ signal }) => getJson('/api/me', meSchema, { signal }),
    enabled: status === 'signed-in',
  });
}

export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation<Me, ApiError, UpdateMe>({
    mutationFn: (body) => sendJson('PATCH', '/api/me', body, meSchema),
    onSuccess: (me) => queryClient.setQueryData(identityKeys.me, me),
  });
}

/** `GET /api/groups`: my groups and my role in each. */
export function useGroups() {
  return useQuery<GroupSummary[], ApiError>({
    queryKey: identityKeys.groups,
    queryFn: async ({ signal }) =>
      (await getJson('/api/groups', itemsOf(groupSummarySchema), { signal })).items,
  });
}

export function useCreateGroup() {
  const queryClient = useQueryClient();
  return useMutation<GroupSummary, ApiError, CreateGroup>({
    mutationFn: (body) => sendJson('POST', '/api/groups', body, groupSummarySchema),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: identityKeys.groups, exact: true }),
        queryClient.invalidateQueries({ queryKey: identityKeys.me }),
      ]);
    },
  });
}

export function useGroup(groupId: string) {
  return useQuery<Group, ApiError>({
    queryKey: identityKeys.group(groupId),
    queryFn: ({ signal }) => getJson(path.group(groupId), groupSchema, { signal }),
  });
}

export function useUpdateGroup(groupId: string) {
  const queryClient = useQueryClient();
  return useMutation<Group, ApiError, UpdateGroup>({
    mutationFn: (body) => sendJson('PATCH', path.group(groupId), body, groupSchema),
    onSuccess: async (group) => {
      queryClient.setQueryData(identityKeys.group(groupId), group);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: identityKeys.groups, exact: true }),
        queryClient.invalidateQueries({ queryKey: identityKeys.me }),
        queryClient.invalidateQueries({ queryKey: identityKeys.groupAudit(groupId) }),
      ]);
    },
  });
}

export function useMembers(groupId: string) {
  return useQuery<Member[], ApiError>({
    queryKey: identityKeys.members(groupId),
    queryFn: async ({ signal }) =>
      (await getJson(`${path.group(groupId)}/members`, itemsOf(memberSchema), { signal })).items,
  });
}

/** After a change of membership: the members, the group (its count) and its journal. */
async function refreshMembership(queryClient: QueryClient, groupId: string) {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: identityKeys.members(groupId) }),
    queryClient.invalidateQueries({ queryKey: identityKeys.group(groupId), exact: true }),
    queryClient.invalidateQueries({ queryKey: identityKeys.groupAudit(groupId) }),
    queryClient.invalidateQueries({ queryKey: identityKeys.me }),
  ]);
}

export function useChangeMemberRole(groupId: string) {
  const queryClient = useQueryClient();
  return useMutation<Member, ApiError, { userId: string; role: GroupRole }>({
    mutationFn: ({ userId, role }) =>
      sendJson(
        'PATCH',
        `${path.group(groupId)}/members/${encodeURIComponent(userId)}`,
        { role },
        memberSchema,
      ),
    onSettled: () => refreshMembership(queryClient, groupId),
  });
}

export function useRemoveMember(groupId: string) {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, { userId: string }>({
    mutationFn: ({ userId }) =>
      sendJson(
        'DELETE',
        `${path.group(groupId)}/members/${encodeURIComponent(userId)}`,
        undefined,
        null,
      ),
    onSettled: () => refreshMembership(queryClient, groupId),
  });
}

export function useLeaveGroup(groupId: string) {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, void>({
    mutationFn: () => sendJson('POST', `${path.group(groupId)}/leave`, undefined, null),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: identityKeys.group(groupId) });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: identityKeys.groups, exact: true }),
        queryClient.invalidateQueries({ queryKey: identityKeys.me }),
      ]);
    },
  });
}

export function useInvitations(groupId: string, enabled = true) {
  return useQuery<Invitation[], ApiError>({
    queryKey: identityKeys.invitations(groupId),
    queryFn: async ({ signal }) =>
      (await getJson(`${path.group(groupId)}/invitations`, itemsOf(invitationSchema), { signal }))
        .items,
    enabled,
  });
}

export function useCreateInvitation(groupId: string) {
  const queryClient = useQueryClient();
  return useMutation<CreatedInvitation, ApiError, Required<CreateInvitation>>({
    mutationFn: (body) =>
      sendJson('POST', `${path.group(groupId)}/invitations`, body, createdInvitationSchema),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: identityKeys.invitations(groupId) }),
        queryClient.invalidateQueries({ queryKey: identityKeys.groupAudit(groupId) }),
      ]);
    },
  });
}

export function useRevokeInvitation(groupId: string) {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, { invitationId: string }>({
    mutationFn: ({ invitationId }) =>
      sendJson(
        'DELETE',
        `${path.group(groupId)}/invitations/${encodeURIComponent(invitationId)}`,
        undefined,
        null,
      ),
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: identityKeys.invitations(groupId) }),
        queryClient.invalidateQueries({ queryKey: identityKeys.groupAudit(groupId) }),
      ]);
    },
  });
}

export function useGroupAudit(groupId: string, enabled = true) {
  return useQuery<AuditEvent[], ApiError>({
    queryKey: identityKeys.groupAudit(groupId),
    queryFn: async ({ signal }) =>
      (await getJson(`${path.group(groupId)}/audit`, itemsOf(auditEventSchema), { signal })).items,
    enabled,
  });
}

/** `GET /api/invitations/:token`: public, what the link offers. */
export function useInvitationPreview(token: string) {
  return useQuery<InvitationPreview, ApiError>({
    queryKey: identityKeys.invitationPreview(token),
    queryFn: ({ signal }) =>
      getJson(path.invitation(token), invitationPreviewSchema, { signal, authenticated: false }),
  });
}

export function useAcceptInvitation(token: string) {
  const queryClient = useQueryClient();
  return useMutation<{ groupId: string; role: GroupRole }, ApiError, void>({
    mutationFn: () =>
      sendJson('POST', `${path.invitation(token)}/accept`, undefined, acceptedInvitationSchema),
    onSuccess: async ({ groupId }) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: identityKeys.groups, exact: true }),
        queryClient.invalidateQueries({ queryKey: identityKeys.me }),
        queryClient.invalidateQueries({ queryKey: identityKeys.group(groupId) }),
      ]);
    },
  });
}

export function useAdminSettings(enabled = true) {
  return useQuery<InstanceSettings, ApiError>({
    queryKey: identityKeys.adminSettings,
    queryFn: ({ signal }) => getJson('/api/admin/settings', instanceSettingsSchema, { signal }),
    enabled,
  });
}

export function useUpdateAdminSettings() {
  const queryClient = useQueryClient();
  return useMutation<InstanceSettings, ApiError, InstanceSettings>({
    mutationFn: (body) => sendJson('PATCH', '/api/admin/settings', body, instanceSettingsSchema),
    onSuccess: async (settings) => {
      queryClient.setQueryData(identityKeys.adminSettings, settings);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: identityKeys.authConfig }),
        queryClient.invalidateQueries({ queryKey: identityKeys.adminAudit }),
      ]);
    },
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation<CreatedUser, ApiError, CreateUser>({
    mutationFn: (body) => sendJson('POST', '/api/admin/users', body, createdUserSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: identityKeys.adminAudit }),
  });
}

export function useAdminAudit(enabled = true) {
  return useQuery<AuditEvent[], ApiError>({
    queryKey: identityKeys.adminAudit,
    queryFn: async ({ signal }) =>
      (await getJson('/api/admin/audit', itemsOf(auditEventSchema), { signal })).items,
    enabled,
  });
}
