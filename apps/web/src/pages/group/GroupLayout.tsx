import {
  CalendarDays,
  LogOut,
  MailPlus,
  NotebookText,
  Settings2,
  UsersRound,
  type LucideIcon,
} from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useNavigate, useParams } from 'react-router';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorState, QueryErrorState } from '../../components/ErrorState';
import { LoadingRegion, Skeleton } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RoleBadge } from '../../components/RoleBadge';
import { useLanguage } from '../../i18n';
import { ApiError } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useGroup, useLeaveGroup } from '../../lib/identity';
import { NotFoundPage } from '../NotFoundPage';
import type { GroupContext } from './context';
import { LastAdminNotice } from './LastAdminNotice';

type TabKey = 'members' | 'invitations' | 'settings' | 'journal';

const TABS: readonly {
  key: TabKey;
  path: string;
  icon: LucideIcon;
  show: (c: GroupContext) => boolean;
}[] = [
  { key: 'members', path: '', icon: UsersRound, show: () => true },
  { key: 'invitations', path: 'invitations', icon: MailPlus, show: (c) => c.canInvite },
  { key: 'settings', path: 'parametres', icon: Settings2, show: (c) => c.isAdmin },
  { key: 'journal', path: 'journal', icon: NotebookText, show: (c) => c.isAdmin },
];

function LeaveGroup({ groupId, groupName }: { groupId: string; groupName: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const leave = useLeaveGroup(groupId);
  const [open, setOpen] = useState(false);

  return (
    <>
      <button
        type="button"
        className="button button--secondary button--danger-outline"
        onClick={() => {
          leave.reset();
          setOpen(true);
        }}
      >
        <LogOut size={16} aria-hidden="true" />
        {t('group.leave')}
      </button>
      {open ? (
        <ConfirmDialog
          title={t('group.leaveTitle', { name: groupName })}
          confirmLabel={t('group.leaveConfirm')}
          danger
          busy={leave.isPending}
          error={
            leave.error ? (
              leave.error instanceof ApiError && leave.error.code === 'last_admin' ? (
                <LastAdminNotice action="leave" />
              ) : (
                <ErrorState error={leave.error} title={t('group.leaveFailed')} />
              )
            ) : null
          }
          onCancel={() => setOpen(false)}
          onConfirm={() => leave.mutate(undefined, { onSuccess: () => void navigate('/groupes') })}
        >
          <p>{t('group.leaveBody')}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

/** `/groupes/:groupId`: the group's header, its sections as tabs, and the current section. */
export function GroupLayout() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { groupId = '' } = useParams();
  const group = useGroup(groupId);

  if (group.isPending) {
    return (
      <LoadingRegion label={t('group.loading')}>
        <Skeleton className="skeleton--heading" />
        <Skeleton className="skeleton--text" />
        <Skeleton className="skeleton--card" />
      </LoadingRegion>
    );
  }
  if (group.isError) {
    if (group.error.statusCode === 404 || group.error.statusCode === 403) return <NotFoundPage />;
    return (
      <>
        <PageHeader title={t('group.title')} />
        <QueryErrorState query={group} />
      </>
    );
  }

  const context: GroupContext = {
    group: group.data,
    isAdmin: group.data.role === 'admin',
    canInvite: group.data.role === 'admin' || group.data.role === 'coordinator',
  };

  return (
    <>
      <PageHeader
        eyebrow={t('group.eyebrow')}
        title={group.data.name}
        description={group.data.description || undefined}
        actions={<LeaveGroup groupId={group.data.id} groupName={group.data.name} />}
      />
      <div className="group-meta">
        <span className="group-meta__item">
          {t('group.yourRole')} <RoleBadge role={group.data.role} />
        </span>
        <span className="group-meta__item">
          <UsersRound size={16} aria-hidden="true" />
          {t('group.memberCount', { count: group.data.memberCount })}
        </span>
        <span className="group-meta__item">
          <CalendarDays size={16} aria-hidden="true" />
          {t('group.createdOn', { date: formatDate(group.data.createdAt, language) })}
        </span>
      </div>
      <nav className="tabs" aria-label={t('group.sections')} data-keep-focus>
        {TABS.filter((tab) => tab.show(context)).map(({ key, path, icon: Icon }) => (
          <NavLink
            key={key}
            to={path ? `/groupes/${groupId}/${path}` : `/groupes/${groupId}`}
            end
            className="tabs__link"
          >
            <Icon size={17} aria-hidden="true" />
            {t(`group.tabs.${key}`)}
          </NavLink>
        ))}
      </nav>
      <div className="tabs__panel">
        <Outlet context={context} />
      </div>
    </>
  );
}
