import { useMutation, useQuery } from '@tanstack/react-query';
import { History } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatRelative, useNow } from '../case-page/format';
import { FamilyIcon, useDocumentLabels } from './parts';
import { extensionOf, familyOfName, type UploadItem } from './upload/queue';
import { abandonUpload, type InterruptedUpload, interruptedUploads } from './upload/transports';

/**
 * Large uploads this browser began for the case and never finished (a reload, a crash, a lost
 * connection): choosing the same file again resumes where it stopped; or give it up.
 */
export function InterruptedUploads({
  caseId,
  items,
  onFiles,
}: {
  caseId: string;
  items: readonly UploadItem[];
  onFiles: (files: File[]) => void;
}) {
  const { t } = useTranslation();
  const labels = useDocumentLabels();
  const now = useNow();
  const input = useRef<HTMLInputElement>(null);
  const stored = useQuery({
    queryKey: ['uploads', 'interrupted', caseId],
    queryFn: () => interruptedUploads(caseId),
    staleTime: 0,
  });
  const abandon = useMutation({
    mutationFn: abandonUpload,
    onSettled: () => stored.refetch(),
  });

  // An upload that begins, pauses or ends changes what this browser remembers.
  const states = items
    .filter((item) => item.resumable)
    .map((item) => `${item.id}:${item.status}`)
    .join(' ');
  const { refetch } = stored;
  useEffect(() => {
    void refetch();
  }, [states, refetch]);

  // What the queue is sending, or has just sent, is not interrupted.
  const inQueue = (entry: InterruptedUpload) =>
    items.some(
      (item) =>
        item.fileName === entry.fileName && item.size === entry.size && item.status !== 'cancelled',
    );
  const entries = (stored.data ?? []).filter((entry) => !inQueue(entry));
  if (entries.length === 0) return null;

  return (
    <section className="uploads uploads--interrupted" aria-labelledby="case-interrupted-title">
      <div className="uploads__header">
        <h3 id="case-interrupted-title" className="uploads__title">
          <History size={16} aria-hidden="true" />
          {t('caseDocuments.interrupted.title')}
        </h3>
      </div>
      <p className="uploads__hint">{t('caseDocuments.interrupted.body')}</p>
      <input
        ref={input}
        type="file"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          event.target.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
      <ul className="uploads__list">
        {entries.map((entry) => (
          <li key={entry.key} className="upload" data-status="interrupted">
            <FamilyIcon family={familyOfName(entry.fileName)} />
            <div className="upload__main">
              <p className="upload__name">{entry.fileName}</p>
              <p className="upload__status">
                {t('caseDocuments.interrupted.line', {
                  size: entry.size === null ? '?' : labels.bytes(entry.size),
                  when: formatRelative(entry.createdAt, now, labels.language),
                })}
              </p>
            </div>
            <div className="upload__actions">
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => {
                  if (!input.current) return;
                  const extension = extensionOf(entry.fileName);
                  input.current.accept = extension ? `.${extension}` : '';
                  input.current.click();
                }}
                aria-label={t('caseDocuments.interrupted.resumeLabel', { name: entry.fileName })}
              >
                {t('caseDocuments.interrupted.resume')}
              </button>
              <button
                type="button"
                className="button button--secondary button--small"
                disabled={abandon.isPending}
                onClick={() => abandon.mutate(entry)}
                aria-label={t('caseDocuments.interrupted.abandonLabel', { name: entry.fileName })}
              >
                {t('caseDocuments.interrupted.abandon')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
