import { useQueryClient } from '@tanstack/react-query';
import type { Case } from '@technopolice/shared';
import { useEffect, useMemo, useState } from 'react';
import {
  applySummaryToDetail,
  caseKeys,
  removeCaseFromLists,
  upsertCaseInLists,
} from '../../lib/cases';
import { discussionKeys } from '../../lib/discussions';
import { documentKeys } from '../../lib/documents';
import { useMe } from '../../lib/identity';
import { applyPublishingEvent, refreshPublishing } from '../../lib/publishing';
import { useCaseRoom } from '../../lib/socket';
import { applyEntries, discussionListeners, LiveGate, liveContext } from '../discussions/live';
import { documentListeners } from '../documents/live';
import { headSeq, type useCaseFeed } from './api';

/**
 * Keeps the page current while it is open: follows the case's room, applies others' edits to
 * the case, merges live events into the feed (filling any hole), and notices a deletion.
 * Discussion changes arrive by two roads, applied alike and once: live events (`post:created`…)
 * and the entries of the case's log (`post.created`…) that a catch-up brings into the feed.
 */
export function useCaseLive(
  caseId: string,
  /** Whether to follow the room: not for a case that could not be read. */
  enabled: boolean,
  caseData: Case | undefined,
  { feed, receive, catchUp }: ReturnType<typeof useCaseFeed>,
) {
  const queryClient = useQueryClient();
  const [deleted, setDeleted] = useState(false);
  const me = useMe();
  const [gate] = useState(() => new LiveGate());
  const groupId = caseData?.groupId;
  const context = useMemo(() => liveContext(me.data), [me.data]);

  /** The case is read again unless the cache already holds this `seq` (our own write). */
  function refreshCase(seq: number) {
    const cached = queryClient.getQueryData<Case>(caseKeys.detail(caseId));
    if (cached && cached.seq >= seq) return;
    void queryClient.invalidateQueries({ queryKey: caseKeys.detail(caseId), exact: true });
  }

  const room = useCaseRoom(enabled ? caseId : undefined, {
    ...documentListeners(queryClient, caseId),
    ...discussionListeners(queryClient, gate, () => context, { groupId, caseId }),
    'case:updated': (payload) => {
      if (payload.caseId !== caseId) return;
      const cached = queryClient.getQueryData<Case>(caseKeys.detail(caseId));
      applySummaryToDetail(queryClient, payload.case);
      upsertCaseInLists(queryClient, payload.case);
      // A new stage opens or closes the review (who may edit, who may approve).
      if (payload.changes.includes('stage')) refreshPublishing(queryClient, caseId);
      // The summary carries no description, actors nor budget source: the rest is read again.
      if (!cached || cached.seq < payload.seq)
        void queryClient.invalidateQueries({ queryKey: caseKeys.detail(caseId), exact: true });
    },
    'case:event': (payload) => {
      if (payload.caseId !== caseId) return;
      receive(payload.event);
      applyPublishingEvent(queryClient, caseId, payload.event);
      refreshCase(payload.seq);
    },
    'case:deleted': (payload) => {
      if (payload.caseId !== caseId) return;
      setDeleted(true);
      removeCaseFromLists(queryClient, caseId);
    },
    onGap: () => {
      void catchUp();
      refreshPublishing(queryClient, caseId);
      void queryClient.invalidateQueries({ queryKey: caseKeys.detail(caseId), exact: true });
      void queryClient.invalidateQueries({ queryKey: documentKeys.caseList(caseId), exact: true });
      if (groupId) void queryClient.invalidateQueries({ queryKey: discussionKeys.unread(groupId) });
    },
  });

  // Discussion entries of the log: what the fetched data holds already sets the gate's floor,
  // what comes later (catch-ups, `case:event`) is applied like the live events.
  useEffect(() => {
    if (!feed.data) return;
    if (!gate.hasFloor) {
      gate.setFloor(headSeq(feed.data));
      return;
    }
    if (!groupId) return;
    applyEntries(queryClient, feed.data.items, context, gate, { groupId, caseId });
  }, [feed.data, gate, groupId, caseId, queryClient, context]);

  // The case is ahead of its feed (our own writes, a visit after a while away): catch up.
  const caseSeq = caseData?.seq ?? 0;
  const head = headSeq(feed.data);
  useEffect(() => {
    if (head > 0 && caseSeq > head) void catchUp();
  }, [caseSeq, head, catchUp]);

  return { ...room, deleted };
}
