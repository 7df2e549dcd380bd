import {
  createUserSchema,
  MAX_DISPLAY_NAME_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from '@technopolice/shared';
import { Eye, EyeOff, ShieldHalf, UserRoundPlus } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { AuditLog } from '../components/AuditLog';
import { EmptyState } from '../components/EmptyState';
import { ErrorState, QueryErrorState } from '../components/ErrorState';
import { Field, TextField } from '../components/Field';
import { FormFooter } from '../components/FormFooter';
import { LoadingRegion, Skeleton } from '../components/Loading';
import { Notice } from '../components/Notice';
import { PageHeader } from '../components/PageHeader';
import { ApiError } from '../lib/api';
import { useSchemaForm } from '../lib/forms';
import {
  type CreatedUser,
  useAdminAudit,
  useAdminSettings,
  useCreateUser,
  useMe,
  useUpdateAdminSettings,
} from '../lib/identity';

const USER_FIELDS = ['username', 'displayName', 'password'] as const;

function CreateAccountForm() {
  const { t } = useTranslation();
  const createUser = useCreateUser();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [created, setCreated] = useState<CreatedUser | null>(null);
  const { errors, setErrors, formError, formRef, submit, showServerError } =
    useSchemaForm(USER_FIELDS);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    setCreated(null);
    submit(
      event,
      createUserSchema,
      { username, password, ...(displayName.trim() ? { displayName } : {}) },
      (data) =>
        createUser.mutate(data, {
          onSuccess: (user) => {
            setCreated(user);
            setUsername('');
            setDisplayName('');
            setPassword('');
            setShowPassword(false);
          },
          onError: (error) => {
            if (error instanceof ApiError && error.code === 'username_taken') {
              setErrors({ username: t('admin.usernameTaken') });
              return;
            }
            showServerError(error);
          },
        }),
    );
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
      <TextField
        id="admin-username"
        label={t('admin.username')}
        hint={t('admin.usernameHint')}
        error={errors.username}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={32}
        value={username}
        onChange={setUsername}
      />
      <TextField
        id="admin-display-name"
        label={t('admin.displayName')}
        hint={t('admin.displayNameHint')}
        error={errors.displayName}
        optional
        autoComplete="off"
        maxLength={MAX_DISPLAY_NAME_LENGTH}
        value={displayName}
        onChange={setDisplayName}
      />
      <Field
        id="admin-password"
        label={t('admin.password')}
        hint={t('admin.passwordHint', { min: PASSWORD_MIN_LENGTH })}
        error={errors.password}
      >
        {(control) => (
          <span className="password-field">
            <input
              {...control}
              className="input"
              type={showPassword ? 'text' : 'password'}
              autoComplete="new-password"
              maxLength={PASSWORD_MAX_LENGTH}
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
            <button
              type="button"
              className="icon-button password-field__toggle"
              aria-pressed={showPassword}
              aria-label={t('admin.showPassword')}
              title={t('admin.showPassword')}
              onClick={() => setShowPassword((shown) => !shown)}
            >
              {showPassword ? (
                <EyeOff size={18} aria-hidden="true" />
              ) : (
                <Eye size={18} aria-hidden="true" />
              )}
            </button>
          </span>
        )}
      </Field>
      <FormFooter
        error={formError}
        errorTitle={t('admin.createFailed')}
        pending={createUser.isPending}
        icon={UserRoundPlus}
        label={t('admin.create')}
        pendingLabel={t('admin.creating')}
      >
        {created ? (
          <Notice tone="success" role="status" title={t('admin.createdTitle')}>
            <p>
              <Trans
                i18nKey="admin.createdBody"
                values={{ username: created.username }}
                components={{ strong: <strong /> }}
              />
            </p>
          </Notice>
        ) : null}
      </FormFooter>
    </form>
  );
}

function RegistrationSetting() {
  const { t } = useTranslation();
  const settings = useAdminSettings();
  const update = useUpdateAdminSettings();

  if (settings.isPending) {
    return (
      <LoadingRegion label={t('common.loading')}>
        <Skeleton className="skeleton--row" />
      </LoadingRegion>
    );
  }
  if (settings.isError) {
    return <QueryErrorState query={settings} />;
  }
  const open = settings.data.registrationOpen;
  return (
    <div className="stack">
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          className="switch__input"
          checked={open}
          disabled={update.isPending}
          aria-describedby="registration-hint"
          onChange={(event) => update.mutate({ registrationOpen: event.target.checked })}
        />
        <span className="switch__track" aria-hidden="true">
          <span className="switch__thumb" />
        </span>
        <span className="switch__label">{t('admin.registrationOpen')}</span>
      </label>
      <p id="registration-hint" className="field__hint">
        {open ? t('admin.registrationOpenHint') : t('admin.registrationClosedHint')}
      </p>
      {update.isError ? (
        <ErrorState error={update.error} title={t('admin.settingsFailed')} />
      ) : null}
    </div>
  );
}

function InstanceAudit() {
  const { t } = useTranslation();
  const audit = useAdminAudit();
  if (audit.isPending) {
    return (
      <LoadingRegion label={t('journal.loading')}>
        <Skeleton className="skeleton--row" />
        <Skeleton className="skeleton--row" />
      </LoadingRegion>
    );
  }
  if (audit.isError) {
    return <QueryErrorState query={audit} />;
  }
  return <AuditLog events={audit.data} emptyBody={t('admin.auditEmpty')} />;
}

/** `/admin` (instance admins): accounts, registration, and the instance's security journal. */
export function AdminPage() {
  const { t } = useTranslation();
  const me = useMe();

  if (me.isPending) {
    return (
      <LoadingRegion label={t('common.loading')}>
        <Skeleton className="skeleton--heading" />
      </LoadingRegion>
    );
  }
  if (me.isError) {
    return <QueryErrorState query={me} />;
  }
  if (!me.data.isInstanceAdmin) {
    return (
      <>
        <PageHeader title={t('admin.title')} />
        <EmptyState icon={ShieldHalf} title={t('admin.restrictedTitle')}>
          <p>{t('admin.restrictedBody')}</p>
        </EmptyState>
      </>
    );
  }

  return (
    <>
      <PageHeader
        eyebrow={t('admin.eyebrow')}
        title={t('admin.title')}
        description={t('admin.description')}
      />
      <div className="admin-grid">
        <section className="panel" aria-labelledby="create-account-title">
          <h2 id="create-account-title" className="panel__title">
            {t('admin.createTitle')}
          </h2>
          <p className="panel__description">{t('admin.createDescription')}</p>
          <CreateAccountForm />
        </section>
        <section className="panel" aria-labelledby="registration-title">
          <h2 id="registration-title" className="panel__title">
            {t('admin.registrationTitle')}
          </h2>
          <p className="panel__description">{t('admin.registrationDescription')}</p>
          <RegistrationSetting />
        </section>
      </div>
      <section className="admin-audit" aria-labelledby="instance-audit-title">
        <div className="section-intro">
          <h2 id="instance-audit-title" className="section__title">
            {t('admin.auditTitle')}
          </h2>
          <p className="section__description">{t('admin.auditDescription')}</p>
        </div>
        <InstanceAudit />
      </section>
    </>
  );
}
