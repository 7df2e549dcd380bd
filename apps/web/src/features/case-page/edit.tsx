import {
  CASE_STAGES,
  PROJECT_STATUSES,
  TECHNOLOGIES,
  updateCaseSchema,
  type Case,
  type UpdateCase,
} from '@technopolice/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/Notice';
import { useLanguage } from '../../i18n';
import { ApiError } from '../../lib/api';
import { isStaleVersion, useUpdateCase } from '../../lib/cases';
import { type FieldErrors, serverErrors, validate } from '../../lib/forms';
import { formatEuros, formatList } from './format';

/** The fields of a case its page edits. */
export type EditableField = Exclude<keyof UpdateCase, 'version' | 'position'>;
export type CaseChanges = Partial<Pick<UpdateCase, EditableField>>;

/** Someone else changed the case between our read and our write. */
export interface Conflict {
  fields: EditableField[];
  /** The version our write was based on; the notice waits for a newer one. */
  version: number;
}

/**
 * One edit of a case's facts: checks the changes with the shared schema, sends them with the
 * version they were read at, and sorts the refusals. A stale version (409) leaves the draft as
 * it is and raises a {@link Conflict} (the case is read again by `useUpdateCase`); a forbidden
 * stage move and field errors (400) show next to their field.
 */
export function useCaseEdit(caseData: Case) {
  const { t } = useTranslation();
  const update = useUpdateCase();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);

  function reset() {
    setErrors({});
    setFormError(null);
    setConflict(null);
    update.reset();
  }

  function save(changes: CaseChanges, onSaved?: (saved: Case) => void): boolean {
    const version = caseData.version;
    const result = validate(updateCaseSchema, { version, ...changes }, t);
    if (!result.ok) {
      setErrors(result.errors);
      return false;
    }
    setErrors({});
    setFormError(null);
    setConflict(null);
    const fields = Object.keys(changes) as EditableField[];
    update.mutate(
      { caseId: caseData.id, patch: result.data },
      {
        onSuccess: (saved) => onSaved?.(saved),
        onError: (error) => {
          if (isStaleVersion(error)) {
            setConflict({ fields, version });
            return;
          }
          if (error instanceof ApiError && error.code === 'stage_forbidden') {
            setErrors({ stage: t('casePage.stage.forbidden') });
            return;
          }
          const split = serverErrors(error, fields);
          setErrors(split.fieldErrors);
          setFormError(split.formError);
        },
      },
    );
    return true;
  }

  return { save, reset, setErrors, pending: update.isPending, errors, formError, conflict };
}

/** A field's current value in words, for the conflict notice. */
export function useDescribeField(): (field: EditableField, value: Case) => string {
  const { t } = useTranslation();
  const language = useLanguage();
  return (field, value) => {
    const none = t('casePage.facts.none');
    switch (field) {
      case 'title':
        return value.title;
      case 'stage':
        return CASE_STAGES[value.stage][language];
      case 'projectStatus':
        return PROJECT_STATUSES[value.projectStatus][language];
      case 'cityCode':
        return `${value.city.name} (${value.city.departmentCode})`;
      case 'technologies':
        return formatList(
          value.technologies.map((id) => TECHNOLOGIES[id][language]),
          language,
        );
      case 'tags':
        return value.tags.length > 0 ? formatList(value.tags, language) : none;
      case 'budgetEuros':
        return value.budgetEuros === null ? none : formatEuros(value.budgetEuros, language);
      case 'budgetSource':
        return value.budgetSource || none;
      case 'description':
        return value.description
          ? value.description.length > 140
            ? `${value.description.slice(0, 140)}…`
            : value.description
          : none;
      case 'actors':
        return value.actors.length > 0
          ? formatList(
              value.actors.map((actor) => actor.name),
              language,
            )
          : none;
      default:
        return '';
    }
  };
}

/**
 * Someone else saved the case first: what they saved, and that ours is still here to review
 * and send again.
 */
export function ConflictNotice({
  conflict,
  caseData,
  kept = true,
  onDismiss,
}: {
  conflict: Conflict;
  caseData: Case;
  /** The draft is still in the form (false for selects that save on change). */
  kept?: boolean;
  onDismiss?: () => void;
}) {
  const { t } = useTranslation();
  const describe = useDescribeField();
  const refreshed = caseData.version > conflict.version;
  return (
    <Notice tone="warning" role="alert" title={t('casePage.conflict.title')}>
      {refreshed ? (
        <>
          <ul className="case-conflict__values">
            {conflict.fields.map((field) => (
              <li key={field}>
                {t('casePage.conflict.now', {
                  field: t(`casePage.fields.${field}`),
                  value: describe(field, caseData),
                })}
              </li>
            ))}
          </ul>
          <p>{kept ? t('casePage.conflict.body') : t('casePage.conflict.bodyRedo')}</p>
          {onDismiss ? (
            <p>
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={onDismiss}
              >
                {t('casePage.conflict.dismiss')}
              </button>
            </p>
          ) : null}
        </>
      ) : (
        <p>{t('casePage.conflict.loading')}</p>
      )}
    </Notice>
  );
}
