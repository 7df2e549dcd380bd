import type { Group } from '@technopolice/shared';
import { useOutletContext } from 'react-router';

/** What the group page hands to its sections. */
export interface GroupContext {
  group: Group;
  /** Changes roles, removes members, edits the group, reads its journal. */
  isAdmin: boolean;
  /** Admins and coordinators invite. */
  canInvite: boolean;
}

export function useGroupContext(): GroupContext {
  return useOutletContext<GroupContext>();
}
