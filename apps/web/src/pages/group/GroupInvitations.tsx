import {
  createInvitationSchema,
  GROUP_ROLE_IDS,
  GROUP_ROLES,
  INVITATION_DEFAULT_DAYS,
  INVITATION_MAX_DAYS,
  type CreatedInvitation,
  type GroupRole,
  type Invitation,
} from '@technopolice/shared';
import { Ban, Check, Copy, Link2, MailPlus } from 'lucide-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState, QueryErrorState } from '../../components/ErrorState';
import { Field } from '../../components/Field';
import { LoadingRegion, Skeleton } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import { RoleBadge } from '../../components/RoleBadge';
import { useLabel, useLanguage } from '../../i18n';
import { formatDate, formatDateTime } from '../../lib/format';
import { type FieldErrors, serverErrors, useFocusFirstError, validate } from '../../lib/forms';
import { useCreateInvitation, useInvitations, useRevokeInvitation } from '../../lib/identity';
import { useGroupContext } from './context';
import { RestrictedSection } from './RestrictedSection';

/** Where an invitation stands, from what the API tells about it. */
export type InvitationStatus = 'active' | 'expired' | 'revoked' | 'used_up';

export function invitationStatus(invitation: Invitation, now: number): InvitationStatus {
  if (invitation.revokedAt) return 'revoked';
  if (new Date(invitation.expiresAt).getTime() <= now) return 'expired';
  if (invitation.maxUses !== null && invitation.uses >= invitation.maxUses) return 'used_up';
  return 'active';
}

const FIELDS = ['role', 'maxUses', 'expiresInDays'] as const;

/** The link of a new invitation, shown once: copy it now. */
function CreatedLink({
  invitation,
  onDone,
}: {
  invitation: CreatedInvitation;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(invitation.url);
      setCopied('yes');
    } catch {
      // No clipboard access (permissions, insecure origin): the link is selected instead.
      inputRef.current?.select();
      setCopied('failed');
    }
  }

  return (
    <section className="created-link" aria-labelledby="created-link-title">
      <h3 id="created-link-title" className="created-link__title">
        <Link2 size={18} aria-hidden="true" />
        {t('invitations.createdTitle')}
      </h3>
      <p className="created-link__body">{t('invitations.createdBody')}</p>
      <div className="copy-field">
        <label htmlFor="invitation-link" className="visually-hidden">
          {t('invitations.link')}
        </label>
        <input
          ref={inputRef}
          id="invitation-link"
          className="input copy-field__input"
          readOnly
          value={invitation.url}
          onFocus={(event) => event.target.select()}
        />
        <button type="button" className="button button--primary" onClick={() => void copy()}>
          {copied === 'yes' ? (
            <Check size={16} aria-hidden="true" />
          ) : (
            <Copy size={16} aria-hidden="true" />
          )}
          {copied === 'yes' ? t('invitations.copied') : t('invitations.copy')}
        </button>
      </div>
      <p className="created-link__status" role="status">
        {copied === 'yes'
          ? t('invitations.copiedStatus')
          : copied === 'failed'
            ? t('invitations.copyFailed')
            : ''}
      </p>
      <button type="button" className="button button--secondary" onClick={onDone}>
        {t('invitations.done')}
      </button>
    </section>
  );
}

