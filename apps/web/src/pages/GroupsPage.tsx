import { createGroupSchema, MAX_DESCRIPTION_LENGTH, MAX_TITLE_LENGTH } from '@technopolice/shared';
import { Plus, UsersRound } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { EmptyState } from '../components/EmptyState';
import { ErrorState } from '../components/ErrorState';
import { Field } from '../components/Field';
import { GroupCards } from '../components/GroupCards';
import { LoadingRegion, Skeleton } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { type FieldErrors, serverErrors, useFocusFirstError, validate } from '../lib/forms';
import { useCreateGroup, useGroups } from '../lib/identity';

const FIELDS = ['name', 'description'] as const;

/** "Créer un groupe": name and description, checked with the API's own schema. */
function CreateGroupForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const createGroup = useCreateGroup();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<unknown>(null);
  const formRef = useFocusFirstError(errors);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const result = validate(
      createGroupSchema,
      { name, ...(description.trim() ? { description } : {}) },
      t,
    );
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    createGroup.mutate(result.data, {
      onSuccess: (group) => void navigate(`/groupes/${group.id}`),
      onError: (error) => {
        const split = serverErrors(error, FIELDS);
        setErrors(split.fieldErrors);
        setFormError(split.formError);
      },
    });
  }

  return (
    <section className="panel" aria-labelledby="create-group-title">
      <h2 id="create-group-title" className="panel__title">
        {t('groups.create')}
      </h2>
      <p className="panel__description">{t('groups.createDescription')}</p>
      <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
        <Field
          id="group-name"
          label={t('groups.fields.name')}
          hint={t('groups.fields.nameHint')}
          error={errors.name}
        >
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
          id="group-description"
          label={t('groups.fields.description')}
          hint={t('groups.fields.descriptionHint')}
          error={errors.description}
          optional
        >
          {(control) => (
            <textarea
              {...control}
              className="input textarea"
              rows={4}
              maxLength={MAX_DESCRIPTION_LENGTH}
              value={description}
              onChange={(event) => setDescription(event.target.value)}
            />
          )}
        </Field>
        {formError ? <ErrorState error={formError} title={t('groups.createFailed')} /> : null}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={createGroup.isPending}>
            <Plus size={16} aria-hidden="true" />
            {createGroup.isPending ? t('groups.creating') : t('groups.create')}
          </button>
        </div>
      </form>
    </section>
  );
}

export function GroupsPage() {
  const { t } = useTranslation();
  const groups = useGroups();

  return (
    <>
      <PageHeader title={t('groups.title')} description={t('groups.description')} />
      <div className="split">
        <section className="split__main" aria-labelledby="my-groups-title">
          <h2 id="my-groups-title" className="section__title section__title--spaced">
            {t('groups.mine')}
          </h2>
          {groups.isPending ? (
            <LoadingRegion label={t('groups.loading')}>
              <div className="group-grid">
                <Skeleton className="skeleton--card" />
                <Skeleton className="skeleton--card" />
              </div>
            </LoadingRegion>
          ) : groups.isError ? (
            <ErrorState
              error={groups.error}
              onRetry={() => void groups.refetch()}
              retrying={groups.isFetching}
            />
          ) : groups.data.length === 0 ? (
            <EmptyState icon={UsersRound} title={t('groups.emptyTitle')} headingLevel={3}>
              <p>{t('groups.emptyBody')}</p>
              <p className="empty-state__hint">{t('groups.emptyHint')}</p>
            </EmptyState>
          ) : (
            <GroupCards groups={groups.data} layout="list" />
          )}
        </section>
        <div className="split__aside">
          <CreateGroupForm />
        </div>
      </div>
    </>
  );
}
