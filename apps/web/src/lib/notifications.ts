import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notificationSchema, unreadSummarySchema, type Notification } from '@technopolice/shared';
import { type ApiError, getJson, itemsOf, type Schema, sendJson } from './api';
import { discussionKeys, notificationKeys } from './discussionKeys';

export { notificationKeys } from './discussionKeys';

/**
 * The notification centre and the unread counts, which the shell shows on every page: apart from
 * the discussions' client (`discussions.ts`), which loads with the pages that show discussions.
 */

const enc = encodeURIComponent;
const NOTIFICATIONS = '/api/notifications';

/** The notification centre as the cache keeps it. */
export interface NotificationList {
  items: Notification[];
  nextCursor: string | null;
  unread: number;
}

const unreadCountSchema: Schema<{ unread: number }> = {
  safeParse(data) {
    const unread = (data as { unread?: unknown } | null)?.unread;
    return typeof unread === 'number'
      ? { success: true, data: { unread } }
      : { success: false, error: new Error('no unread count') };
  },
};

const notificationList: Schema<NotificationList> = {
  safeParse(data) {
    const list = itemsOf(notificationSchema).safeParse(data);
    if (!list.success) return list;
    const unread = (data as { unread?: unknown }).unread;
    return {
      success: true,
      data: { ...list.data, unread: typeof unread === 'number' ? unread : 0 },
    };
  },
};

/** The query of `GET /api/groups/:groupId/unread`: unread posts per case and in the forum. */
export function groupUnreadQuery(groupId: string) {
  return {
    queryKey: discussionKeys.unread(groupId),
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      getJson(`/api/groups/${enc(groupId)}/unread`, unreadSummarySchema, { signal }),
    // The forum's counts change without a room to tell us (outside the forum page).
    refetchInterval: 120_000,
  };
}

/** `GET /api/notifications`: the latest entries and how many are unread. */
export function useNotifications(enabled: boolean) {
  return useQuery<NotificationList, ApiError>({
    queryKey: notificationKeys.list,
    queryFn: ({ signal }) => getJson(NOTIFICATIONS, notificationList, { signal }),
    enabled,
    // Live events keep it current; a slow poll covers a socket that could not connect.
    refetchInterval: 300_000,
  });
}

/** Older entries of the notification centre. */
export function useMoreNotifications() {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, void>({
    mutationFn: async () => {
      const current = queryClient.getQueryData<NotificationList>(notificationKeys.list);
      if (!current?.nextCursor) return;
      const page = await getJson(
        `${NOTIFICATIONS}?cursor=${enc(current.nextCursor)}`,
        notificationList,
      );
      queryClient.setQueryData<NotificationList>(notificationKeys.list, (latest) => {
        if (!latest) return latest;
        const known = new Set(latest.items.map((item) => item.id));
        return {
          ...latest,
          items: [...latest.items, ...page.items.filter((item) => !known.has(item.id))],
          nextCursor: page.nextCursor,
        };
      });
    },
  });
}

/** Marks entries read in the cache, with the new unread count. */
export function applyNotificationsRead(
  queryClient: QueryClient,
  ids: readonly string[] | 'all',
  unread: number,
  at = new Date().toISOString(),
): void {
  queryClient.setQueryData<NotificationList>(notificationKeys.list, (list) =>
    list
      ? {
          ...list,
          unread,
          items: list.items.map((item) =>
            item.readAt === null && (ids === 'all' || ids.includes(item.id))
              ? { ...item, readAt: at }
              : item,
          ),
        }
      : list,
  );
}

/** A new entry of the centre, at its top (once). */
export function applyNotification(
  queryClient: QueryClient,
  notification: Notification,
  unread: number,
): void {
  queryClient.setQueryData<NotificationList>(notificationKeys.list, (list) => {
    if (!list) return { items: [notification], nextCursor: null, unread };
    if (list.items.some((item) => item.id === notification.id)) return { ...list, unread };
    return { ...list, unread, items: [notification, ...list.items] };
  });
}

/** `POST /api/notifications/read`: some, or all. */
export function useReadNotifications() {
  const queryClient = useQueryClient();
  return useMutation<{ unread: number }, ApiError, string[] | 'all'>({
    mutationFn: (ids) =>
      sendJson(
        'POST',
        `${NOTIFICATIONS}/read`,
        ids === 'all' ? { all: true } : { ids },
        unreadCountSchema,
      ),
    onMutate: (ids) => {
      const current = queryClient.getQueryData<NotificationList>(notificationKeys.list);
      if (!current) return;
      const newlyRead = current.items.filter(
        (item) => item.readAt === null && (ids === 'all' || ids.includes(item.id)),
      ).length;
      applyNotificationsRead(
        queryClient,
        ids,
        ids === 'all' ? 0 : Math.max(0, current.unread - newlyRead),
      );
    },
    onSuccess: ({ unread }, ids) => applyNotificationsRead(queryClient, ids, unread),
  });
}
