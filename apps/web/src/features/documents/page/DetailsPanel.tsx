import {
  ACQUISITION_METHOD_IDS,
  DOCUMENT_KIND_IDS,
  MAX_DESCRIPTION_LENGTH,
  MAX_SOURCE_LENGTH,
  type AcquisitionMethod,
  type DocumentDetail,
  type DocumentFields,
  type DocumentKind,
} from '@technopolice/shared';
import {
  CalendarDays,
  LockKeyhole,
  MessagesSquare,
  Pencil,
  ShieldCheck,
  Globe,
} from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Field } from '../../../components/Field';
import { formatDateTime } from '../../../lib/format';
import { FormError } from '../../case-page/CaseHeader';
import { formatDay } from '../../case-page/format';
import { InlineActions } from '../../case-page/InlineActions';
import { useDocumentLabels } from '../parts';
import { DocumentConflictNotice, useDocumentEdit } from './edit';

interface Draft {
  kind: DocumentKind;
  date: string;
  source: string;
  obtainedBy: AcquisitionMethod | '';
  description: string;
}

function draftOf(document: DocumentDetail): Draft {
  return {
    kind: document.kind,
    date: document.date ?? '',
    source: document.source ?? '',
    obtainedBy: document.obtainedBy ?? '',
    description: document.description,
  };
}

/** Only what changed is sent: a concurrent edit of another field is not overwritten. */
function changesOf(document: DocumentDetail, draft: Draft): DocumentFields {
  const before = draftOf(document);
  const changes: DocumentFields = {};
  if (draft.kind !== before.kind) changes.kind = draft.kind;
  if (draft.date !== before.date) changes.date = draft.date || null;
  if (draft.source.trim() !== before.source) changes.source = draft.source.trim() || null;
  if (draft.obtainedBy !== before.obtainedBy) changes.obtainedBy = draft.obtainedBy || null;
  if (draft.description !== before.description) changes.description = draft.description;
  return changes;
}

