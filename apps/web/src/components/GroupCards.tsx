import type { GroupSummary } from '@technopolice/shared';
import { ChevronRight, UsersRound } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { useGroups } from '../lib/identity';
import { EmptyState } from './EmptyState';
import { QueryErrorState } from './ErrorState';
import { LoadingRegion, Skeleton } from './Loading';
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

/**
 * My groups as they load: skeletons, the failure with a retry, the empty state (whose body is
 * `empty`), or the cards.
 */
export function GroupList({
  groups,
  layout = 'grid',
  empty,
}: {
  groups: ReturnType<typeof useGroups>;
  layout?: 'grid' | 'list';
  empty: ReactNode;
}) {
  const { t } = useTranslation();
  if (groups.isPending) {
    return (
      <LoadingRegion label={t('groups.loading')}>
        <div className="group-grid">
          <Skeleton className="skeleton--card" />
          <Skeleton className="skeleton--card" />
        </div>
      </LoadingRegion>
    );
  }
  if (groups.isError) return <QueryErrorState query={groups} />;
  if (groups.data.length === 0) {
    return (
      <EmptyState icon={UsersRound} title={t('groups.emptyTitle')} headingLevel={3}>
        <p>{t('groups.emptyBody')}</p>
        {empty}
      </EmptyState>
    );
  }
  return <GroupCards groups={groups.data} layout={layout} />;
}
