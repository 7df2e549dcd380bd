import { updateGroupSchema } from '@technopolice/shared';
import { Save } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormFooter } from '../../components/FormFooter';
import { Notice } from '../../components/Notice';
import { useSchemaForm } from '../../lib/forms';
import { useUpdateGroup } from '../../lib/identity';
import { useGroupContext } from './context';
import { ApprovalRuleSettings } from './ApprovalRuleSettings';
import { GROUP_FIELDS, GroupFields } from './GroupFields';
import { RestrictedSection } from './RestrictedSection';

/** The "Paramètres" section (admins): the group's name and description, its publication rule. */
export function GroupSettings() {
  const { t } = useTranslation();
  const { group, isAdmin } = useGroupContext();
  const update = useUpdateGroup(group.id);
  const [name, setName] = useState(group.name);
  const [description, setDescription] = useState(group.description);
  const { errors, formError, formRef, submit, showServerError } = useSchemaForm(GROUP_FIELDS);

  if (!isAdmin) return <RestrictedSection reason="admin" />;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    update.reset();
    submit(event, updateGroupSchema, { name, description }, (data) =>
      update.mutate(data, { onError: showServerError }),
    );
  }

  return (
    <div className="settings-stack">
      <section className="panel panel--narrow" aria-labelledby="settings-title">
        <h2 id="settings-title" className="panel__title">
          {t('groupSettings.title')}
        </h2>
        <p className="panel__description">{t('groupSettings.description')}</p>
        <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
          <GroupFields
            idPrefix="settings"
            name={name}
            onNameChange={setName}
            description={description}
            onDescriptionChange={setDescription}
            errors={errors}
            descriptionRows={5}
          />
          <FormFooter
            error={formError}
            errorTitle={t('groupSettings.failed')}
            pending={update.isPending}
            icon={Save}
            label={t('common.save')}
            pendingLabel={t('common.saving')}
          >
            {update.isSuccess ? (
              <Notice tone="success" role="status">
                {t('groupSettings.saved')}
              </Notice>
            ) : null}
          </FormFooter>
        </form>
      </section>
      <ApprovalRuleSettings />
    </div>
  );
}
