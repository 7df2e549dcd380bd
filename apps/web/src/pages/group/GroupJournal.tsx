import { useTranslation } from 'react-i18next';
import { AuditLog } from '../../components/AuditLog';
import { QueryErrorState } from '../../components/ErrorState';
import { LoadingRegion, Skeleton } from '../../components/Loading';
import { useGroupAudit, useMembers } from '../../lib/identity';
import { useGroupContext } from './context';
import { RestrictedSection } from './RestrictedSection';

/** The "Journal" section (admins): the group's security events, newest first. */
export function GroupJournal() {
  const { t } = useTranslation();
  const { group, isAdmin } = useGroupContext();
  const audit = useGroupAudit(group.id, isAdmin);
  // Events name people by id: the members list gives their current display names.
  const members = useMembers(group.id);
  const names = new Map(members.data?.map((member) => [member.userId, member.displayName]));

  if (!isAdmin) return <RestrictedSection reason="admin" />;

  return (
    <section aria-labelledby="journal-title">
      <div className="section-intro">
        <h2 id="journal-title" className="section__title">
          {t('journal.title')}
        </h2>
        <p className="section__description">{t('journal.description')}</p>
      </div>
      {audit.isPending ? (
        <LoadingRegion label={t('journal.loading')}>
          <Skeleton className="skeleton--row" />
          <Skeleton className="skeleton--row" />
          <Skeleton className="skeleton--row" />
        </LoadingRegion>
      ) : audit.isError ? (
        <QueryErrorState query={audit} />
      ) : (
        <AuditLog events={audit.data} emptyBody={t('journal.empty')} names={names} />
      )}
    </section>
  );
}
