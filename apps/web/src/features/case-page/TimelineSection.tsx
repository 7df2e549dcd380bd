import {
  MAX_TITLE_LENGTH,
  createTimelineEntrySchema,
  updateTimelineEntrySchema,
  type Case,
  type CaseDocument,
  type TimelineEntry,
} from '@technopolice/shared';
import { CalendarDays, FileText, Pencil, Plus, Trash2 } from 'lucide-react';
import { Link } from 'react-router';
import { documentPath } from '../documents/DocumentList';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useLanguage } from '../../i18n';
import { sortDocuments } from '../../lib/documents';
import { useCreateTimelineEntry, useDeleteTimelineEntry, useUpdateTimelineEntry } from './api';
import { FormError } from './CaseHeader';
import { formatDay } from './format';
import { useItemForm } from './itemForm';
import { InlineActions } from './InlineActions';

const ENTRY_FIELDS = ['date', 'title', 'documentId'] as const;

/** Entries in the order things happened; same-day entries keep their order of entry. */
export function sortTimeline(entries: readonly TimelineEntry[]): TimelineEntry[] {
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) =>
      a.entry.date === b.entry.date ? a.index - b.index : a.entry.date < b.entry.date ? -1 : 1,
    )
    .map(({ entry }) => entry);
}

interface EntryDraft {
  date: string;
  title: string;
  /** '' when the entry cites no document. */
  documentId: string;
}

/** What the API receives of a draft: no document is `null`. */
function entryBody(draft: EntryDraft) {
  return { date: draft.date, title: draft.title, documentId: draft.documentId || null };
}

