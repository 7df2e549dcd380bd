import type { Case, CaseDocument, Publication } from '@technopolice/shared';
import { Camera, TriangleAlert } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryErrorState } from '../../components/ErrorState';
import { LoadingRegion, Skeleton } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import { useLanguage } from '../../i18n';
import { useCaseDocuments } from '../../lib/documents';
import { type Published, usePublish } from '../../lib/publishing';
import { Dialog } from '../cases/components/Dialog';
import { FamilyIcon, formatBytes, kindLabel } from '../documents/parts';
import { ActionError } from './ActionError';

/** Photos may show faces: they are flagged before they become public. */
export function mayShowFaces(document: Pick<CaseDocument, 'kind' | 'mimeType'>): boolean {
  return document.kind === 'photo' || document.mimeType.startsWith('image/');
}

/**
 * "Publier": which documents of the case the public page shows (the previous revision's are
 * ticked), a change note (asked for every revision after the first), and a plain warning that
 * all of it becomes public.
 */
export function PublishDialog({
  caseData,
  previous,
  onClose,
  onPublished,
}: {
  caseData: Case;
  /** The publication so far; null for a first publication. */
  previous: Publication | null;
  onClose: () => void;
  onPublished: (published: Published) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const documents = useCaseDocuments(caseData.id);
  const publish = usePublish(caseData.id);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(
    () => new Set(previous?.documentIds ?? []),
  );
  const [note, setNote] = useState('');
  const [noteMissing, setNoteMissing] = useState(false);
  const noteId = useId();
  const listId = useId();
  const revision = previous !== null;
  const items = documents.data?.items ?? [];

  const toggle = (documentId: string) =>
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(documentId)) next.delete(documentId);
      else next.add(documentId);
      return next;
    });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const changeNote = note.trim();
    if (revision && changeNote === '') {
      setNoteMissing(true);
      document.getElementById(noteId)?.focus();
      return;
    }
    // The case's order (the list's), only documents still in the case.
    const documentIds = items.filter((item) => chosen.has(item.id)).map((item) => item.id);
    publish.mutate(
      { documentIds, ...(changeNote ? { changeNote } : {}) },
      { onSuccess: onPublished },
    );
  }

  const photos = items.filter((item) => chosen.has(item.id) && mayShowFaces(item)).length;

  return (
    <Dialog
      title={revision ? t('publication.dialog.titleRevision') : t('publication.dialog.title')}
      onClose={onClose}
      wide
    >
      <form className="dialog__form publish-dialog" noValidate onSubmit={onSubmit}>
        <Notice tone="warning" title={t('publication.dialog.warningTitle')}>
          <p>{t('publication.dialog.warning')}</p>
        </Notice>
        <fieldset className="publish-dialog__documents" aria-describedby={`${listId}-hint`}>
          <legend className="field__label">{t('publication.dialog.documents')}</legend>
          <p id={`${listId}-hint`} className="field__hint">
            {t('publication.dialog.documentsHint')}
          </p>
          {documents.isPending ? (
            <LoadingRegion label={t('publication.dialog.loadingDocuments')}>
              <Skeleton className="skeleton--card" />
            </LoadingRegion>
          ) : documents.isError ? (
            <QueryErrorState query={documents} />
          ) : items.length === 0 ? (
            <p className="review-block__empty">{t('publication.dialog.noDocuments')}</p>
          ) : (
            <>
              <div className="publish-dialog__bulk">
                <span>
                  {t('publication.dialog.chosen', { count: chosen.size, total: items.length })}
                </span>
                <button
                  type="button"
                  className="button button--ghost button--small"
                  onClick={() => setChosen(new Set(items.map((item) => item.id)))}
                >
                  {t('publication.dialog.all')}
                </button>
                <button
                  type="button"
                  className="button button--ghost button--small"
                  onClick={() => setChosen(new Set())}
                >
                  {t('publication.dialog.none')}
                </button>
              </div>
              <ul className="publish-dialog__list">
                {items.map((item) => {
                  const id = `${listId}-${item.id}`;
                  const faces = mayShowFaces(item);
                  return (
                    <li
                      key={item.id}
                      className="publish-document"
                      data-chosen={chosen.has(item.id)}
                    >
                      <input
                        id={id}
                        type="checkbox"
                        className="publish-document__check"
                        checked={chosen.has(item.id)}
                        aria-describedby={faces ? `${id}-faces` : undefined}
                        onChange={() => toggle(item.id)}
                      />
                      <FamilyIcon family={item.family} size={18} />
                      <label htmlFor={id} className="publish-document__label">
                        <span className="publish-document__title">{item.title}</span>
                        <span className="publish-document__meta">
                          {kindLabel(item.kind, language)} · {formatBytes(item.size, language)}
                        </span>
                        {faces ? (
                          <span id={`${id}-faces`} className="publish-document__faces">
                            <Camera size={14} aria-hidden="true" />
                            {t('publication.dialog.faces')}
                          </span>
                        ) : null}
                      </label>
                    </li>
                  );
                })}
              </ul>
            </>
          )}
        </fieldset>
        {photos > 0 ? (
          <p className="publish-dialog__photos" role="status">
            <TriangleAlert size={15} aria-hidden="true" />
            {t('publication.dialog.photosChosen', { count: photos })}
          </p>
        ) : null}
        <div className="field" data-invalid={noteMissing || undefined}>
          <label htmlFor={noteId} className="field__label">
            {t('publication.dialog.changeNote')}
            {revision ? null : <span className="field__optional"> {t('review.optional')}</span>}
          </label>
          <p id={`${noteId}-hint`} className="field__hint">
            {revision
              ? t('publication.dialog.changeNoteHintRevision', {
                  number: (previous?.revision ?? 0) + 1,
                })
              : t('publication.dialog.changeNoteHint')}
          </p>
          <textarea
            id={noteId}
            className="input textarea"
            rows={3}
            maxLength={2000}
            required={revision}
            aria-invalid={noteMissing || undefined}
            aria-describedby={`${noteId}-hint`}
            value={note}
            onChange={(event) => {
              setNote(event.target.value);
              setNoteMissing(false);
            }}
          />
          {noteMissing ? (
            <p className="field__error" role="alert">
              {t('publication.dialog.changeNoteRequired')}
            </p>
          ) : null}
        </div>
        {publish.isError ? <ActionError error={publish.error} /> : null}
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--publish" disabled={publish.isPending}>
            {publish.isPending
              ? t('publication.dialog.publishing')
              : revision
                ? t('publication.dialog.confirmRevision', { number: (previous?.revision ?? 0) + 1 })
                : t('publication.dialog.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
