import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { groupUnreadQuery } from '../../lib/notifications';
import { useGroups } from '../../lib/identity';

/** Unread forum posts across my groups, beside "Forum" in the navigation. */
export function ForumUnreadBadge() {
  const { t } = useTranslation();
  const groups = useGroups();
  const summaries = useQueries({
    queries: (groups.data ?? []).map((group) => groupUnreadQuery(group.id)),
  });
  const count = summaries.reduce((sum, query) => sum + (query.data?.forum ?? 0), 0);
  if (count === 0) return null;
  return (
    <span className="nav__badge">
      <span aria-hidden="true">{count > 99 ? '99+' : count}</span>
      <span className="visually-hidden">{t('forum.unreadNav', { count })}</span>
    </span>
  );
}