/** Date, title and cited document of an entry. */
function EntryForm({
  idPrefix,
  draft,
  onChange,
  documents,
  form,
  pending,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  idPrefix: string;
  draft: EntryDraft;
  documents: readonly CaseDocument[];
  onChange: (draft: EntryDraft) => void;
  form: ReturnType<typeof useItemForm>;
  pending: boolean;
  submitLabel: string;
  onSubmit: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const described = (field: 'date' | 'title') =>
    form.errors[field]
      ? { 'aria-invalid': true as const, 'aria-describedby': `${idPrefix}-${field}-error` }
      : {};
  return (
    <form
      className="entry-form"
      noValidate
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <div className="entry-form__fields">
        <div className="entry-form__date">
          <label htmlFor={`${idPrefix}-date`} className="task-fields__label">
            {t('casePage.timeline.date')}
          </label>
          <input
            id={`${idPrefix}-date`}
            type="date"
            className="input"
            autoFocus
            value={draft.date}
            onChange={(event) => onChange({ ...draft, date: event.target.value })}
            {...described('date')}
          />
          {form.errors.date ? (
            <p id={`${idPrefix}-date-error`} className="field__error">
              {form.errors.date}
            </p>
          ) : null}
        </div>
        <div className="entry-form__title">
          <label htmlFor={`${idPrefix}-title`} className="task-fields__label">
            {t('casePage.timeline.what')}
          </label>
          <input
            id={`${idPrefix}-title`}
            className="input"
            maxLength={MAX_TITLE_LENGTH}
            placeholder={t('casePage.timeline.whatPlaceholder')}
            value={draft.title}
            onChange={(event) => onChange({ ...draft, title: event.target.value })}
            {...described('title')}
          />
          {form.errors.title ? (
            <p id={`${idPrefix}-title-error`} className="field__error">
              {form.errors.title}
            </p>
          ) : null}
        </div>
        <div className="entry-form__document">
          <label htmlFor={`${idPrefix}-document`} className="task-fields__label">
            {t('casePage.timeline.document')}
          </label>
          <select
            id={`${idPrefix}-document`}
            className="input select"
            value={draft.documentId}
            onChange={(event) => onChange({ ...draft, documentId: event.target.value })}
            aria-describedby={
              form.errors.documentId ? `${idPrefix}-document-error` : `${idPrefix}-document-hint`
            }
            aria-invalid={form.errors.documentId ? true : undefined}
          >
            <option value="">{t('casePage.timeline.documentNone')}</option>
            {sortDocuments(documents, 'title').map((document) => (
              <option key={document.id} value={document.id}>
                {document.title}
              </option>
            ))}
            {draft.documentId && !documents.some((document) => document.id === draft.documentId) ? (
              <option value={draft.documentId}>{t('casePage.timeline.missing')}</option>
            ) : null}
          </select>
          <span id={`${idPrefix}-document-hint`} className="visually-hidden">
            {t('casePage.timeline.documentHint')}
          </span>
          {form.errors.documentId ? (
            <p id={`${idPrefix}-document-error`} className="field__error">
              {form.errors.documentId}
            </p>
          ) : null}
        </div>
      </div>
      {form.formError ? <FormError error={form.formError} /> : null}
      <InlineActions
        className="task-form__actions"
        pending={pending}
        onCancel={onCancel}
        label={submitLabel}
      />
    </form>
  );
}

function EntryRow({
  caseId,
  entry,
  documents,
  onDelete,
}: {
  caseId: string;
  entry: TimelineEntry;
  documents: readonly CaseDocument[] | undefined;
  onDelete: (entry: TimelineEntry) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const id = useId();
  const update = useUpdateTimelineEntry(caseId);
  const form = useItemForm(ENTRY_FIELDS, ['date']);
  const [draft, setDraft] = useState<EntryDraft | null>(null);

  if (draft) {
    return (
      <li className="timeline__entry timeline__entry--editing">
        <span className="timeline__dot" aria-hidden="true" />
        <EntryForm
          idPrefix={id}
          draft={draft}
          onChange={setDraft}
          documents={documents ?? []}
          form={form}
          pending={update.isPending}
          submitLabel={t('common.save')}
          onSubmit={() => {
            const body = form.check(updateTimelineEntrySchema, entryBody(draft));
            if (body)
              update.mutate(
                { entryId: entry.id, patch: body },
                { onSuccess: () => setDraft(null), onError: form.fail },
              );
          }}
          onCancel={() => {
            form.clear();
            setDraft(null);
          }}
        />
      </li>
    );
  }

  return (
    <li className="timeline__entry">
      <span className="timeline__dot" aria-hidden="true" />
      <div className="timeline__body">
        <time className="timeline__date" dateTime={entry.date}>
          {formatDay(entry.date, language)}
        </time>
        <p className="timeline__title">{entry.title}</p>
        {entry.documentId ? <CitedDocument id={entry.documentId} documents={documents} /> : null}
      </div>
      <div className="timeline__actions">
        <button
          type="button"
          className="icon-button"
          onClick={() => {
            form.clear();
            setDraft({ date: entry.date, title: entry.title, documentId: entry.documentId ?? '' });
          }}
          aria-label={t('casePage.timeline.edit', { title: entry.title })}
          title={t('casePage.timeline.edit', { title: entry.title })}
        >
          <Pencil size={15} aria-hidden="true" />
        </button>
        <button
          type="button"
          className="icon-button icon-button--danger"
          onClick={() => onDelete(entry)}
          aria-label={t('casePage.timeline.delete', { title: entry.title })}
          title={t('casePage.timeline.delete', { title: entry.title })}
        >
          <Trash2 size={15} aria-hidden="true" />
        </button>
      </div>
    </li>
  );
}

/** The document an entry cites, as a link to its page. */
function CitedDocument({
  id,
  documents,
}: {
  id: string;
  documents: readonly CaseDocument[] | undefined;
}) {
  const { t } = useTranslation();
  const document = documents?.find((item) => item.id === id);
  // Until the case's documents are read, the link is there without its title.
  if (documents && !document) return null;
  return (
    <Link
      to={documentPath(id)}
      className="timeline__document"
      aria-label={document ? t('casePage.timeline.open', { title: document.title }) : undefined}
    >
      <FileText size={14} aria-hidden="true" />
      <span>{document?.title ?? t('casePage.timeline.document')}</span>
    </Link>
  );
}

/** "Chronologie": the dated events of the project, oldest first, each citing a document or not. */
export function TimelineSection({
  caseData,
  documents,
}: {
  caseData: Case;
  /** The case's documents, to cite one; undefined while they load. */
  documents?: readonly CaseDocument[] | undefined;
}) {
  const { t } = useTranslation();
  const create = useCreateTimelineEntry(caseData.id);
  const remove = useDeleteTimelineEntry(caseData.id);
  const form = useItemForm(ENTRY_FIELDS, ['date']);
  const [draft, setDraft] = useState<EntryDraft | null>(null);
  const [deleting, setDeleting] = useState<TimelineEntry | null>(null);
  const entries = sortTimeline(caseData.timeline);

  return (
    <section className="case-section" aria-labelledby="case-timeline-title">
      <div className="case-section__header">
        <h2 id="case-timeline-title" className="case-section__title">
          <CalendarDays size={19} aria-hidden="true" />
          {t('casePage.timeline.title')}
        </h2>
      </div>
      {entries.length > 0 ? (
        <ol className="timeline">
          {entries.map((entry) => (
            <EntryRow
              key={entry.id}
              caseId={caseData.id}
              entry={entry}
              documents={documents}
              onDelete={(chosen) => {
                remove.reset();
                setDeleting(chosen);
              }}
            />
          ))}
        </ol>
      ) : (
        <p className="case-section__empty">{t('casePage.timeline.empty')}</p>
      )}
      {draft ? (
        <EntryForm
          idPrefix="case-new-entry"
          draft={draft}
          onChange={setDraft}
          documents={documents ?? []}
          form={form}
          pending={create.isPending}
          submitLabel={t('casePage.timeline.addSubmit')}
          onSubmit={() => {
            const body = form.check(createTimelineEntrySchema, entryBody(draft));
            if (body) create.mutate(body, { onSuccess: () => setDraft(null), onError: form.fail });
          }}
          onCancel={() => {
            form.clear();
            setDraft(null);
          }}
        />
      ) : (
        <button
          type="button"
          className="button button--secondary button--small case-section__add"
          onClick={() => setDraft({ date: '', title: '', documentId: '' })}
        >
          <Plus size={15} aria-hidden="true" />
          {t('casePage.timeline.add')}
        </button>
      )}
      {deleting ? (
        <ConfirmDialog
          title={t('casePage.timeline.deleteTitle', { title: deleting.title })}
          confirmLabel={t('casePage.timeline.deleteConfirm')}
          danger
          busy={remove.isPending}
          error={remove.isError ? <FormError error={remove.error} /> : undefined}
          onCancel={() => setDeleting(null)}
          onConfirm={() =>
            remove.mutate({ entryId: deleting.id }, { onSuccess: () => setDeleting(null) })
          }
        >
          <p>{t('casePage.timeline.deleteBody')}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
