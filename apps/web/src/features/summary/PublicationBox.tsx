import type { Case, GroupRole, Publication, Review } from '@technopolice/shared';
import { ExternalLink, Globe, History, Megaphone, Undo2 } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryErrorState } from '../../components/ErrorState';
import { Notice } from '../../components/Notice';
import { useLanguage } from '../../i18n';
import { formatDate, formatDateTime } from '../../lib/format';
import { type Published, usePublication, useRetract } from '../../lib/publishing';
import { Dialog } from '../cases/components/Dialog';
import { ActionError } from './ActionError';
import { PublishDialog } from './PublishDialog';
import { leads } from './rules';

/** The public reason of a retraction, asked before the page comes down. */
function RetractDialog({ caseId, onClose }: { caseId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const retract = useRetract(caseId);
  const [reason, setReason] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const id = useId();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = reason.trim();
    if (text.length < 3) {
      setTooShort(true);
      return;
    }
    retract.mutate({ reason: text }, { onSuccess: onClose });
  }

  return (
    <Dialog
      title={t('publication.retract.title')}
      description={t('publication.retract.description')}
      onClose={onClose}
    >
      <form className="dialog__form" noValidate onSubmit={onSubmit}>
        <div className="field" data-invalid={tooShort || undefined}>
          <label htmlFor={id} className="field__label">
            {t('publication.retract.reason')}
          </label>
          <p id={`${id}-hint`} className="field__hint">
            {t('publication.retract.reasonHint')}
          </p>
          <textarea
            id={id}
            className="input textarea"
            rows={4}
            maxLength={2000}
            required
            aria-invalid={tooShort || undefined}
            aria-describedby={`${id}-hint`}
            value={reason}
            onChange={(event) => {
              setReason(event.target.value);
              setTooShort(false);
            }}
          />
          {tooShort ? (
            <p className="field__error" role="alert">
              {t('publication.retract.reasonRequired')}
            </p>
          ) : null}
        </div>
        {retract.isError ? <ActionError error={retract.error} /> : null}
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--danger" disabled={retract.isPending}>
            {t('publication.retract.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The revisions of the public page, latest first, with their change notes. */
function RevisionLog({ publication }: { publication: Publication }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const revisions = [...publication.revisions].sort((a, b) => b.number - a.number);
  return (
    <details className="revision-log">
      <summary>
        <History size={15} aria-hidden="true" />
        {t('publication.revisions', { count: revisions.length })}
      </summary>
      <ol className="revision-log__list">
        {revisions.map((revision) => (
          <li key={revision.number} className="revision-log__entry">
            <p className="revision-log__head">
              <strong>{t('publication.revision', { number: revision.number })}</strong>
              <time dateTime={revision.publishedAt}>
                {formatDateTime(revision.publishedAt, language)}
              </time>
            </p>
            <p className="revision-log__meta">
              {revision.publishedBy
                ? t('publication.publishedBy', { name: revision.publishedBy.displayName })
                : null}
              {revision.publishedBy ? ' · ' : null}
              {t('publication.documentCount', { count: revision.documentCount })}
            </p>
            {revision.changeNote ? (
              <p className="revision-log__note">{revision.changeNote}</p>
            ) : null}
          </li>
        ))}
      </ol>
    </details>
  );
}

/**
 * Publishing: the button (once the rule is met), the public page's address and revisions,
 * and its retraction with a public reason (coordinators and admins: an urgent, public act).
 */
export function PublicationBox({
  caseData,
  review,
  role,
}: {
  caseData: Case;
  review: Review;
  role: GroupRole | undefined;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const publication = usePublication(caseData.id, review.published);
  const [dialog, setDialog] = useState<'publish' | 'retract' | null>(null);
  const [published, setPublished] = useState<Published | null>(null);
  const current = publication.data ?? null;
  const online = current?.status === 'published';

  return (
    <div className="review-block publication-box" data-status={current?.status ?? 'none'}>
      <h3 className="review-block__title">
        <Globe size={17} aria-hidden="true" />
        {t('publication.title')}
      </h3>
      {publication.isError ? (
        <QueryErrorState query={publication} title={t('publication.failed')} />
      ) : null}
      {current ? (
        online ? (
          <div className="publication-box__state">
            <p className="publication-box__status">
              <span className="publication-box__dot" aria-hidden="true" />
              {t('publication.online', { number: current.revision })}
            </p>
            <p className="review-block__hint">
              {t('publication.since', { date: formatDate(current.firstPublishedAt, language) })}
            </p>
            <a className="button button--secondary publication-box__link" href={current.url}>
              <ExternalLink size={15} aria-hidden="true" />
              {t('publication.view')}
            </a>
          </div>
        ) : (
          <Notice tone="warning" title={t('publication.retracted')}>
            {current.retractedAt ? (
              <p>
                {t('publication.retractedOn', { date: formatDate(current.retractedAt, language) })}
              </p>
            ) : null}
            {current.retractedReason ? (
              <p className="publication-box__reason">« {current.retractedReason} »</p>
            ) : null}
          </Notice>
        )
      ) : (
        <p className="review-block__hint">{t('publication.never')}</p>
      )}
      {published ? (
        <Notice
          tone="success"
          role="status"
          title={t('publication.done', { number: published.revision })}
        >
          <a href={published.url}>{t('publication.view')}</a>
        </Notice>
      ) : null}
      <div className="review-approve">
        <button
          type="button"
          className="button button--publish"
          disabled={!review.approved}
          aria-describedby={review.approved ? undefined : `publish-why-${caseData.id}`}
          onClick={() => {
            setPublished(null);
            setDialog('publish');
          }}
        >
          <Megaphone size={16} aria-hidden="true" />
          {online ? t('publication.publishRevision') : t('publication.publish')}
        </button>
        {review.approved ? null : (
          <p id={`publish-why-${caseData.id}`} className="review-block__why">
            {t('publication.needsApproval')}
          </p>
        )}
      </div>
      {current ? <RevisionLog publication={current} /> : null}
      {online && leads(role) ? (
        <button
          type="button"
          className="button button--secondary button--small button--danger-outline"
          onClick={() => setDialog('retract')}
        >
          <Undo2 size={15} aria-hidden="true" />
          {t('publication.retract.open')}
        </button>
      ) : null}
      {dialog === 'publish' ? (
        <PublishDialog
          caseData={caseData}
          previous={current}
          onClose={() => setDialog(null)}
          onPublished={(answer) => {
            setPublished(answer);
            setDialog(null);
          }}
        />
      ) : null}
      {dialog === 'retract' ? (
        <RetractDialog caseId={caseData.id} onClose={() => setDialog(null)} />
      ) : null}
    </div>
  );
}
