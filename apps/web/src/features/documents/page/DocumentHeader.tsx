import { MAX_TITLE_LENGTH, type DocumentDetail } from '@technopolice/shared';
import { CalendarDays, ChevronRight, Download, LockKeyhole, Pencil, Trash2 } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { useDeleteDocument, type useDownloadDocument } from '../../../lib/documents';
import { FormError } from '../../case-page/CaseHeader';
import { formatDay } from '../../case-page/format';
import { InlineActions } from '../../case-page/InlineActions';
import { FamilyIcon, TextStatusBadge, useDocumentLabels } from '../parts';
import { DocumentConflictNotice, useDocumentEdit } from './edit';

/** The case's Documents tab. */
export function caseDocumentsPath(caseId: string): string {
  return `/dossiers/${encodeURIComponent(caseId)}?onglet=documents`;
}

/** The title as the page's heading, turned into a text field by its pencil. */
function TitleEditor({ document }: { document: DocumentDetail }) {
  const { t } = useTranslation();
  const id = useId();
  const edit = useDocumentEdit(document);
  const [draft, setDraft] = useState<string | null>(null);

  const close = () => {
    setDraft(null);
    edit.reset();
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (draft === null) return;
    if (draft.trim() === document.title && !edit.conflict) {
      close();
      return;
    }
    edit.save({ title: draft }, close);
  };

  if (draft === null)
    return (
      <div className="case-title">
        <h1 className="case-title__text document-title" tabIndex={-1}>
          {document.title}
        </h1>
        <button
          type="button"
          className="icon-button case-title__edit"
          onClick={() => setDraft(document.title)}
          aria-label={t('documentPage.editTitle')}
          title={t('documentPage.editTitle')}
        >
          <Pencil size={17} aria-hidden="true" />
        </button>
      </div>
    );

  return (
    <form className="case-title case-title--editing" noValidate onSubmit={onSubmit}>
      <h1 className="visually-hidden" tabIndex={-1}>
        {document.title}
      </h1>
      <div className="case-title__field">
        <label htmlFor={id} className="visually-hidden">
          {t('documentPage.titleLabel')}
        </label>
        <input
          id={id}
          className="input case-title__input"
          value={draft}
          maxLength={MAX_TITLE_LENGTH}
          autoFocus
          aria-invalid={edit.errors.title ? true : undefined}
          aria-describedby={edit.errors.title ? `${id}-error` : undefined}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') close();
          }}
        />
        {edit.errors.title ? (
          <p id={`${id}-error`} className="field__error">
            {edit.errors.title}
          </p>
        ) : null}
        {edit.conflict ? (
          <DocumentConflictNotice conflict={edit.conflict} document={document} />
        ) : null}
        {edit.formError ? <FormError error={edit.formError} /> : null}
      </div>
      <InlineActions className="case-title__actions" pending={edit.pending} onCancel={close} />
    </form>
  );
}

/**
 * The top of a document's page: where it belongs (its case), its title, kind, date, text
 * status, that it is private, and what can be done with it (download; delete for its uploader,
 * coordinators and admins).
 */
export function DocumentHeader({
  document,
  canDelete,
  download,
}: {
  document: DocumentDetail;
  canDelete: boolean;
  download: ReturnType<typeof useDownloadDocument>;
}) {
  const { t } = useTranslation();
  const labels = useDocumentLabels();
  const navigate = useNavigate();
  const remove = useDeleteDocument();
  const [deleting, setDeleting] = useState(false);

  return (
    <header className="case-header document-header">
      <title>{`${document.title} · ${t('app.name')}`}</title>
      <nav aria-label={t('documentPage.trail')} className="case-trail">
        <ol className="case-trail__list">
          <li>
            <Link to="/documents">{t('nav.documents')}</Link>
          </li>
          <li aria-hidden="true">
            <ChevronRight size={14} />
          </li>
          <li>
            <Link to={caseDocumentsPath(document.caseId)}>{document.caseTitle}</Link>
          </li>
        </ol>
      </nav>
      <div className="document-header__main">
        <FamilyIcon family={document.family} size={26} />
        <TitleEditor document={document} />
      </div>
      <div className="document-header__meta">
        <span className="case-chip">{labels.kind(document.kind)}</span>
        {document.date ? (
          <span className="document-header__fact">
            <CalendarDays size={15} aria-hidden="true" />
            <time dateTime={document.date}>{formatDay(document.date, labels.language)}</time>
          </span>
        ) : null}
        <TextStatusBadge document={document} />
        {document.public ? null : (
          <span className="document-header__fact document-header__private">
            <LockKeyhole size={15} aria-hidden="true" />
            {t('document.private')}
          </span>
        )}
        <div className="document-header__actions">
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={download.isPending}
            onClick={() =>
              download.mutate({ documentId: document.id, fileName: document.fileName })
            }
          >
            <Download size={15} aria-hidden="true" />
            {download.isPending ? t('documentPage.downloading') : t('documentPage.download')}
          </button>
          {canDelete ? (
            <button
              type="button"
              className="button button--danger-outline button--small"
              onClick={() => {
                remove.reset();
                setDeleting(true);
              }}
            >
              <Trash2 size={15} aria-hidden="true" />
              {t('documentPage.delete')}
            </button>
          ) : null}
        </div>
      </div>
      {download.isError ? (
        <p className="field__error" role="alert">
          {t('documentPage.downloadFailed', { message: download.error.message })}
        </p>
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={t('documentPage.deleteTitle', { title: document.title })}
          confirmLabel={t('documentPage.deleteConfirm')}
          danger
          busy={remove.isPending}
          error={remove.isError ? <FormError error={remove.error} /> : undefined}
          onCancel={() => setDeleting(false)}
          onConfirm={() =>
            remove.mutate(
              { documentId: document.id, caseId: document.caseId },
              {
                onSuccess: () => {
                  setDeleting(false);
                  void navigate(caseDocumentsPath(document.caseId));
                },
              },
            )
          }
        >
          <p>{t('documentPage.deleteBody')}</p>
        </ConfirmDialog>
      ) : null}
    </header>
  );
}
