import {
  createCaseSchema,
  MAX_DESCRIPTION_LENGTH,
  MAX_TITLE_LENGTH,
  PROJECT_STATUS_IDS,
  PROJECT_STATUSES,
  TECHNOLOGIES,
  TECHNOLOGY_IDS,
  type City,
  type ProjectStatus,
  type Technology,
} from '@technopolice/shared';
import { CircleAlert, Plus } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Field, TextField } from '../../../components/Field';
import { FormFooter } from '../../../components/FormFooter';
import { TechnologyIcon } from '../../../components/TechnologyIcon';
import { useLabel } from '../../../i18n';
import { useCreateCase } from '../../../lib/cases';
import { serverErrors, useFocusFirstError, validate, type FieldErrors } from '../../../lib/forms';
import { casePath } from './CaseCard';
import { CityPicker } from './CityPicker';
import { Dialog } from './Dialog';

/** The fields the form sends, as the API names them (server errors land on them). */
export const CREATE_CASE_FIELDS = [
  'title',
  'cityCode',
  'technologies',
  'projectStatus',
  'description',
] as const;

/** "Nouveau dossier": title, commune, technologies, project status and a description. */
export function CreateCaseDialog({ groupId, onClose }: { groupId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const navigate = useNavigate();
  const createCase = useCreateCase(groupId);
  const [title, setTitle] = useState('');
  const [city, setCity] = useState<City | null>(null);
  const [technologies, setTechnologies] = useState<Technology[]>([]);
  const [projectStatus, setProjectStatus] = useState<ProjectStatus>('announced');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<unknown>(null);
  const formRef = useFocusFirstError(errors);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const result = validate(
      createCaseSchema,
      {
        title,
        cityCode: city?.code ?? '',
        technologies,
        projectStatus,
        ...(description.trim() ? { description } : {}),
      },
      t,
    );
    if (!result.ok) {
      setErrors({
        ...result.errors,
        ...(result.errors.cityCode ? { cityCode: t('board.create.cityRequired') } : {}),
        ...(result.errors.technologies
          ? { technologies: t('board.create.technologiesRequired') }
          : {}),
      });
      return;
    }
    setErrors({});
    createCase.mutate(result.data, {
      onSuccess: (created) => {
        onClose();
        void navigate(casePath(created.id));
      },
      onError: (error) => {
        const split = serverErrors(error, CREATE_CASE_FIELDS);
        setErrors(split.fieldErrors);
        setFormError(split.formError);
      },
    });
  }

  const technologyErrorId = 'new-case-technologies-error';
  return (
    <Dialog
      title={t('board.create.title')}
      description={t('board.create.description')}
      onClose={onClose}
      wide
    >
      <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
        <TextField
          id="new-case-title"
          label={t('board.create.fields.title')}
          hint={t('board.create.fields.titleHint')}
          error={errors.title}
          maxLength={MAX_TITLE_LENGTH}
          autoComplete="off"
          value={title}
          onChange={setTitle}
        />
        <Field
          id="new-case-city"
          label={t('board.create.fields.city')}
          hint={t('board.create.fields.cityHint')}
          error={errors.cityCode}
        >
          {(control) => <CityPicker control={control} value={city} onChange={setCity} />}
        </Field>
        <fieldset
          className="fieldset"
          aria-describedby={errors.technologies ? technologyErrorId : undefined}
        >
          <legend className="field__label">{t('board.create.fields.technologies')}</legend>
          <div className="tech-options">
            {TECHNOLOGY_IDS.map((id) => (
              <label key={id} className="tech-option">
                <input
                  type="checkbox"
                  checked={technologies.includes(id)}
                  aria-invalid={errors.technologies ? true : undefined}
                  onChange={() =>
                    setTechnologies((current) =>
                      current.includes(id)
                        ? current.filter((entry) => entry !== id)
                        : [...current, id],
                    )
                  }
                />
                <TechnologyIcon id={id} size={16} />
                <span>{label(TECHNOLOGIES[id])}</span>
              </label>
            ))}
          </div>
          {errors.technologies ? (
            <p id={technologyErrorId} className="field__error">
              <CircleAlert size={15} aria-hidden="true" />
              <span>{errors.technologies}</span>
            </p>
          ) : null}
        </fieldset>
        <Field
          id="new-case-status"
          label={t('board.create.fields.projectStatus')}
          hint={t('board.create.fields.projectStatusHint')}
          error={errors.projectStatus}
        >
          {(control) => (
            <select
              {...control}
              className="input select"
              value={projectStatus}
              onChange={(event) => setProjectStatus(event.target.value as ProjectStatus)}
            >
              {PROJECT_STATUS_IDS.map((id) => (
                <option key={id} value={id}>
                  {label(PROJECT_STATUSES[id])}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="new-case-description"
          label={t('board.create.fields.description')}
          error={errors.description}
          optional
        >
          {(control) => (
            <textarea
              {...control}
              className="input textarea"
              rows={3}
              maxLength={MAX_DESCRIPTION_LENGTH}
              value={description}
              onChange={(event) => setDescription(event.target.value)}
            />
          )}
        </Field>
        <FormFooter
          error={formError}
          errorTitle={t('board.create.failed')}
          pending={createCase.isPending}
          icon={Plus}
          label={t('board.create.submit')}
          pendingLabel={t('board.create.submitting')}
        />
      </form>
    </Dialog>
  );
}
