import { createGroupSchema } from '@technopolice/shared';
import { Plus } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FormFooter } from '../components/FormFooter';
import { GroupList } from '../components/GroupCards';
import { PageHeader } from '../components/PageHeader';
import { useSchemaForm } from '../lib/forms';
import { useCreateGroup, useGroups } from '../lib/identity';
import { GROUP_FIELDS, GroupFields } from './group/GroupFields';

/** "Créer un groupe": name and description, checked with the API's own schema. */
function CreateGroupForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const createGroup = useCreateGroup();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const { errors, formError, formRef, submit, showServerError } = useSchemaForm(GROUP_FIELDS);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    submit(
      event,
      createGroupSchema,
      { name, ...(description.trim() ? { description } : {}) },
      (data) =>
        createGroup.mutate(data, {
          onSuccess: (group) => void navigate(`/groupes/${group.id}`),
          onError: showServerError,
        }),
    );
  }

  return (
    <section className="panel" aria-labelledby="create-group-title">
      <h2 id="create-group-title" className="panel__title">
        {t('groups.create')}
      </h2>
      <p className="panel__description">{t('groups.createDescription')}</p>
      <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
        <GroupFields
          idPrefix="group"
          name={name}
          onNameChange={setName}
          description={description}
          onDescriptionChange={setDescription}
          errors={errors}
          nameHint
          descriptionRows={4}
        />
        <FormFooter
          error={formError}
          errorTitle={t('groups.createFailed')}
          pending={createGroup.isPending}
          icon={Plus}
          label={t('groups.create')}
          pendingLabel={t('groups.creating')}
        />
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
          <GroupList
            groups={groups}
            layout="list"
            empty={<p className="empty-state__hint">{t('groups.emptyHint')}</p>}
          />
        </section>
        <div className="split__aside">
          <CreateGroupForm />
        </div>
      </div>
    </>
  );
}
