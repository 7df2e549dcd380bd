import type { QueryClient } from '@tanstack/react-query';
import { getJson, type Schema } from './api';

/**
 * What the session and the identity queries share: the issuer's configuration and the cache
 * keys of the signed-in user's data.
 */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export const fail = (message: string) => ({ success: false as const, error: new Error(message) });

/** How accounts are created: through invitations only, open to all, or not here at all. */
export type RegistrationMode = 'invitation' | 'open' | 'none';

/** `GET /api/auth/config`: where keycloak-js finds the issuer. */
export interface AuthConfig {
  url: string;
  realm: string;
  clientId: string;
  registration: RegistrationMode;
}

const REGISTRATION_MODES: readonly string[] = ['invitation', 'open', 'none'];

export const authConfigSchema: Schema<AuthConfig> = {
  safeParse(data) {
    if (!isRecord(data)) return fail('not an object');
    const { url, realm, clientId, registration } = data;
    if (typeof url !== 'string' || typeof realm !== 'string' || typeof clientId !== 'string')
      return fail('url, realm and clientId must be strings');
    const mode = typeof registration === 'string' ? registration : 'none';
    if (!REGISTRATION_MODES.includes(mode)) return fail('unknown registration mode');
    return {
      success: true,
      data: { url, realm, clientId, registration: mode as RegistrationMode },
    };
  },
};

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
  for (const key of [identityKeys.me, identityKeys.groups, ['admin']]) {
    queryClient.removeQueries({ queryKey: key });
  }
}

export function fetchAuthConfig(signal?: AbortSignal): Promise<AuthConfig> {
  return getJson('/api/auth/config', authConfigSchema, { signal, authenticated: false });
}
