import {
  LANGUAGES,
  MAX_DISPLAY_NAME_LENGTH,
  updateMeSchema,
  type Language,
  type Me,
} from '@technopolice/shared';
import { KeyRound, Save, ShieldCheck } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Avatar } from '../components/Avatar';
import { QueryErrorState } from '../components/ErrorState';
import { Field, TextField } from '../components/Field';
import { FormFooter } from '../components/FormFooter';
import { LoadingRegion, Skeleton } from '../components/Loading';
import { Notice } from '../components/Notice';
import { PageHeader } from '../components/PageHeader';
import { RoleBadge } from '../components/RoleBadge';
import { setLanguage } from '../i18n';
import { useSchemaForm } from '../lib/forms';
import { useMe, useUpdateMe } from '../lib/identity';
import { ProfileDigest } from './ProfileDigest';

const FIELDS = ['displayName', 'language'] as const;

function ProfileForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const update = useUpdateMe();
  const [displayName, setDisplayName] = useState(me.displayName);
  const [language, setChosenLanguage] = useState<Language>(me.language);
  const { errors, formError, formRef, submit, showServerError } = useSchemaForm(FIELDS);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    update.reset();
    submit(event, updateMeSchema, { displayName, language }, (data) =>
      update.mutate(data, {
        onSuccess: (saved) => {
          setDisplayName(saved.displayName);
          void setLanguage(saved.language);
        },
        onError: showServerError,
      }),
    );
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
      <TextField
        id="profile-display-name"
        label={t('profile.displayName')}
        hint={t('profile.displayNameHint')}
        error={errors.displayName}
        autoComplete="nickname"
        maxLength={MAX_DISPLAY_NAME_LENGTH}
        value={displayName}
        onChange={setDisplayName}
      />
      <Field
        id="profile-language"
        label={t('profile.language')}
        hint={t('profile.languageHint')}
        error={errors.language}
      >
        {(control) => (
          <select
            {...control}
            className="input select"
            value={language}
            onChange={(event) => setChosenLanguage(event.target.value as Language)}
          >
            {LANGUAGES.map((id) => (
              <option key={id} value={id} lang={id}>
                {t(`language.${id}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <FormFooter
        error={formError}
        errorTitle={t('profile.failed')}
        pending={update.isPending}
        icon={Save}
        label={t('common.save')}
        pendingLabel={t('common.saving')}
      >
        {update.isSuccess ? (
          <Notice tone="success" role="status">
            {t('profile.saved')}
          </Notice>
        ) : null}
      </FormFooter>
    </form>
  );
}

/** `/profil`: the pseudonym others see, the language of the interface, the sign-in name. */
export function ProfilePage() {
  const { t } = useTranslation();
  const me = useMe();

  return (
    <>
      <PageHeader title={t('profile.title')} description={t('profile.description')} />
      {me.isPending ? (
        <LoadingRegion label={t('profile.loading')}>
          <Skeleton className="skeleton--card" />
        </LoadingRegion>
      ) : me.isError ? (
        <QueryErrorState query={me} />
      ) : (
        <div className="split">
          <section className="panel split__main" aria-labelledby="profile-form-title">
            <div className="profile-head">
              <Avatar name={me.data.displayName} size="lg" />
              <div>
                <h2 id="profile-form-title" className="panel__title">
                  {me.data.displayName}
                </h2>
                <p className="profile-head__username">
                  <KeyRound size={15} aria-hidden="true" />
                  <span>
                    <Trans
                      i18nKey="profile.usernameLine"
                      values={{ username: me.data.username }}
                      components={{ strong: <strong /> }}
                    />
                  </span>
                </p>
              </div>
            </div>
            <p className="panel__description">{t('profile.usernameHint')}</p>
            <ProfileForm me={me.data} />
          </section>
          <aside className="split__aside stack">
            <Notice tone="info" title={t('profile.privacyTitle')}>
              <p>{t('profile.privacyBody')}</p>
            </Notice>
            <ProfileDigest />
            <section className="panel" aria-labelledby="profile-groups-title">
              <h2 id="profile-groups-title" className="panel__title panel__title--small">
                <ShieldCheck size={17} aria-hidden="true" />
                {t('profile.groupsTitle')}
              </h2>
              {me.data.groups.length === 0 ? (
                <p className="panel__description">{t('groups.emptyBody')}</p>
              ) : (
                <ul className="compact-list">
                  {me.data.groups.map((group) => (
                    <li key={group.id} className="compact-list__item">
                      <span>{group.name}</span>
                      <RoleBadge role={group.role} />
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </aside>
        </div>
      )}
    </>
  );
}