function CreateInvitationForm({ roles }: { roles: readonly GroupRole[] }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { group } = useGroupContext();
  const create = useCreateInvitation(group.id);
  const [role, setRole] = useState<GroupRole>('member');
  const [uses, setUses] = useState<'single' | 'unlimited'>('single');
  const [days, setDays] = useState(String(INVITATION_DEFAULT_DAYS));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<unknown>(null);
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const formRef = useFocusFirstError(errors);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const result = validate(
      createInvitationSchema,
      {
        role,
        maxUses: uses === 'single' ? 1 : null,
        expiresInDays: days.trim() === '' ? Number.NaN : Number(days),
      },
      t,
    );
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    create.mutate(result.data, {
      onSuccess: (invitation) => setCreated(invitation),
      onError: (error) => {
        const split = serverErrors(error, FIELDS);
        setErrors(split.fieldErrors);
        setFormError(split.formError);
      },
    });
  }

  if (created) return <CreatedLink invitation={created} onDone={() => setCreated(null)} />;

  return (
    <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
      <div className="form__row">
        <Field id="invitation-role" label={t('invitations.fields.role')} error={errors.role}>
          {(control) => (
            <select
              {...control}
              className="input select"
              value={role}
              onChange={(event) => setRole(event.target.value as GroupRole)}
            >
              {roles.map((id) => (
                <option key={id} value={id}>
                  {label(GROUP_ROLES[id])}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="invitation-days"
          label={t('invitations.fields.expiresInDays')}
          hint={t('invitations.fields.expiresInDaysHint', { max: INVITATION_MAX_DAYS })}
          error={errors.expiresInDays}
        >
          {(control) => (
            <input
              {...control}
              className="input input--short"
              type="number"
              inputMode="numeric"
              min={1}
              max={INVITATION_MAX_DAYS}
              step={1}
              value={days}
              onChange={(event) => setDays(event.target.value)}
            />
          )}
        </Field>
      </div>
      <fieldset
        className="fieldset"
        aria-describedby={errors.maxUses ? 'invitation-uses-error' : undefined}
      >
        <legend className="field__label">{t('invitations.fields.uses')}</legend>
        <div className="choice-group">
          {(['single', 'unlimited'] as const).map((choice) => (
            <label key={choice} className="choice">
              <input
                type="radio"
                name="invitation-uses"
                value={choice}
                checked={uses === choice}
                onChange={() => setUses(choice)}
                aria-labelledby={`invitation-uses-${choice}`}
                aria-describedby={`invitation-uses-${choice}-hint`}
              />
              <span>
                <span id={`invitation-uses-${choice}`} className="choice__title">
                  {t(`invitations.${choice}`)}
                </span>
                <span id={`invitation-uses-${choice}-hint`} className="choice__hint">
                  {t(`invitations.${choice}Hint`)}
                </span>
              </span>
            </label>
          ))}
        </div>
        {errors.maxUses ? (
          <p id="invitation-uses-error" className="field__error">
            {errors.maxUses}
          </p>
        ) : null}
      </fieldset>
      {formError ? <ErrorState error={formError} title={t('invitations.createFailed')} /> : null}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          <MailPlus size={16} aria-hidden="true" />
          {create.isPending ? t('invitations.creating') : t('invitations.create')}
        </button>
      </div>
    </form>
  );
}

function InvitationRow({
  invitation,
  now,
  onRevoke,
}: {
  invitation: Invitation;
  /** When the list was read: statuses do not flicker while it is shown. */
  now: number;
  onRevoke: (invitation: Invitation) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const status = invitationStatus(invitation, now);
  const uses =
    invitation.maxUses === null
      ? t('invitations.usesUnlimited', { count: invitation.uses })
      : t('invitations.usesOf', { count: invitation.uses, max: invitation.maxUses });
  const expiry =
    status === 'revoked' && invitation.revokedAt
      ? t('invitations.revokedOn', { date: formatDateTime(invitation.revokedAt, language) })
      : new Date(invitation.expiresAt).getTime() <= now
        ? t('invitations.expiredOn', { date: formatDateTime(invitation.expiresAt, language) })
        : t('invitations.expiresOn', { date: formatDateTime(invitation.expiresAt, language) });

  return (
    <li className="invitation-row" data-status={status}>
      <span className="invitation-row__main">
        <span className="invitation-row__badges">
          <span className="status-badge" data-status={status}>
            {t(`invitations.status.${status}`)}
          </span>
          <RoleBadge role={invitation.role} />
        </span>
        <span className="invitation-row__meta">
          {uses} · {expiry}
        </span>
        <span className="invitation-row__by">
          {t('invitations.createdBy', {
            name: invitation.createdBy.displayName,
            date: formatDate(invitation.createdAt, language),
          })}
        </span>
      </span>
      {status === 'active' ? (
        <button
          type="button"
          className="button button--secondary button--small button--danger-outline"
          onClick={() => onRevoke(invitation)}
        >
          <Ban size={15} aria-hidden="true" />
          {t('invitations.revoke')}
        </button>
      ) : null}
    </li>
  );
}

/** The "Invitations" section: create a link (shown once), follow and revoke the others. */
export function GroupInvitations() {
  const { t } = useTranslation();
  const { group, isAdmin, canInvite } = useGroupContext();
  const invitations = useInvitations(group.id, canInvite);
  const revoke = useRevokeInvitation(group.id);
  const [revoking, setRevoking] = useState<Invitation | null>(null);

  if (!canInvite) return <RestrictedSection reason="invite" />;

  // Coordinators invite members and coordinators; only admins make admins.
  const roles = isAdmin ? GROUP_ROLE_IDS : GROUP_ROLE_IDS.filter((role) => role !== 'admin');

  return (
    <div className="invitations">
      <section className="panel" aria-labelledby="new-invitation-title">
        <h2 id="new-invitation-title" className="panel__title">
          {t('invitations.newTitle')}
        </h2>
        <p className="panel__description">{t('invitations.newDescription')}</p>
        <CreateInvitationForm roles={roles} />
      </section>

      <section aria-labelledby="invitation-list-title">
        <h2 id="invitation-list-title" className="section__title section__title--spaced">
          {t('invitations.listTitle')}
        </h2>
        {invitations.isPending ? (
          <LoadingRegion label={t('invitations.loading')}>
            <Skeleton className="skeleton--row" />
            <Skeleton className="skeleton--row" />
          </LoadingRegion>
        ) : invitations.isError ? (
          <QueryErrorState query={invitations} />
        ) : invitations.data.length === 0 ? (
          <EmptyState icon={MailPlus} title={t('invitations.emptyTitle')} headingLevel={3}>
            <p>{t('invitations.emptyBody')}</p>
          </EmptyState>
        ) : (
          <ul className="invitation-list">
            {invitations.data.map((invitation) => (
              <InvitationRow
                key={invitation.id}
                invitation={invitation}
                now={invitations.dataUpdatedAt}
                onRevoke={(chosen) => {
                  revoke.reset();
                  setRevoking(chosen);
                }}
              />
            ))}
          </ul>
        )}
      </section>

      {revoking ? (
        <ConfirmDialog
          title={t('invitations.revokeTitle')}
          confirmLabel={t('invitations.revokeConfirm')}
          danger
          busy={revoke.isPending}
          error={
            revoke.isError ? (
              <ErrorState error={revoke.error} title={t('invitations.revokeFailed')} />
            ) : null
          }
          onCancel={() => setRevoking(null)}
          onConfirm={() =>
            revoke.mutate({ invitationId: revoking.id }, { onSuccess: () => setRevoking(null) })
          }
        >
          <p>{t('invitations.revokeBody')}</p>
        </ConfirmDialog>
      ) : null}
      {revoke.isSuccess && !revoking ? (
        <Notice tone="success" role="status" className="visually-hidden">
          {t('invitations.revoked')}
        </Notice>
      ) : null}
    </div>
  );
}
