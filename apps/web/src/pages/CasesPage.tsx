import { UsersRound } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../components/EmptyState';
import { QueryErrorState } from '../components/ErrorState';
import { LoadingRegion, Skeleton } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { CaseBoardPage } from '../features/cases/CaseBoardPage';
import { useGroups } from '../lib/identity';

/** `/dossiers`: the case board of one of my groups, or the way to join one. */
export function CasesPage() {
  const { t } = useTranslation();
  const groups = useGroups();

  if (groups.isPending) {
    return (
      <>
        <PageHeader title={t('cases.title')} description={t('cases.description')} />
        <LoadingRegion label={t('common.loading')}>
          <Skeleton className="skeleton--card" />
        </LoadingRegion>
      </>
    );
  }
  if (groups.isError) {
    return (
      <>
        <PageHeader title={t('cases.title')} description={t('cases.description')} />
        <QueryErrorState query={groups} />
      </>
    );
  }
  if (groups.data.length === 0) {
    return (
      <>
        <PageHeader title={t('cases.title')} description={t('cases.description')} />
        <EmptyState icon={UsersRound} title={t('cases.emptyTitle')}>
          <p>{t('board.noGroup.body')}</p>
          <div className="empty-state__actions">
            <Link to="/groupes" className="button button--primary">
              {t('board.noGroup.action')}
            </Link>
          </div>
        </EmptyState>
      </>
    );
  }
  return <CaseBoardPage groups={groups.data} />;
}
