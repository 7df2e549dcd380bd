import { GROUP_ROLES, type InvitationPreview } from '@technopolice/shared';
import {
  CalendarClock,
  LinkIcon,
  LogIn,
  MailOpen,
  UserPlus,
  UserRoundPen,
  UsersRound,
} from 'lucide-react';
import { Trans, useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorState, QueryErrorState } from '../components/ErrorState';
import { LoadingRegion, Skeleton } from '../components/Loading';
import { Notice } from '../components/Notice';
import { useLabel, useLanguage } from '../i18n';
import { ApiError } from '../lib/api';
import { useAuth } from '../lib/auth';
import { formatDateTime } from '../lib/format';
import { useAcceptInvitation, useAuthConfig, useInvitationPreview } from '../lib/identity';

type Problem = NonNullable<InvitationPreview['problem']> | 'unknown';

const GONE_CODES: Record<string, Problem> = {
  invitation_expired: 'expired',
  invitation_revoked: 'revoked',
  invitation_used_up: 'used_up',
};

/** A link that no longer opens the group: why, and what to do. */
function ProblemCard({ problem, groupName }: { problem: Problem; groupName?: string }) {
  const { t } = useTranslation();
  return (
    <div className="invitation-card invitation-card--problem">
      <title>{`${t(`invitation.problems.${problem}.title`)} · ${t('app.name')}`}</title>
      <span className="invitation-card__icon invitation-card__icon--problem" aria-hidden="true">
        <LinkIcon size={26} />
      </span>
      <p className="invitation-card__eyebrow">{t('invitation.eyebrow')}</p>
      <h1 className="invitation-card__title" tabIndex={-1}>
        {t(`invitation.problems.${problem}.title`)}
      </h1>
      <p className="invitation-card__text">
        {groupName
          ? t(`invitation.problems.${problem}.bodyGroup`, { group: groupName })
          : t(`invitation.problems.${problem}.body`)}
      </p>
      <p className="invitation-card__hint">{t('invitation.askAgain')}</p>
      <p>
        <Link to="/" className="button button--secondary">
          {t('invitation.home')}
        </Link>
      </p>
    </div>
  );
}

/** `/invitations/:token`: what the link offers, then sign in (or create an account) and join. */
export function InvitationPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const language = useLanguage();
  const navigate = useNavigate();
  const { token = '' } = useParams();
  const { status, login, register } = useAuth();
  const preview = useInvitationPreview(token);
  const config = useAuthConfig();
  const accept = useAcceptInvitation(token);

  if (preview.isPending) {
    return (
      <div className="invitation-card">
        <LoadingRegion label={t('invitation.loading')}>
          <Skeleton className="skeleton--heading" />
          <Skeleton className="skeleton--text" />
          <Skeleton className="skeleton--card" />
        </LoadingRegion>
      </div>
    );
  }
  if (preview.isError) {
    if (preview.error.statusCode === 404) return <ProblemCard problem="unknown" />;
    return <QueryErrorState query={preview} />;
  }

  const { group, role, expiresAt } = preview.data;
  const gone =
    accept.error instanceof ApiError && accept.error.statusCode === 410
      ? (GONE_CODES[accept.error.code] ?? 'expired')
      : null;
  const problem = preview.data.problem ?? gone;
  if (problem) return <ProblemCard problem={problem} groupName={group.name} />;

  const roleLabel = label(GROUP_ROLES[role]);
  const here = `${window.location.origin}/invitations/${encodeURIComponent(token)}`;
  const canRegister = config.data ? config.data.registration !== 'none' : false;

  return (
    <div className="invitation-card">
      <title>{`${t('invitation.title', { group: group.name })} · ${t('app.name')}`}</title>
      <span className="invitation-card__icon" aria-hidden="true">
        <MailOpen size={26} />
      </span>
      <p className="invitation-card__eyebrow">{t('invitation.eyebrow')}</p>
      <h1 className="invitation-card__title" tabIndex={-1}>
        <Trans
          i18nKey="invitation.heading"
          values={{ group: group.name, role: roleLabel.toLocaleLowerCase(language) }}
          components={{ group: <strong className="invitation-card__group" />, role: <span /> }}
        />
      </h1>
      <ul className="invitation-card__facts">
        <li>
          <UsersRound size={17} aria-hidden="true" />
          <span>{t(`invitation.roleDescriptions.${role}`)}</span>
        </li>
        <li>
          <CalendarClock size={17} aria-hidden="true" />
          <span>{t('invitation.validUntil', { date: formatDateTime(expiresAt, language) })}</span>
        </li>
      </ul>

      {status === 'signed-in' ? (
        <div className="invitation-card__actions">
          {accept.isError && !gone ? (
            <ErrorState error={accept.error} title={t('invitation.acceptFailed')} />
          ) : null}
          <button
            type="button"
            className="button button--primary button--large"
            disabled={accept.isPending}
            onClick={() =>
              accept.mutate(undefined, {
                onSuccess: ({ groupId }) => void navigate(`/groupes/${groupId}`),
              })
            }
          >
            <UserPlus size={18} aria-hidden="true" />
            {accept.isPending ? t('invitation.joining') : t('invitation.join')}
          </button>
        </div>
      ) : (
        <>
          <div className="invitation-card__actions">
            <button
              type="button"
              className="button button--primary button--large"
              onClick={() => void login({ redirectUri: here })}
            >
              <LogIn size={18} aria-hidden="true" />
              {t('invitation.loginToAccept')}
            </button>
            {canRegister ? (
              <button
                type="button"
                className="button button--secondary button--large"
                onClick={() => void register(token)}
              >
                <UserRoundPen size={18} aria-hidden="true" />
                {t('auth.register')}
              </button>
            ) : null}
          </div>
          <Notice tone="info" className="invitation-card__privacy">
            {canRegister ? t('invitation.pseudonymHint') : t('invitation.noRegistration')}
          </Notice>
        </>
      )}
    </div>
  );
}
