import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  caseEventSchema,
  taskSchema,
  timelineEntrySchema,
  type Case,
  type CaseEvent,
  type CreateTask,
  type CreateTimelineEntry,
  type Task,
  type TimelineEntry,
  type UpdateTask,
  type UpdateTimelineEntry,
} from '@technopolice/shared';
import { useCallback, useRef } from 'react';
import { type ApiError, getJson, itemsOf, sendJson } from '../../lib/api';
import { caseKeys } from '../../lib/cases';

/**
 * What the case page needs beyond `lib/cases.ts`: its activity feed (the case's event log,
 * latest first, kept gap-free as live events arrive) and the writes of its tasks and timeline.
 */

/** Cache keys of the page's own data; the feed is kept apart from `caseKeys` so that refreshing
 * the case never throws away the older pages of its feed. */
export const casePageKeys = {
  events: (caseId: string) => ['cases', 'events', caseId] as const,
};

const path = {
  events: (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/events`,
  tasks: (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/tasks`,
  task: (caseId: string, taskId: string) =>
    `/api/cases/${encodeURIComponent(caseId)}/tasks/${encodeURIComponent(taskId)}`,
  timeline: (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/timeline`,
  entry: (caseId: string, entryId: string) =>
    `/api/cases/${encodeURIComponent(caseId)}/timeline/${encodeURIComponent(entryId)}`,
};

/** Events per page of the feed. */
export const FEED_PAGE = 30;
/** Catch-up pages followed at most in one go (the API answers up to 500 per page). */
const MAX_CATCH_UP_PAGES = 20;

/** The feed as the cache keeps it: events latest first, one per `seq`. */
export interface CaseFeed {
  items: CaseEvent[];
  /** Older events remain on the server. */
  hasOlder: boolean;
}

/** Both lists merged, one event per `seq`, latest first. */
export function mergeEvents(current: readonly CaseEvent[], added: readonly CaseEvent[]) {
  const bySeq = new Map<number, CaseEvent>();
  for (const event of current) bySeq.set(event.seq, event);
  for (const event of added) bySeq.set(event.seq, event);
  return [...bySeq.values()].sort((a, b) => b.seq - a.seq);
}

/** The latest `seq` the feed holds, 0 when it is empty. */
export function headSeq(feed: CaseFeed | undefined): number {
  return feed?.items[0]?.seq ?? 0;
}

/**
 * Where a catch-up starts: just before the oldest hole (a live event arrived ahead of ones not
 * seen yet), else after the head.
 */
export function catchUpFrom(items: readonly CaseEvent[]): number {
  for (let index = items.length - 1; index > 0; index -= 1) {
    const older = items[index] as CaseEvent;
    const newer = items[index - 1] as CaseEvent;
    if (newer.seq > older.seq + 1) return older.seq;
  }
  return items[0]?.seq ?? 0;
}

const eventList = itemsOf(caseEventSchema);

/**
 * `GET /api/cases/:caseId/events`: the latest page, then older pages on demand (`before=`), and
 * live events merged in. Whenever an event arrives whose `seq` leaves a hole after the feed's
 * head, or the case itself is ahead of the feed, the missing events are fetched with `after=`.
 */
export function useCaseFeed(caseId: string, enabled = true) {
  const queryClient = useQueryClient();
  const feed = useQuery<CaseFeed, ApiError>({
    enabled,
    queryKey: casePageKeys.events(caseId),
    queryFn: async ({ signal }) => {
      const page = await getJson(`${path.events(caseId)}?limit=${FEED_PAGE}`, eventList, {
        signal,
      });
      return { items: mergeEvents([], page.items), hasOlder: page.nextCursor !== null };
    },
    // Kept current by live events and catch-ups, never replaced by a refetch.
    staleTime: Number.POSITIVE_INFINITY,
  });

  const older = useMutation<CaseFeed, ApiError, void>({
    mutationFn: async () => {
      const key = casePageKeys.events(caseId);
      const current = queryClient.getQueryData<CaseFeed>(key);
      const oldest = current?.items.at(-1)?.seq;
      const query = oldest === undefined ? '' : `&before=${oldest}`;
      const page = await getJson(`${path.events(caseId)}?limit=${FEED_PAGE}${query}`, eventList);
      const items = mergeEvents(current?.items ?? [], page.items);
      const next = { items, hasOlder: page.nextCursor !== null && page.items.length > 0 };
      queryClient.setQueryData<CaseFeed>(key, next);
      return next;
    },
  });

  // One catch-up at a time; a request made meanwhile runs after it, from the new head.
  const running = useRef<Promise<void> | null>(null);
  const wanted = useRef(false);

  const catchUp = useCallback((): Promise<void> => {
    if (running.current) {
      wanted.current = true;
      return running.current;
    }
    const key = casePageKeys.events(caseId);
    const run = async () => {
      do {
        wanted.current = false;
        const current = queryClient.getQueryData<CaseFeed>(key);
        if (!current) return;
        let after = catchUpFrom(current.items);
        for (let page = 0; page < MAX_CATCH_UP_PAGES; page += 1) {
          const answer = await getJson(`${path.events(caseId)}?after=${after}`, eventList);
          queryClient.setQueryData<CaseFeed>(key, (latest) =>
            latest ? { ...latest, items: mergeEvents(latest.items, answer.items) } : latest,
          );
          const last = answer.items.reduce((max, event) => Math.max(max, event.seq), after);
          if (answer.nextCursor === null || last <= after) break;
          after = last;
        }
      } while (wanted.current);
    };
    running.current = run()
      .catch(() => {
        // The next live event or case refresh tries again.
      })
      .finally(() => {
        running.current = null;
      });
    return running.current;
  }, [caseId, queryClient]);

  /** A live event: merged at once, and the hole before it (if any) filled. */
  const receive = useCallback(
    (event: CaseEvent) => {
      const key = casePageKeys.events(caseId);
      const current = queryClient.getQueryData<CaseFeed>(key);
      if (!current) return;
      const head = headSeq(current);
      queryClient.setQueryData<CaseFeed>(key, {
        ...current,
        items: mergeEvents(current.items, [event]),
      });
      if (head > 0 && event.seq > head + 1) void catchUp();
    },
    [caseId, catchUp, queryClient],
  );

  return { feed, older, receive, catchUp };
}

/** After a write of a task or an entry: the case (open tasks, seq, version) is read again. */
function useRefreshCase(caseId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: caseKeys.detail(caseId), exact: true });
}

function patchCase(
  queryClient: ReturnType<typeof useQueryClient>,
  caseId: string,
  change: (current: Case) => Case,
) {
  queryClient.setQueryData<Case>(caseKeys.detail(caseId), (current) =>
    current ? change(current) : current,
  );
}

/** `POST /api/cases/:caseId/tasks`. */
export function useCreateTask(caseId: string) {
  const queryClient = useQueryClient();
  const refresh = useRefreshCase(caseId);
  return useMutation<Task, ApiError, CreateTask>({
    mutationFn: (body) => sendJson('POST', path.tasks(caseId), body, taskSchema),
    onSuccess: (task) => {
      patchCase(queryClient, caseId, (current) =>
        current.tasks.some((entry) => entry.id === task.id)
          ? current
          : { ...current, tasks: [...current.tasks, task] },
      );
      return refresh();
    },
  });
}

/**
 * `PATCH /api/cases/:caseId/tasks/:taskId`. Ticking a task shows at once; the case goes back to
 * the server's word when the write fails.
 */
export function useUpdateTask(caseId: string) {
  const queryClient = useQueryClient();
  const refresh = useRefreshCase(caseId);
  return useMutation<Task, ApiError, { taskId: string; patch: UpdateTask }, { before?: Case }>({
    mutationFn: ({ taskId, patch }) =>
      sendJson('PATCH', path.task(caseId, taskId), patch, taskSchema),
    onMutate: async ({ taskId, patch }) => {
      await queryClient.cancelQueries({ queryKey: caseKeys.detail(caseId), exact: true });
      const before = queryClient.getQueryData<Case>(caseKeys.detail(caseId));
      if (patch.done !== undefined) {
        const done = patch.done;
        patchCase(queryClient, caseId, (current) => ({
          ...current,
          tasks: current.tasks.map((task) => (task.id === taskId ? { ...task, done } : task)),
        }));
      }
      return { before };
    },
    onError: (_error, _variables, context) => {
      if (context?.before) queryClient.setQueryData(caseKeys.detail(caseId), context.before);
    },
    onSuccess: (task) => {
      patchCase(queryClient, caseId, (current) => ({
        ...current,
        tasks: current.tasks.map((entry) => (entry.id === task.id ? task : entry)),
      }));
    },
    onSettled: () => refresh(),
  });
}

/** `DELETE /api/cases/:caseId/tasks/:taskId`. */
export function useDeleteTask(caseId: string) {
  const queryClient = useQueryClient();
  const refresh = useRefreshCase(caseId);
  return useMutation<void, ApiError, { taskId: string }>({
    mutationFn: ({ taskId }) => sendJson('DELETE', path.task(caseId, taskId), undefined, null),
    onSuccess: (_nothing, { taskId }) => {
      patchCase(queryClient, caseId, (current) => ({
        ...current,
        tasks: current.tasks.filter((task) => task.id !== taskId),
      }));
      return refresh();
    },
  });
}

/** `POST /api/cases/:caseId/timeline`. */
export function useCreateTimelineEntry(caseId: string) {
  const queryClient = useQueryClient();
  const refresh = useRefreshCase(caseId);
  return useMutation<TimelineEntry, ApiError, CreateTimelineEntry>({
    mutationFn: (body) => sendJson('POST', path.timeline(caseId), body, timelineEntrySchema),
    onSuccess: (entry) => {
      patchCase(queryClient, caseId, (current) =>
        current.timeline.some((item) => item.id === entry.id)
          ? current
          : { ...current, timeline: [...current.timeline, entry] },
      );
      return refresh();
    },
  });
}

/** `PATCH /api/cases/:caseId/timeline/:entryId`. */
export function useUpdateTimelineEntry(caseId: string) {
  const queryClient = useQueryClient();
  const refresh = useRefreshCase(caseId);
  return useMutation<TimelineEntry, ApiError, { entryId: string; patch: UpdateTimelineEntry }>({
    mutationFn: ({ entryId, patch }) =>
      sendJson('PATCH', path.entry(caseId, entryId), patch, timelineEntrySchema),
    onSuccess: (entry) => {
      patchCase(queryClient, caseId, (current) => ({
        ...current,
        timeline: current.timeline.map((item) => (item.id === entry.id ? entry : item)),
      }));
      return refresh();
    },
  });
}

/** `DELETE /api/cases/:caseId/timeline/:entryId`. */
export function useDeleteTimelineEntry(caseId: string) {
  const queryClient = useQueryClient();
  const refresh = useRefreshCase(caseId);
  return useMutation<void, ApiError, { entryId: string }>({
    mutationFn: ({ entryId }) => sendJson('DELETE', path.entry(caseId, entryId), undefined, null),
    onSuccess: (_nothing, { entryId }) => {
      patchCase(queryClient, caseId, (current) => ({
        ...current,
        timeline: current.timeline.filter((item) => item.id !== entryId),
      }));
      return refresh();
    },
  });
}
