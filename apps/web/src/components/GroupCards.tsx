import type { GroupSummary } from '@technopolice/shared';
import { ChevronRight, UsersRound } from 'lucide-react';
import { Link } from 'react-router';
import { RoleBadge } from './RoleBadge';

/** My groups as cards linking to each group's page, with my role there. */
export function GroupCards({
  groups,
  layout = 'grid',
}: {
  groups: readonly GroupSummary[];
  layout?: 'grid' | 'list';
}) {
  return (
    <ul className={layout === 'list' ? 'group-grid group-grid--list' : 'group-grid'}>
      {groups.map((group) => (
        <li key={group.id}>
          <Link to={`/groupes/${group.id}`} className="group-card">
            <span className="group-card__icon" aria-hidden="true">
              <UsersRound size={20} strokeWidth={1.9} />
            </span>
            <span className="group-card__text">
              <span className="group-card__name">{group.name}</span>
              <RoleBadge role={group.role} />
            </span>
            <ChevronRight size={18} aria-hidden="true" className="group-card__chevron" />
          </Link>
        </li>
      ))}
    </ul>
  );
}
