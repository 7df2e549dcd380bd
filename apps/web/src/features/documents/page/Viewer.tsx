import { useQuery } from '@tanstack/react-query';
import type { CaseDocument } from '@technopolice/shared';
import { Download, FileQuestion } from 'lucide-react';
import { lazy, Suspense, useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/ErrorState';
import { LoadingRegion, Skeleton } from '../../../components/Loading';
import { useDocumentFile } from '../../../lib/documents';
import { FamilyIcon } from '../parts';
import type { PageJump } from './viewerTypes';

/** PDF.js and its worker come with the first PDF opened, not before. */
const PdfViewer = lazy(() => import('./PdfViewer'));

/** Text files longer than this show their beginning (the extracted text has the rest). */
const TEXT_PREVIEW_BYTES = 512 * 1024;

/**
 * An object URL for a blob, made when the element appears and revoked when it goes (a callback
 * ref with a cleanup: no URL outlives its element, even under StrictMode's double mounting).
 */
function useBlobSource<T extends HTMLImageElement | HTMLMediaElement>(blob: Blob) {
  return useCallback(
    (node: T | null) => {
      if (!node) return undefined;
      const url = URL.createObjectURL(blob);
      node.src = url;
      return () => URL.revokeObjectURL(url);
    },
    [blob],
  );
}

function ImageView({ blob, title }: { blob: Blob; title: string }) {
  const source = useBlobSource<HTMLImageElement>(blob);
  return (
    <div className="viewer__scroll">
      <img ref={source} className="viewer__image" alt={title} />
    </div>
  );
}

function MediaView({
  blob,
  family,
  title,
}: {
  blob: Blob;
  family: 'audio' | 'video';
  title: string;
}) {
  const { t } = useTranslation();
  const audio = useBlobSource<HTMLAudioElement>(blob);
  const video = useBlobSource<HTMLVideoElement>(blob);
  const label = t('documentPage.viewer.media', { title });
  return (
    <div className="viewer__media">
      {family === 'audio' ? (
        <>
          <FamilyIcon family="audio" size={48} />
          <audio ref={audio} controls preload="metadata" aria-label={label} />
        </>
      ) : (
        <video ref={video} controls preload="metadata" aria-label={label} />
      )}
    </div>
  );
}

function TextView({ documentId, blob }: { documentId: string; blob: Blob }) {
  const { t } = useTranslation();
  const text = useQuery({
    queryKey: ['documents', 'file-text', documentId, blob.size],
    queryFn: () => blob.slice(0, TEXT_PREVIEW_BYTES).text(),
    staleTime: Number.POSITIVE_INFINITY,
  });
  return (
    <div className="viewer__scroll">
      {blob.size > TEXT_PREVIEW_BYTES ? (
        <p className="viewer__note">{t('documentPage.viewer.truncated')}</p>
      ) : null}
      <pre className="viewer__text">{text.data ?? ''}</pre>
    </div>
  );
}

/** Files the browser cannot show (office documents): say so, and where to read them. */
function NoPreview({ onDownload }: { onDownload: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="viewer__message">
      <FileQuestion size={40} aria-hidden="true" className="viewer__message-icon" />
      <p>{t('documentPage.viewer.office')}</p>
      <button type="button" className="button button--secondary" onClick={onDownload}>
        <Download size={16} aria-hidden="true" />
        {t('documentPage.download')}
      </button>
    </div>
  );
}

function ViewerLoading() {
  const { t } = useTranslation();
  return (
    <LoadingRegion label={t('documentPage.viewer.loading')}>
      <Skeleton className="skeleton--card viewer__skeleton" />
    </LoadingRegion>
  );
}

/**
 * The document itself, shown the way its family allows: PDF pages, an image, a player, the text
 * of a text file; office files have no preview, their text is alongside.
 */
export function Viewer({
  document,
  jump,
  onPageChange,
  onDownload,
}: {
  document: CaseDocument;
  jump: PageJump | null;
  onPageChange: (page: number) => void;
  onDownload: () => void;
}) {
  const { t } = useTranslation();
  const previewed = document.family !== 'office';
  const file = useDocumentFile(document.id, previewed);

  let content;
  if (!previewed) content = <NoPreview onDownload={onDownload} />;
  else if (file.isError)
    content = (
      <div className="viewer__message">
        <ErrorState
          error={file.error}
          onRetry={() => void file.refetch()}
          retrying={file.isFetching}
          title={t('documentPage.viewer.failed', { message: file.error.message })}
        />
      </div>
    );
  else if (!file.data) content = <ViewerLoading />;
  else
    switch (document.family) {
      case 'pdf':
        content = (
          <Suspense fallback={<ViewerLoading />}>
            <PdfViewer blob={file.data.blob} jump={jump} onPageChange={onPageChange} />
          </Suspense>
        );
        break;
      case 'image':
        content = <ImageView blob={file.data.blob} title={document.title} />;
        break;
      case 'audio':
      case 'video':
        content = (
          <MediaView blob={file.data.blob} family={document.family} title={document.title} />
        );
        break;
      case 'text':
        content = <TextView documentId={document.id} blob={file.data.blob} />;
        break;
      case 'office':
        content = <NoPreview onDownload={onDownload} />;
        break;
    }

  return (
    <section
      className="viewer"
      data-family={document.family}
      aria-label={t('documentPage.viewer.label')}
    >
      {content}
    </section>
  );
}
