import type { Me } from '@technopolice/shared';

/** Coordinators and admins of a group moderate its discussions. */
export function canModerate(me: Me | undefined, groupId: string): boolean {
  const role = me?.groups.find((group) => group.id === groupId)?.role;
  return role === 'admin' || role === 'coordinator';
}
