import {
  ACQUISITION_METHOD_IDS,
  DOCUMENT_KIND_IDS,
  type AcquisitionMethod,
  type DocumentKind,
} from '@technopolice/shared';
import { CloudUpload, LockKeyhole, ShieldCheck } from 'lucide-react';
import { type DragEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentLabels } from './parts';
import { ACCEPT_ATTRIBUTE, type BatchFields } from './upload/queue';

function hasFiles(event: { dataTransfer: DataTransfer | null }): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

/**
 * A file dropped a few pixels beside the zone would make the browser leave the page to show
 * it: while the zone is on screen, such drops are ignored.
 */
function useIgnoreStrayDrops() {
  useEffect(() => {
    const ignore = (event: globalThis.DragEvent) => {
      if (hasFiles(event)) event.preventDefault();
    };
    window.addEventListener('dragover', ignore);
    window.addEventListener('drop', ignore);
    return () => {
      window.removeEventListener('dragover', ignore);
      window.removeEventListener('drop', ignore);
    };
  }, []);
}

/**
 * Where files are dropped or picked (several at once), with what happens to them said plainly:
 * their metadata is removed before storage and they stay private to the group. Above it, how
 * the next files are filed (their kind, how they were obtained).
 */
export function DropZone({
  batch,
  onBatchChange,
  onFiles,
}: {
  batch: BatchFields;
  onBatchChange: (batch: BatchFields) => void;
  onFiles: (files: File[]) => void;
}) {
  const { t } = useTranslation();
  const labels = useDocumentLabels();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const depth = useRef(0);
  const [dragging, setDragging] = useState(false);
  useIgnoreStrayDrops();

  const onDragEnter = (event: DragEvent<HTMLDivElement>) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth.current += 1;
    setDragging(true);
  };
  const onDragLeave = (event: DragEvent<HTMLDivElement>) => {
    if (!hasFiles(event)) return;
    depth.current = Math.max(0, depth.current - 1);
    if (depth.current === 0) setDragging(false);
  };
  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    depth.current = 0;
    setDragging(false);
    const files = Array.from(event.dataTransfer.files);
    if (files.length > 0) onFiles(files);
  };

  return (
    <div className="upload-panel">
      <div className="upload-panel__batch">
        <div className="upload-panel__field">
          <label htmlFor={`${id}-kind`} className="task-fields__label">
            {t('caseDocuments.drop.kind')}
          </label>
          <select
            id={`${id}-kind`}
            className="input select select--compact"
            value={batch.kind ?? ''}
            onChange={(event) =>
              onBatchChange({
                ...batch,
                kind: (event.target.value || undefined) as DocumentKind | undefined,
              })
            }
          >
            <option value="">{t('caseDocuments.drop.kindAuto')}</option>
            {DOCUMENT_KIND_IDS.map((kind) => (
              <option key={kind} value={kind}>
                {labels.kind(kind)}
              </option>
            ))}
          </select>
        </div>
        <div className="upload-panel__field">
          <label htmlFor={`${id}-obtained`} className="task-fields__label">
            {t('caseDocuments.drop.obtainedBy')}
          </label>
          <select
            id={`${id}-obtained`}
            className="input select select--compact"
            value={batch.obtainedBy ?? ''}
            onChange={(event) =>
              onBatchChange({
                ...batch,
                obtainedBy: (event.target.value || undefined) as AcquisitionMethod | undefined,
              })
            }
          >
            <option value="">{t('caseDocuments.drop.obtainedByNone')}</option>
            {ACQUISITION_METHOD_IDS.map((method) => (
              <option key={method} value={method}>
                {labels.acquisition(method)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div
        className="drop-zone"
        data-dragging={dragging}
        onDragEnter={onDragEnter}
        onDragLeave={onDragLeave}
        onDragOver={onDragOver}
        onDrop={onDrop}
      >
        <span className="drop-zone__icon" aria-hidden="true">
          <CloudUpload size={28} />
        </span>
        <p className="drop-zone__title">
          {dragging ? (
            t('caseDocuments.drop.release')
          ) : (
            <>
              {t('caseDocuments.drop.title')}{' '}
              <button type="button" className="link-button" onClick={() => input.current?.click()}>
                {t('caseDocuments.drop.choose')}
              </button>
            </>
          )}
        </p>
        <input
          ref={input}
          id={`${id}-files`}
          type="file"
          multiple
          accept={ACCEPT_ATTRIBUTE}
          className="visually-hidden"
          tabIndex={-1}
          aria-label={t('caseDocuments.drop.label')}
          onChange={(event) => {
            const files = Array.from(event.target.files ?? []);
            // The same file may be chosen again (to resume it): the input forgets it.
            event.target.value = '';
            if (files.length > 0) onFiles(files);
          }}
        />
        <p className="drop-zone__types">{t('caseDocuments.drop.types')}</p>
        <ul className="drop-zone__promises">
          <li>
            <ShieldCheck size={16} aria-hidden="true" />
            <span>{t('caseDocuments.drop.privacy')}</span>
          </li>
          <li>
            <LockKeyhole size={16} aria-hidden="true" />
            <span>{t('caseDocuments.drop.private')}</span>
          </li>
        </ul>
      </div>
    </div>
  );
}
