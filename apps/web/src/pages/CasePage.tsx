import { ArrowLeft, FolderX, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { EmptyState } from '../components/EmptyState';
import { QueryErrorState } from '../components/ErrorState';
import { LoadingRegion, Skeleton } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { ApiError } from '../lib/api';
import { useCase } from '../lib/cases';
import { useMe } from '../lib/identity';
import { useCaseFeed } from '../features/case-page/api';
import { boardPath } from '../features/case-page/CaseHeader';
import { CaseView } from '../features/case-page/CaseView';
import { useCaseLive } from '../features/case-page/live';

/** Unknown id, or a case of a group one is not a member of: the API says 404 (or 403). */
function isNotFound(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.statusCode === 404 || error.statusCode === 403 || error.code === 'validation_failed')
  );
}

function BackToBoard({ groupId }: { groupId?: string | undefined }) {
  const { t } = useTranslation();
  return (
    <p className="empty-state__actions">
      <Link to={groupId ? boardPath(groupId) : '/dossiers'} className="button button--primary">
        <ArrowLeft size={16} aria-hidden="true" />
        {t('casePage.backToBoard')}
      </Link>
    </p>
  );
}

function CaseNotFound() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader eyebrow={t('nav.cases')} title={t('casePage.notFound.title')} />
      <EmptyState icon={FolderX}>
        <p>{t('casePage.notFound.body')}</p>
        <BackToBoard />
      </EmptyState>
    </>
  );
}

function CaseDeleted({ groupId }: { groupId: string | undefined }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader eyebrow={t('nav.cases')} title={t('casePage.deleted.title')} />
      <div role="alert">
        <EmptyState icon={Trash2}>
          <p>{t('casePage.deleted.body')}</p>
          <BackToBoard groupId={groupId} />
        </EmptyState>
      </div>
    </>
  );
}

function CaseSkeleton() {
  const { t } = useTranslation();
  return (
    <LoadingRegion label={t('casePage.loading')}>
      <Skeleton className="skeleton--heading" />
      <Skeleton className="skeleton--text" />
      <div className="case-page__layout">
        <Skeleton className="skeleton--card case-page__skeleton-main" />
        <Skeleton className="skeleton--card case-page__skeleton-aside" />
      </div>
    </LoadingRegion>
  );
}

function CaseScreen({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const query = useCase(caseId);
  const me = useMe();
  const readable = query.data !== undefined;
  const feed = useCaseFeed(caseId, readable);
  const live = useCaseLive(caseId, readable, query.data, feed);

  if (live.deleted) return <CaseDeleted groupId={query.data?.groupId} />;
  if (query.isError && isNotFound(query.error))
    // Read before, gone now: deleted while the page missed the news.
    return query.data ? <CaseDeleted groupId={query.data.groupId} /> : <CaseNotFound />;
  if (query.data)
    return (
      <CaseView
        caseData={query.data}
        feed={feed}
        live={live.live}
        viewers={live.viewers}
        meId={me.data?.id}
      />
    );
  if (query.isError) {
    return (
      <>
        <PageHeader title={t('casePage.failed')} />
        <QueryErrorState query={query} />
      </>
    );
  }
  return <CaseSkeleton />;
}

/** `/dossiers/:caseId`: one case, its facts, tasks, timeline and activity, live. */
export function CasePage() {
  const { caseId = '' } = useParams();
  return <CaseScreen key={caseId} caseId={caseId} />;
}
