import type { Case, DocumentKind } from '@technopolice/shared';
import { FileText } from 'lucide-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryErrorState } from '../../components/ErrorState';
import { LoadingRegion, Skeleton } from '../../components/Loading';
import { type DocumentSort, useCaseDocuments } from '../../lib/documents';
import { DocumentList } from './DocumentList';
import { DropZone } from './DropZone';
import { InterruptedUploads } from './InterruptedUploads';
import type { BatchFields } from './upload/queue';
import { useUploads } from './upload/useUploads';
import { UploadList } from './UploadList';

/**
 * The Documents tab of a case: drop or pick files (several at once), follow their upload, then
 * find them in the case's list, live as the group adds and reads them.
 */
export function DocumentsTab({ caseData }: { caseData: Case }) {
  const { t } = useTranslation();
  const documents = useCaseDocuments(caseData.id);
  const { queue, items } = useUploads(caseData.id);
  const [batch, setBatch] = useState<BatchFields>({});
  const [kind, setKind] = useState<DocumentKind | null>(null);
  const [sort, setSort] = useState<DocumentSort>('created');
  const uploads = useRef<HTMLDivElement>(null);
  const add = (files: File[]) => {
    queue.add(caseData.id, files, batch);
    // The drop zone is tall: bring the new uploads into view, where their progress shows.
    requestAnimationFrame(() =>
      uploads.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' }),
    );
  };

  return (
    <div className="case-page__sections">
      <section className="case-section" aria-labelledby="case-upload-title">
        <div className="case-section__header">
          <h2 id="case-upload-title" className="case-section__title">
            {t('caseDocuments.drop.heading')}
          </h2>
        </div>
        <DropZone batch={batch} onBatchChange={setBatch} onFiles={add} />
        <div ref={uploads} className="upload-panel__queue">
          <InterruptedUploads caseId={caseData.id} items={items} onFiles={add} />
          <UploadList caseId={caseData.id} items={items} queue={queue} />
        </div>
      </section>
      <section className="case-section" aria-labelledby="case-documents-title">
        <div className="case-section__header">
          <h2 id="case-documents-title" className="case-section__title">
            <FileText size={19} aria-hidden="true" />
            {t('caseDocuments.list.title')}
            {documents.data ? (
              <span className="case-section__count">{documents.data.items.length}</span>
            ) : null}
          </h2>
        </div>
        {documents.isPending ? (
          <LoadingRegion label={t('caseDocuments.list.loading')}>
            <Skeleton className="skeleton--card" />
          </LoadingRegion>
        ) : documents.isError ? (
          <QueryErrorState query={documents} title={t('caseDocuments.list.failed')} />
        ) : (
          <DocumentList
            documents={documents.data.items}
            kind={kind}
            onKindChange={setKind}
            sort={sort}
            onSortChange={setSort}
          />
        )}
      </section>
    </div>
  );
}
