import { GROUP_ROLE_IDS, GROUP_ROLES, type GroupRole, type Member } from '@technopolice/shared';
import { UserMinus, UsersRound } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Avatar } from '../../components/Avatar';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState, QueryErrorState } from '../../components/ErrorState';
import { LoadingRegion, Skeleton } from '../../components/Loading';
import { RoleBadge } from '../../components/RoleBadge';
import { useLabel, useLanguage } from '../../i18n';
import { ApiError } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useChangeMemberRole, useMe, useMembers, useRemoveMember } from '../../lib/identity';
import { useGroupContext } from './context';
import { LastAdminNotice } from './LastAdminNotice';

/** An error of a change of membership: the last-admin rule gets its own words. */
function MembershipError({ error, action }: { error: unknown; action: 'demote' | 'remove' }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.code === 'last_admin')
    return <LastAdminNotice action={action} />;
  return <ErrorState error={error} title={t('members.changeFailed')} />;
}

/** The "Membres" section: who is in the group; admins change roles and remove people. */
export function GroupMembers() {
  const { t } = useTranslation();
  const label = useLabel();
  const language = useLanguage();
  const { group, isAdmin } = useGroupContext();
  const me = useMe();
  const members = useMembers(group.id);
  const changeRole = useChangeMemberRole(group.id);
  const removeMember = useRemoveMember(group.id);
  const [removing, setRemoving] = useState<Member | null>(null);

  if (members.isPending) {
    return (
      <LoadingRegion label={t('members.loading')}>
        <Skeleton className="skeleton--row" />
        <Skeleton className="skeleton--row" />
        <Skeleton className="skeleton--row" />
      </LoadingRegion>
    );
  }
  if (members.isError) {
    return <QueryErrorState query={members} />;
  }
  if (members.data.length === 0) {
    return (
      <EmptyState icon={UsersRound} title={t('members.emptyTitle')}>
        <p>{t('members.emptyBody')}</p>
      </EmptyState>
    );
  }

  const onRoleChange = (member: Member, role: GroupRole) => {
    removeMember.reset();
    changeRole.mutate({ userId: member.userId, role });
  };

  return (
    <section aria-labelledby="members-title">
      <div className="section__header">
        <h2 id="members-title" className="section__title">
          {t('members.title')}
        </h2>
        <span className="badge">{t('group.memberCount', { count: members.data.length })}</span>
      </div>
      <p className="section__description">
        {isAdmin ? t('members.descriptionAdmin') : t('members.description')}
      </p>
      {changeRole.isError ? (
        <div className="stack-gap">
          <MembershipError error={changeRole.error} action="demote" />
        </div>
      ) : null}
      <ul className="member-list">
        {members.data.map((member) => {
          const isMe = member.userId === me.data?.id;
          const selectId = `role-${member.userId}`;
          return (
            <li key={member.userId} className="member-row">
              <Avatar name={member.displayName} />
              <span className="member-row__who">
                <span className="member-row__name">
                  <span>{member.displayName}</span>
                  {isMe ? <span className="member-row__you">{t('members.you')}</span> : null}
                </span>
                <span className="member-row__since">
                  {t('members.joinedOn', { date: formatDate(member.joinedAt, language) })}
                </span>
              </span>
              <span className="member-row__role">
                {isAdmin ? (
                  <>
                    <label htmlFor={selectId} className="visually-hidden">
                      {t('members.roleOf', { name: member.displayName })}
                    </label>
                    <select
                      id={selectId}
                      className="input select select--compact"
                      value={member.role}
                      disabled={changeRole.isPending}
                      onChange={(event) => onRoleChange(member, event.target.value as GroupRole)}
                    >
                      {GROUP_ROLE_IDS.map((role) => (
                        <option key={role} value={role}>
                          {label(GROUP_ROLES[role])}
                        </option>
                      ))}
                    </select>
                  </>
                ) : (
                  <RoleBadge role={member.role} />
                )}
              </span>
              {isAdmin && !isMe ? (
                <button
                  type="button"
                  className="icon-button icon-button--danger"
                  aria-label={t('members.remove', { name: member.displayName })}
                  title={t('members.remove', { name: member.displayName })}
                  onClick={() => {
                    removeMember.reset();
                    changeRole.reset();
                    setRemoving(member);
                  }}
                >
                  <UserMinus size={18} aria-hidden="true" />
                </button>
              ) : isAdmin ? (
                <span className="icon-button-placeholder" aria-hidden="true" />
              ) : null}
            </li>
          );
        })}
      </ul>
      {removing ? (
        <ConfirmDialog
          title={t('members.removeTitle', { name: removing.displayName })}
          confirmLabel={t('members.removeConfirm')}
          danger
          busy={removeMember.isPending}
          error={
            removeMember.isError ? (
              <MembershipError error={removeMember.error} action="remove" />
            ) : null
          }
          onCancel={() => setRemoving(null)}
          onConfirm={() =>
            removeMember.mutate({ userId: removing.userId }, { onSuccess: () => setRemoving(null) })
          }
        >
          <p>{t('members.removeBody', { name: removing.displayName, group: group.name })}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
