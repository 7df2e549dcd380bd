import { GROUP_ROLES, type GroupRole } from '@technopolice/shared';
import { useLabel } from '../i18n';

/** A member's role in a group, labelled from the shared taxonomy. */
export function RoleBadge({ role }: { role: GroupRole }) {
  const label = useLabel();
  return (
    <span className="role-badge" data-role={role}>
      {label(GROUP_ROLES[role])}
    </span>
  );
}
