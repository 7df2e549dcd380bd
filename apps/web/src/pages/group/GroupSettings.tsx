import { MAX_DESCRIPTION_LENGTH, MAX_TITLE_LENGTH, updateGroupSchema } from '@technopolice/shared';
import { Save } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState';
import { Field } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { type FieldErrors, serverErrors, useFocusFirstError, validate } from '../../lib/forms';
import { useUpdateGroup } from '../../lib/identity';
import { useGroupContext } from './context';
import { RestrictedSection } from './RestrictedSection';

const FIELDS = ['name', 'description'] as const;

/** The "Paramètres" section (admins): the group's name and description. */
export function GroupSettings() {
  const { t } = useTranslation();
  const { group, isAdmin } = useGroupContext();
  const update = useUpdateGroup(group.id);
  const [name, setName] = useState(group.name);
  const [description, setDescription] = useState(group.description);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<unknown>(null);
  const formRef = useFocusFirstError(errors);

  if (!isAdmin) return <RestrictedSection reason="admin" />;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    update.reset();
    const result = validate(updateGroupSchema, { name, description }, t);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    update.mutate(result.data, {
      onError: (error) => {
        const split = serverErrors(error, FIELDS);
        setErrors(split.fieldErrors);
        setFormError(split.formError);
      },
    });
  }

  return (
    <section className="panel panel--narrow" aria-labelledby="settings-title">
      <h2 id="settings-title" className="panel__title">
        {t('groupSettings.title')}
      </h2>
      <p className="panel__description">{t('groupSettings.description')}</p>
      <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
        <Field id="settings-name" label={t('groups.fields.name')} error={errors.name}>
          {(control) => (
            <input
              {...control}
              className="input"
              type="text"
              autoComplete="off"
              maxLength={MAX_TITLE_LENGTH}
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
          )}
        </Field>
        <Field
          id="settings-description"
          label={t('groups.fields.description')}
          hint={t('groups.fields.descriptionHint')}
          error={errors.description}
          optional
        >
          {(control) => (
            <textarea
              {...control}
              className="input textarea"
              rows={5}
              maxLength={MAX_DESCRIPTION_LENGTH}
              value={description}
              onChange={(event) => setDescription(event.target.value)}
            />
          )}
        </Field>
        {formError ? <ErrorState error={formError} title={t('groupSettings.failed')} /> : null}
        {update.isSuccess ? (
          <Notice tone="success" role="status">
            {t('groupSettings.saved')}
          </Notice>
        ) : null}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={update.isPending}>
            <Save size={16} aria-hidden="true" />
            {update.isPending ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
