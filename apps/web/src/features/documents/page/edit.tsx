import {
  updateDocumentSchema,
  type DocumentDetail,
  type DocumentFields,
} from '@technopolice/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../../components/Notice';
import { isStaleDocument, useUpdateDocument } from '../../../lib/documents';
import { type FieldErrors, serverErrors, validate } from '../../../lib/forms';
import { formatDay } from '../../case-page/format';
import { useDocumentLabels } from '../parts';

/** The fields of a document its page edits. */
export type DocumentField = keyof DocumentFields;

/** Someone else saved the document between our read and our write. */
export interface DocumentConflict {
  fields: DocumentField[];
  /** The version our write was based on; the notice waits for a newer one. */
  version: number;
}

/**
 * One edit of a document: checked with the shared schema, sent with the version it was read
 * at. A stale version (409) keeps the draft and raises a conflict while the document is read
 * again; field errors (400) go next to their field.
 */
export function useDocumentEdit(document: DocumentDetail) {
  const { t } = useTranslation();
  const update = useUpdateDocument(document.id);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<DocumentConflict | null>(null);

  function reset() {
    setErrors({});
    setFormError(null);
    setConflict(null);
    update.reset();
  }

  function save(changes: DocumentFields, onSaved?: () => void): boolean {
    const version = document.version;
    const result = validate(updateDocumentSchema, { ...changes, version }, t);
    if (!result.ok) {
      setErrors(result.errors);
      return false;
    }
    setErrors({});
    setFormError(null);
    setConflict(null);
    const fields = Object.keys(changes) as DocumentField[];
    update.mutate(result.data, {
      onSuccess: () => onSaved?.(),
      onError: (error) => {
        if (isStaleDocument(error)) {
          setConflict({ fields, version });
          return;
        }
        const split = serverErrors(error, fields);
        setErrors(split.fieldErrors);
        setFormError(split.formError);
      },
    });
    return true;
  }

  return { save, reset, pending: update.isPending, errors, formError, conflict };
}

/** A field's current value in words, for the conflict notice. */
function useDescribe(): (field: DocumentField, document: DocumentDetail) => string {
  const { t } = useTranslation();
  const labels = useDocumentLabels();
  const none = t('documentPage.details.none');
  return (field, document) => {
    switch (field) {
      case 'title':
        return document.title;
      case 'kind':
        return labels.kind(document.kind);
      case 'date':
        return document.date ? formatDay(document.date, labels.language) : none;
      case 'source':
        return document.source || none;
      case 'obtainedBy':
        return document.obtainedBy ? labels.acquisition(document.obtainedBy) : none;
      case 'description':
        return document.description
          ? document.description.length > 140
            ? `${document.description.slice(0, 140)}…`
            : document.description
          : none;
    }
  };
}

const FIELD_LABELS: Record<
  DocumentField,
  'documentPage.titleLabel' | `documentPage.details.${Exclude<DocumentField, 'title'>}`
> = {
  title: 'documentPage.titleLabel',
  kind: 'documentPage.details.kind',
  date: 'documentPage.details.date',
  source: 'documentPage.details.source',
  obtainedBy: 'documentPage.details.obtainedBy',
  description: 'documentPage.details.description',
};

/** Someone else saved first: what they saved, and that ours is still here to send again. */
export function DocumentConflictNotice({
  conflict,
  document,
}: {
  conflict: DocumentConflict;
  document: DocumentDetail;
}) {
  const { t } = useTranslation();
  const describe = useDescribe();
  const refreshed = document.version > conflict.version;
  return (
    <Notice tone="warning" role="alert" title={t('documentPage.details.conflictTitle')}>
      {refreshed ? (
        <>
          <ul className="case-conflict__values">
            {conflict.fields.map((field) => (
              <li key={field}>
                {t('documentPage.details.conflictNow', {
                  field: t(FIELD_LABELS[field]),
                  value: describe(field, document),
                })}
              </li>
            ))}
          </ul>
          <p>{t('documentPage.details.conflictBody')}</p>
        </>
      ) : (
        <p>{t('documentPage.details.conflictLoading')}</p>
      )}
    </Notice>
  );
}
