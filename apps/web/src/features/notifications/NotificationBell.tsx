import { useQueryClient } from '@tanstack/react-query';
import type { Notification, NotificationKind } from '@technopolice/shared';
import {
  AtSign,
  Bell,
  CheckCheck,
  ClipboardCheck,
  FileText,
  Flag,
  type LucideIcon,
  MessageSquareReply,
} from 'lucide-react';
import {
  type KeyboardEvent,
  type RefObject,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryErrorState } from '../../components/ErrorState';
import { LoadingRegion, Skeleton } from '../../components/Loading';
import { useLanguage } from '../../i18n';
import { useAuth } from '../../lib/auth';
import {
  applyNotification,
  applyNotificationsRead,
  notificationKeys,
  useMoreNotifications,
  useNotifications,
  useReadNotifications,
} from '../../lib/notifications';
import { formatDateTime } from '../../lib/format';
import { usePersonalEvents } from '../../lib/socket';
import { formatRelative, useNow } from '../case-page/format';
import { notificationHref } from '../discussions/links';

const ICONS: Record<NotificationKind, LucideIcon> = {
  mention: AtSign,
  reply: MessageSquareReply,
  document: FileText,
  review: ClipboardCheck,
  flag: Flag,
};

/** Keeps the centre current: new entries and reads elsewhere arrive on my own sockets. */
export function useNotificationsLive(enabled: boolean): void {
  const queryClient = useQueryClient();
  usePersonalEvents(enabled, {
    notification: ({ notification, unread }) =>
      applyNotification(queryClient, notification, unread),
    'notifications:read': ({ ids, unread }) => applyNotificationsRead(queryClient, ids, unread),
    onResync: () => void queryClient.invalidateQueries({ queryKey: notificationKeys.list }),
  });
}

function NotificationItem({
  notification,
  now,
  onOpen,
}: {
  notification: Notification;
  now: number;
  onOpen: (notification: Notification) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const Icon = ICONS[notification.kind];
  const unread = notification.readAt === null;
  const actor = notification.actor?.displayName ?? t('notifications.someone');
  return (
    <li className="notification" data-unread={unread || undefined} data-kind={notification.kind}>
      <Link
        to={notificationHref(notification)}
        className="notification__link"
        onClick={() => onOpen(notification)}
      >
        <span className="notification__icon" aria-hidden="true">
          <Icon size={16} />
        </span>
        <span className="notification__content">
          <span className="notification__sentence">
            {t(`notifications.kinds.${notification.kind}`, {
              name: actor,
              title: notification.title,
            })}
          </span>
          {notification.excerpt ? (
            <span className="notification__excerpt">{notification.excerpt}</span>
          ) : null}
          <time
            className="notification__time"
            dateTime={notification.createdAt}
            title={formatDateTime(notification.createdAt, language)}
          >
            {formatRelative(notification.createdAt, now, language)}
          </time>
        </span>
        {unread ? (
          <span className="notification__dot">
            <span className="visually-hidden">{t('notifications.unreadItem')}</span>
          </span>
        ) : null}
      </Link>
    </li>
  );
}

/**
 * Where the panel goes: beside the sidebar on wide screens (over the page, not the menu), under
 * the bell in the top bar of small ones; always inside the window.
 */
function usePanelPosition(open: boolean, anchor: RefObject<HTMLElement | null>) {
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null);
  useLayoutEffect(() => {
    if (!open) return undefined;
    const place = () => {
      const element = anchor.current;
      if (!element) return;
      const rect = element.getBoundingClientRect();
      const width = Math.min(380, window.innerWidth - 16);
      const sidebar = element.closest('.sidebar')?.getBoundingClientRect();
      const beside = sidebar !== undefined && sidebar.height > sidebar.width * 1.5;
      const left = beside ? sidebar.right + 12 : rect.right - width;
      setPosition({
        top: beside ? rect.top : rect.bottom + 8,
        left: Math.max(8, Math.min(left, window.innerWidth - width - 8)),
      });
    };
    place();
    window.addEventListener('resize', place);
    window.addEventListener('scroll', place, true);
    return () => {
      window.removeEventListener('resize', place);
      window.removeEventListener('scroll', place, true);
    };
  }, [open, anchor]);
  return position;
}

/**
 * The notification centre: a bell with the unread count in the app's header, and a panel of the
 * latest entries (mentions, replies, documents, reviews, flags), each a link to where it
 * happened. Opening an entry marks it read; "Tout marquer comme lu" reads them all.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const { status } = useAuth();
  const enabled = status === 'signed-in';
  const list = useNotifications(enabled);
  const more = useMoreNotifications();
  const read = useReadNotifications();
  const now = useNow();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const panelId = useId();
  const position = usePanelPosition(open, buttonRef);
  useNotificationsLive(enabled);

  useEffect(() => {
    if (!open) return undefined;
    panelRef.current?.focus();
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target))
        setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  if (!enabled) return null;
  const unread = list.data?.unread ?? 0;

  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  };

  function onPanelKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      close(true);
    }
  }

  const onOpenItem = (notification: Notification) => {
    if (notification.readAt === null) read.mutate([notification.id]);
    close(false);
  };

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className="bell"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-label={
          unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell')
        }
        title={
          unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell')
        }
        onClick={() => (open ? close(false) : setOpen(true))}
      >
        <Bell size={20} aria-hidden="true" />
        {unread > 0 ? (
          <span className="bell__count" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </button>
      {open
        ? createPortal(
            <div
              ref={panelRef}
              id={panelId}
              className="notifications-panel"
              role="dialog"
              aria-labelledby={titleId}
              tabIndex={-1}
              style={
                position ? { top: position.top, left: position.left } : { visibility: 'hidden' }
              }
              onKeyDown={onPanelKeyDown}
            >
              <div className="notifications-panel__header">
                <h2 id={titleId} className="notifications-panel__title">
                  {t('notifications.title')}
                </h2>
                <button
                  type="button"
                  className="button button--ghost button--small"
                  disabled={unread === 0 || read.isPending}
                  onClick={() => read.mutate('all')}
                >
                  <CheckCheck size={15} aria-hidden="true" />
                  {t('notifications.readAll')}
                </button>
              </div>
              {list.isPending ? (
                <LoadingRegion label={t('common.loading')}>
                  <Skeleton className="skeleton--text" />
                  <Skeleton className="skeleton--text" />
                </LoadingRegion>
              ) : list.isError ? (
                <QueryErrorState query={list} title={t('notifications.failed')} />
              ) : list.data.items.length === 0 ? (
                <div className="notifications-panel__empty">
                  <Bell size={22} aria-hidden="true" />
                  <p>{t('notifications.empty')}</p>
                </div>
              ) : (
                <>
                  <ul className="notifications-panel__list" aria-labelledby={titleId}>
                    {list.data.items.map((notification) => (
                      <NotificationItem
                        key={notification.id}
                        notification={notification}
                        now={now}
                        onOpen={onOpenItem}
                      />
                    ))}
                  </ul>
                  {list.data.nextCursor ? (
                    <button
                      type="button"
                      className="button button--secondary button--small notifications-panel__more"
                      disabled={more.isPending}
                      onClick={() => more.mutate()}
                    >
                      {more.isPending ? t('common.loading') : t('notifications.more')}
                    </button>
                  ) : null}
                </>
              )}
            </div>,
            document.body,
          )
        : null}
    </>
  );
}