/** The form of the document's facts: kind, date, source, how it was obtained, description. */
function FactsForm({ document, onClose }: { document: DocumentDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useDocumentLabels();
  const edit = useDocumentEdit(document);
  const [draft, setDraft] = useState<Draft>(() => draftOf(document));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const changes = changesOf(document, draft);
    if (Object.keys(changes).length === 0 && !edit.conflict) {
      onClose();
      return;
    }
    edit.save(changes, onClose);
  };

  return (
    <form className="details__form" noValidate onSubmit={onSubmit}>
      <Field id="document-kind" label={t('documentPage.details.kind')} error={edit.errors.kind}>
        {(control) => (
          <select
            {...control}
            className="input select"
            value={draft.kind}
            onChange={(event) => setDraft({ ...draft, kind: event.target.value as DocumentKind })}
          >
            {DOCUMENT_KIND_IDS.map((kind) => (
              <option key={kind} value={kind}>
                {labels.kind(kind)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id="document-date"
        label={t('documentPage.details.date')}
        hint={t('documentPage.details.dateHint')}
        error={edit.errors.date}
        optional
      >
        {(control) => (
          <input
            {...control}
            type="date"
            className="input input--short"
            value={draft.date}
            onChange={(event) => setDraft({ ...draft, date: event.target.value })}
          />
        )}
      </Field>
      <Field
        id="document-source"
        label={t('documentPage.details.source')}
        error={edit.errors.source}
        optional
      >
        {(control) => (
          <input
            {...control}
            className="input"
            maxLength={MAX_SOURCE_LENGTH}
            placeholder={t('documentPage.details.sourcePlaceholder')}
            value={draft.source}
            onChange={(event) => setDraft({ ...draft, source: event.target.value })}
          />
        )}
      </Field>
      <Field
        id="document-obtained"
        label={t('documentPage.details.obtainedBy')}
        error={edit.errors.obtainedBy}
        optional
      >
        {(control) => (
          <select
            {...control}
            className="input select"
            value={draft.obtainedBy}
            onChange={(event) =>
              setDraft({ ...draft, obtainedBy: event.target.value as AcquisitionMethod | '' })
            }
          >
            <option value="">{t('documentPage.details.none')}</option>
            {ACQUISITION_METHOD_IDS.map((method) => (
              <option key={method} value={method}>
                {labels.acquisition(method)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id="document-description"
        label={t('documentPage.details.description')}
        error={edit.errors.description}
        optional
      >
        {(control) => (
          <textarea
            {...control}
            className="input textarea"
            rows={4}
            maxLength={MAX_DESCRIPTION_LENGTH}
            placeholder={t('documentPage.details.descriptionPlaceholder')}
            value={draft.description}
            onChange={(event) => setDraft({ ...draft, description: event.target.value })}
          />
        )}
      </Field>
      {edit.conflict ? (
        <DocumentConflictNotice conflict={edit.conflict} document={document} />
      ) : null}
      {edit.formError ? <FormError error={edit.formError} /> : null}
      <InlineActions
        className="facts__actions"
        pending={edit.pending}
        onCancel={() => {
          edit.reset();
          onClose();
        }}
      />
    </form>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="details__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** "Cité dans": the timeline entries citing the document, and what discussions will add. */
function Citations({ document }: { document: DocumentDetail }) {
  const { t } = useTranslation();
  const labels = useDocumentLabels();
  const timeline = document.citations.filter((citation) => citation.type === 'timeline');
  const posts = document.citations.filter((citation) => citation.type === 'post');
  const caseLink = `/dossiers/${encodeURIComponent(document.caseId)}`;
  return (
    <section className="details__section" aria-labelledby="document-citations-title">
      <h3 id="document-citations-title" className="details__title">
        {t('documentPage.citations.title')}
        <span className="case-section__count">{document.citations.length}</span>
      </h3>
      {timeline.length > 0 ? (
        <ul className="citations">
          {timeline.map((citation) => (
            <li key={citation.id} className="citation">
              <CalendarDays size={15} aria-hidden="true" />
              <span>
                <Link to={caseLink}>{citation.title}</Link>
                <span className="citation__meta">
                  {t('documentPage.citations.timeline')}
                  {citation.date ? ` · ${formatDay(citation.date, labels.language)}` : ''}
                </span>
              </span>
            </li>
          ))}
          {posts.map((citation) => (
            <li key={citation.id} className="citation">
              <MessagesSquare size={15} aria-hidden="true" />
              <span>{citation.title}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="details__empty">{t('documentPage.citations.none')}</p>
      )}
      <p className="details__empty">
        <MessagesSquare size={14} aria-hidden="true" /> {t('documentPage.citations.discussions')}
      </p>
    </section>
  );
}

/**
 * "Fiche": what the document is (kind, date, source, how it was obtained, description; editable
 * with the version it was read at), the file itself (name, type, size, pages, SHA-256, who
 * brought it), the metadata removed from it, who may see it, and where it is cited.
 */
export function DetailsPanel({
  document,
  groupName,
}: {
  document: DocumentDetail;
  groupName: string | undefined;
}) {
  const { t } = useTranslation();
  const labels = useDocumentLabels();
  const [editing, setEditing] = useState(false);
  const none = <span className="details__none">{t('documentPage.details.none')}</span>;

  return (
    <div className="details">
      <section className="details__section" aria-labelledby="document-facts-title">
        <div className="details__head">
          <h3 id="document-facts-title" className="details__title">
            {t('documentPage.details.title')}
          </h3>
          {editing ? null : (
            <button
              type="button"
              className="facts__edit"
              onClick={() => setEditing(true)}
              aria-label={t('documentPage.details.editLabel')}
            >
              <Pencil size={13} aria-hidden="true" />
              <span aria-hidden="true">{t('documentPage.details.edit')}</span>
            </button>
          )}
        </div>
        {editing ? (
          <FactsForm document={document} onClose={() => setEditing(false)} />
        ) : (
          <dl className="details__list">
            <Row label={t('documentPage.details.kind')}>{labels.kind(document.kind)}</Row>
            <Row label={t('documentPage.details.date')}>
              {document.date ? (
                <time dateTime={document.date}>{formatDay(document.date, labels.language)}</time>
              ) : (
                none
              )}
            </Row>
            <Row label={t('documentPage.details.source')}>{document.source || none}</Row>
            <Row label={t('documentPage.details.obtainedBy')}>
              {document.obtainedBy ? labels.acquisition(document.obtainedBy) : none}
            </Row>
            <Row label={t('documentPage.details.description')}>
              {document.description ? (
                <span className="details__description">{document.description}</span>
              ) : (
                none
              )}
            </Row>
          </dl>
        )}
      </section>

      <section className="details__section" aria-labelledby="document-file-title">
        <h3 id="document-file-title" className="details__title">
          {t('documentPage.details.file')}
        </h3>
        <dl className="details__list">
          <Row label={t('documentPage.details.fileName')}>
            <span className="details__break">{document.fileName}</span>
          </Row>
          <Row label={t('documentPage.details.type')}>
            {t(`document.families.${document.family}`)}{' '}
            <span className="details__muted">({document.mimeType})</span>
          </Row>
          <Row label={t('documentPage.details.size')}>{labels.bytes(document.size)}</Row>
          {document.pages ? (
            <Row label={t('documentPage.details.pages')}>{document.pages}</Row>
          ) : null}
          <Row label={t('documentPage.details.sha256')}>
            <code className="details__hash" title={t('documentPage.details.sha256Hint')}>
              {document.sha256}
            </code>
          </Row>
          <Row label={t('documentPage.details.uploaded')}>
            {t('documentPage.details.uploadedBy', {
              name: document.uploadedBy?.displayName ?? t('casePage.activity.someone'),
              date: formatDateTime(document.createdAt, labels.language),
            })}
          </Row>
        </dl>
      </section>

      <section className="details__section" aria-labelledby="document-privacy-title">
        <h3 id="document-privacy-title" className="details__title">
          <ShieldCheck size={15} aria-hidden="true" />
          {t('documentPage.details.removed')}
        </h3>
        {document.strippedMetadata.length > 0 ? (
          <ul className="details__removed">
            {document.strippedMetadata.map((kind) => (
              <li key={kind}>
                {t(`document.metadata.${kind}` as 'document.metadata.exif', { defaultValue: kind })}
              </li>
            ))}
          </ul>
        ) : (
          <p className="details__empty">{t('documentPage.details.removedNone')}</p>
        )}
        <p className="details__visibility" data-public={document.public}>
          {document.public ? (
            <Globe size={15} aria-hidden="true" />
          ) : (
            <LockKeyhole size={15} aria-hidden="true" />
          )}
          <span>
            <strong>{document.public ? t('document.public') : t('document.private')}</strong>
            {' · '}
            {document.public
              ? t('documentPage.details.publicBody')
              : t('documentPage.details.privateBody', {
                  group: groupName ?? t('documentPage.details.group'),
                })}
          </span>
        </p>
      </section>

      <Citations document={document} />
    </div>
  );
}
