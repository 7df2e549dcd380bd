import { useQueryClient } from '@tanstack/react-query';
import { ArrowLeft, FileX, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { EmptyState } from '../components/EmptyState';
import { QueryErrorState } from '../components/ErrorState';
import { LoadingRegion, Skeleton } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { ApiError } from '../lib/api';
import { documentKeys, useDocument } from '../lib/documents';
import { useCaseRoom } from '../lib/socket';
import { documentListeners } from '../features/documents/live';
import { caseDocumentsPath } from '../features/documents/page/DocumentHeader';
import { DocumentView } from '../features/documents/page/DocumentView';

/** Unknown id, or a document of a group one is not a member of: the API says 404. */
function isNotFound(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.statusCode === 404 || error.statusCode === 403 || error.code === 'validation_failed')
  );
}

function Gone({ caseId, deleted }: { caseId: string | undefined; deleted: boolean }) {
  const { t } = useTranslation();
  const key = deleted ? 'deleted' : 'notFound';
  return (
    <>
      <PageHeader eyebrow={t('nav.documents')} title={t(`documentPage.${key}.title`)} />
      <div role={deleted ? 'alert' : undefined}>
        <EmptyState icon={deleted ? Trash2 : FileX}>
          <p>{t(`documentPage.${key}.body`)}</p>
          <p className="empty-state__actions">
            <Link
              to={caseId ? caseDocumentsPath(caseId) : '/documents'}
              className="button button--primary"
            >
              <ArrowLeft size={16} aria-hidden="true" />
              {caseId ? t('documentPage.backToCase') : t('documentPage.backToDocuments')}
            </Link>
          </p>
        </EmptyState>
      </div>
    </>
  );
}

function DocumentScreen({ documentId }: { documentId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const query = useDocument(documentId);
  const [deleted, setDeleted] = useState(false);
  const caseId = query.data?.caseId;

  // The case's room tells when the text is ready, when someone edits or deletes the document.
  const room = useCaseRoom(caseId, {
    ...documentListeners(queryClient, caseId ?? '', (id) => {
      if (id === documentId) setDeleted(true);
    }),
    'case:event': (payload) => {
      // A timeline entry may have started or stopped citing the document.
      if (payload.caseId === caseId && payload.event.type.startsWith('timeline.'))
        void queryClient.invalidateQueries({ queryKey: documentKeys.detail(documentId) });
    },
    onGap: () => {
      void queryClient.invalidateQueries({ queryKey: documentKeys.detail(documentId) });
      void queryClient.invalidateQueries({ queryKey: documentKeys.text(documentId) });
    },
  });

  if (deleted) return <Gone caseId={caseId} deleted />;
  if (query.isError && isNotFound(query.error))
    return <Gone caseId={caseId} deleted={query.data !== undefined} />;
  if (query.data) return <DocumentView document={query.data} live={room.live} />;
  if (query.isError)
    return (
      <>
        <PageHeader title={t('documentPage.failed')} />
        <QueryErrorState query={query} />
      </>
    );
  return (
    <LoadingRegion label={t('documentPage.loading')}>
      <Skeleton className="skeleton--heading" />
      <div className="document-workspace">
        <Skeleton className="skeleton--card viewer__skeleton" />
        <Skeleton className="skeleton--card viewer__skeleton" />
      </div>
    </LoadingRegion>
  );
}

/** `/documents/:documentId`: one document, its viewer, its text and its details, live. */
export function DocumentPage() {
  const { documentId = '' } = useParams();
  return <DocumentScreen key={documentId} documentId={documentId} />;
}
