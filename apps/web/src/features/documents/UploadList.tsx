import { ArrowRight, CircleCheck, Pause, Play, RotateCcw, X } from 'lucide-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FamilyIcon, useDocumentLabels } from './parts';
import { UPLOAD_GONE, type UploadItem, type UploadProblem, type UploadQueue } from './upload/queue';

/** Codes that say the case is out of reach now. */
const GONE = ['not_found', 'forbidden'];

/** Why an upload failed, in a sentence a person can act on. */
export function problemText(problem: UploadProblem, extension: string, t: TFunction): string {
  const key = 'caseDocuments.problems';
  switch (problem.code) {
    case 'unsupported_extension':
      return extension ? t(`${key}.unsupportedExtension`, { extension }) : t(`${key}.noExtension`);
    case 'empty_file':
      return t(`${key}.emptyFile`);
    case 'payload_too_large':
      return t(`${key}.tooLarge`);
    case 'unsupported_media_type':
      return t(`${key}.mismatch`, { extension: extension || '?' });
    case 'document_encrypted':
      return t(`${key}.encrypted`);
    case 'document_unreadable':
      return t(`${key}.unreadable`);
    case 'network_error':
      return t(`${key}.network`);
    case UPLOAD_GONE:
      return t(`${key}.gone`);
    case 'rate_limited':
      return t(`${key}.rateLimited`);
    case 'validation_failed':
      return t(`${key}.invalid`);
    default:
      if (problem.statusCode === 401) return t(`${key}.session`);
      if (GONE.includes(problem.code) || problem.statusCode === 404) return t(`${key}.caseGone`);
      if (problem.statusCode >= 500) return t(`${key}.server`, { code: problem.code });
      return t(`${key}.unknown`, { code: problem.code });
  }
}

/** The server's own words are worth showing when ours are generic. */
function showsServerMessage(problem: UploadProblem): boolean {
  return (
    problem.statusCode > 0 &&
    ['unsupported_media_type', 'validation_failed', 'payload_too_large'].includes(problem.code)
  );
}

function percentOf(item: UploadItem): number {
  return item.size > 0 ? Math.min(100, Math.floor((item.sent / item.size) * 100)) : 0;
}

function UploadRow({ item, queue }: { item: UploadItem; queue: UploadQueue }) {
  const { t } = useTranslation();
  const labels = useDocumentLabels();
  const percent = percentOf(item);
  const amounts = {
    sent: labels.bytes(item.sent),
    total: labels.bytes(item.size),
    percent,
    name: item.fileName,
  };
  const inFlight = ['queued', 'uploading', 'paused', 'processing'].includes(item.status);

  return (
    <li className="upload" data-status={item.status}>
      <FamilyIcon family={item.family} />
      <div className="upload__main">
        <p className="upload__name">{item.fileName}</p>
        <p className="upload__status">
          {item.status === 'done' ? <CircleCheck size={14} aria-hidden="true" /> : null}
          {t(`caseDocuments.queue.status.${item.status}`, amounts)}
          {item.resumable && inFlight ? (
            <span className="upload__resumable"> · {t('caseDocuments.queue.resumable')}</span>
          ) : null}
        </p>
        {item.status === 'uploading' || item.status === 'paused' || item.status === 'processing' ? (
          <progress
            className="upload__bar"
            max={100}
            // While the server checks the file there is no amount to show: indeterminate.
            value={item.status === 'processing' ? undefined : percent}
            aria-label={t('caseDocuments.queue.progress', { name: item.fileName })}
          />
        ) : null}
        {item.problem ? (
          <div className="upload__problem" role="alert">
            <p>{problemText(item.problem, item.extension, t)}</p>
            {showsServerMessage(item.problem) ? (
              <p className="upload__detail">
                {t('caseDocuments.queue.detail', { message: item.problem.message })}
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
      <div className="upload__actions">
        {item.status === 'done' && item.document ? (
          <Link
            to={`/documents/${encodeURIComponent(item.document.id)}`}
            className="button button--secondary button--small"
          >
            {t('caseDocuments.queue.open')}
            <ArrowRight size={14} aria-hidden="true" />
          </Link>
        ) : null}
        {item.resumable && item.status === 'uploading' ? (
          <button
            type="button"
            className="icon-button"
            onClick={() => queue.pause(item.id)}
            aria-label={t('caseDocuments.queue.pause', amounts)}
            title={t('caseDocuments.queue.pause', amounts)}
          >
            <Pause size={16} aria-hidden="true" />
          </button>
        ) : null}
        {item.status === 'paused' ? (
          <button
            type="button"
            className="icon-button"
            onClick={() => queue.resume(item.id)}
            aria-label={t('caseDocuments.queue.resume', amounts)}
            title={t('caseDocuments.queue.resume', amounts)}
          >
            <Play size={16} aria-hidden="true" />
          </button>
        ) : null}
        {item.status === 'failed' && item.retryable ? (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => queue.retry(item.id)}
          >
            <RotateCcw size={14} aria-hidden="true" />
            {t('caseDocuments.queue.retry')}
          </button>
        ) : null}
        {inFlight ? (
          <button
            type="button"
            className="icon-button icon-button--danger"
            onClick={() => queue.cancel(item.id)}
            aria-label={t('caseDocuments.queue.cancel', amounts)}
            title={t('caseDocuments.queue.cancel', amounts)}
          >
            <X size={16} aria-hidden="true" />
          </button>
        ) : (
          <button
            type="button"
            className="icon-button"
            onClick={() => queue.dismiss(item.id)}
            aria-label={t('caseDocuments.queue.dismiss', amounts)}
            title={t('caseDocuments.queue.dismiss', amounts)}
          >
            <X size={16} aria-hidden="true" />
          </button>
        )}
      </div>
    </li>
  );
}

/** The files being sent to this case, each with its progress, actions and fate. */
export function UploadList({
  caseId,
  items,
  queue,
}: {
  caseId: string;
  items: readonly UploadItem[];
  queue: UploadQueue;
}) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  const finished = items.filter((item) => ['done', 'failed', 'cancelled'].includes(item.status));
  return (
    <section className="uploads" aria-labelledby="case-uploads-title">
      <div className="uploads__header">
        <h3 id="case-uploads-title" className="uploads__title">
          {t('caseDocuments.queue.title')}
        </h3>
        {finished.length > 0 ? (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => queue.clearFinished(caseId)}
          >
            {t('caseDocuments.queue.clear')}
          </button>
        ) : null}
      </div>
      <ul className="uploads__list">
        {items.map((item) => (
          <UploadRow key={item.id} item={item} queue={queue} />
        ))}
      </ul>
    </section>
  );
}
