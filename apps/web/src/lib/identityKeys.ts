import { closeSocket } from './socket';
import type { QueryClient } from '@tanstack/react-query';
import { type AuthConfig, authConfigSchema } from '@technopolice/shared';
import { getJson } from './api';

/**
 * What the session and the identity queries share: the issuer's configuration and the cache
 * keys of the signed-in user's data.
 */

export type { AuthConfig, RegistrationMode } from '@technopolice/shared';

/** Cache keys of the identity data; everything below `groups` belongs to the signed-in user. */
export const identityKeys = {
  authConfig: ['auth-config'] as const,
  me: ['me'] as const,
  groups: ['groups'] as const,
  group: (groupId: string) => ['groups', groupId] as const,
  members: (groupId: string) => ['groups', groupId, 'members'] as const,
  invitations: (groupId: string) => ['groups', groupId, 'invitations'] as const,
  groupAudit: (groupId: string) => ['groups', groupId, 'audit'] as const,
  invitationPreview: (token: string) => ['invitation-preview', token] as const,
  adminSettings: ['admin', 'settings'] as const,
  adminAudit: ['admin', 'audit'] as const,
};

/** Forgets everything that belonged to the signed-in user. */
export function forgetUserData(queryClient: QueryClient): void {
  // Everything a member may see of their groups goes: the next person on this browser starts
  // from nothing (cases, their events, communes searched).
  for (const key of [identityKeys.me, identityKeys.groups, ['admin'], ['cases'], ['cities']]) {
    queryClient.removeQueries({ queryKey: key });
  }
  closeSocket();
}

export function fetchAuthConfig(signal?: AbortSignal): Promise<AuthConfig> {
  return getJson('/api/auth/config', authConfigSchema, { signal, authenticated: false });
}
