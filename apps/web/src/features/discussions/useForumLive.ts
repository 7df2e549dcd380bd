import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { discussionKeys } from '../../lib/discussions';
import { useMe } from '../../lib/identity';
import { useGroupRoom } from '../../lib/socket';
import { discussionListeners, LiveGate, liveContext } from './live';

/**
 * Keeps a group's forum current while its page is open: joins the group's room, applies the
 * forum's thread and post events (they carry no `seq`), and reads everything again after a
 * reconnect, when events may have been missed.
 */
export function useForumLive(groupId: string | undefined): { live: boolean } {
  const queryClient = useQueryClient();
  const me = useMe();
  const [gate] = useState(() => new LiveGate());
  const context = liveContext(me.data);

  const listeners = discussionListeners(queryClient, gate, () => context, {
    groupId,
    caseId: null,
  });
  const refreshCategories = () => {
    if (groupId)
      void queryClient.invalidateQueries({ queryKey: discussionKeys.categories(groupId) });
  };
  return useGroupRoom(groupId, {
    ...listeners,
    'thread:created': (payload) => {
      listeners['thread:created'](payload);
      if (payload.caseId === null) refreshCategories();
    },
    'thread:updated': (payload) => {
      listeners['thread:updated'](payload);
      if (payload.caseId === null && payload.changes.some((change) => change !== 'posts'))
        refreshCategories();
    },
    onResync: () => {
      if (!groupId) return;
      void queryClient.invalidateQueries({
        queryKey: [...discussionKeys.threadLists(), 'forum', groupId],
      });
      void queryClient.invalidateQueries({ queryKey: discussionKeys.threads() });
      void queryClient.invalidateQueries({ queryKey: discussionKeys.postPages() });
      void queryClient.invalidateQueries({ queryKey: discussionKeys.categories(groupId) });
      void queryClient.invalidateQueries({ queryKey: discussionKeys.unread(groupId) });
    },
  });
}
