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
import { ErrorState } from '../components/ErrorState';
import { Field } from '../components/Field';
import { LoadingRegion, Skeleton } from '../components/Loading';
import { Notice } from '../components/Notice';
import { PageHeader } from '../components/PageHeader';
import { RoleBadge } from '../components/RoleBadge';
import { setLanguage } from '../i18n';
import { type FieldErrors, serverErrors, useFocusFirstError, validate } from '../lib/forms';
import { useMe, useUpdateMe } from '../lib/identity';

const FIELDS = ['displayName', 'language'] as const;

function ProfileForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const update = useUpdateMe();
  const [displayName, setDisplayName] = useState(me.displayName);
  const [language, setChosenLanguage] = useState<Language>(me.language);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<unknown>(null);
  const formRef = useFocusFirstError(errors);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    update.reset();
    const result = validate(updateMeSchema, { displayName, language }, t);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    update.mutate(result.data, {
      onSuccess: (saved) => {
        setDisplayName(saved.displayName);
        void setLanguage(saved.language);
      },
      onError: (error) => {
        const split = serverErrors(error, FIELDS);
        setErrors(split.fieldErrors);
        setFormError(split.formError);
      },
    });
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
      <Field
        id="profile-display-name"
        label={t('profile.displayName')}
        hint={t('profile.displayNameHint')}
        error={errors.displayName}
      >
        {(control) => (
          <input
            {...control}
            className="input"
            type="text"
            autoComplete="nickname"
            maxLength={MAX_DISPLAY_NAME_LENGTH}
            value={displayName}
            onChange={(event) => setDisplayName(event.target.value)}
          />
        )}
      </Field>
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
      {formError ? <ErrorState error={formError} title={t('profile.failed')} /> : null}
      {update.isSuccess ? (
        <Notice tone="success" role="status">
          {t('profile.saved')}
        </Notice>
      ) : null}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={update.isPending}>
          <Save size={16} aria-hidden="true" />
          {update.isPending ? t('common.saving') : t('common.save')}
        </button>
      </div>
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
        <ErrorState error={me.error} onRetry={() => void me.refetch()} retrying={me.isFetching} />
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
