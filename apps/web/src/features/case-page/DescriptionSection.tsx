import { MAX_DESCRIPTION_LENGTH, type Case } from '@technopolice/shared';
import { AlignLeft, Pencil } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from './CaseHeader';
import { ConflictNotice, useCaseEdit } from './edit';
import { InlineActions } from './InlineActions';

/** What the project is, in the group's words: free text, edited in place. */
export function DescriptionSection({ caseData }: { caseData: Case }) {
  const { t } = useTranslation();
  const edit = useCaseEdit(caseData);
  const [draft, setDraft] = useState<string | null>(null);

  function close() {
    edit.reset();
    setDraft(null);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (draft !== null) edit.save({ description: draft }, () => setDraft(null));
  }

  return (
    <section className="case-section" aria-labelledby="case-description-title">
      <div className="case-section__header">
        <h2 id="case-description-title" className="case-section__title">
          <AlignLeft size={19} aria-hidden="true" />
          {t('casePage.description.title')}
        </h2>
        {draft === null && caseData.description ? (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => setDraft(caseData.description)}
            aria-label={t('casePage.description.edit')}
          >
            <Pencil size={14} aria-hidden="true" />
            {t('casePage.facts.edit')}
          </button>
        ) : null}
      </div>
      {draft !== null ? (
        <form className="facts__form" noValidate onSubmit={onSubmit}>
          <label htmlFor="case-description" className="visually-hidden">
            {t('casePage.description.title')}
          </label>
          <textarea
            id="case-description"
            className="input textarea case-description__input"
            rows={8}
            maxLength={MAX_DESCRIPTION_LENGTH}
            autoFocus
            placeholder={t('casePage.description.placeholder')}
            aria-invalid={edit.errors.description ? true : undefined}
            aria-describedby={edit.errors.description ? 'case-description-error' : undefined}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
          />
          {edit.errors.description ? (
            <p id="case-description-error" className="field__error">
              {edit.errors.description}
            </p>
          ) : null}
          {edit.conflict ? <ConflictNotice conflict={edit.conflict} caseData={caseData} /> : null}
          {edit.formError ? <FormError error={edit.formError} /> : null}
          <InlineActions className="facts__actions" pending={edit.pending} onCancel={close} />
        </form>
      ) : caseData.description ? (
        <div className="case-description">{caseData.description}</div>
      ) : (
        <div className="case-section__empty case-section__empty--action">
          <p>{t('casePage.description.empty')}</p>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => setDraft('')}
          >
            <Pencil size={14} aria-hidden="true" />
            {t('casePage.description.add')}
          </button>
        </div>
      )}
    </section>
  );
}
