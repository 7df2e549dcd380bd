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
import { ErrorState } from '../components/ErrorState';
import { Field } from '../components/Field';
import { LoadingRegion, Skeleton } from '../components/Loading';
import { Notice } from '../components/Notice';
import { PageHeader } from '../components/PageHeader';
import { ApiError } from '../lib/api';
import { type FieldErrors, serverErrors, useFocusFirstError, validate } from '../lib/forms';
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
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<unknown>(null);
  const [created, setCreated] = useState<CreatedUser | null>(null);
  const formRef = useFocusFirstError(errors);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    setCreated(null);
    const result = validate(
      createUserSchema,
      { username, password, ...(displayName.trim() ? { displayName } : {}) },
      t,
    );
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    createUser.mutate(result.data, {
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
        const split = serverErrors(error, USER_FIELDS);
        setErrors(split.fieldErrors);
        setFormError(split.formError);
      },
    });
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
      <Field
        id="admin-username"
        label={t('admin.username')}
        hint={t('admin.usernameHint')}
        error={errors.username}
      >
        {(control) => (
          <input
            {...control}
            className="input"
            type="text"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={32}
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
        )}
      </Field>
      <Field
        id="admin-display-name"
        label={t('admin.displayName')}
        hint={t('admin.displayNameHint')}
        error={errors.displayName}
        optional
      >
        {(control) => (
          <input
            {...control}
            className="input"
            type="text"
            autoComplete="off"
            maxLength={MAX_DISPLAY_NAME_LENGTH}
            value={displayName}
            onChange={(event) => setDisplayName(event.target.value)}
          />
        )}
      </Field>
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
      {formError ? <ErrorState error={formError} title={t('admin.createFailed')} /> : null}
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
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={createUser.isPending}>
          <UserRoundPlus size={16} aria-hidden="true" />
          {createUser.isPending ? t('admin.creating') : t('admin.create')}
        </button>
      </div>
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
    return (
      <ErrorState
        error={settings.error}
        onRetry={() => void settings.refetch()}
        retrying={settings.isFetching}
      />
    );
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
    return (
      <ErrorState
        error={audit.error}
        onRetry={() => void audit.refetch()}
        retrying={audit.isFetching}
      />
    );
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
    return (
      <ErrorState error={me.error} onRetry={() => void me.refetch()} retrying={me.isFetching} />
    );
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
