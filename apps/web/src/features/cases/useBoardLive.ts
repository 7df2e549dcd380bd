import { useQueryClient } from '@tanstack/react-query';
import {
  applySummaryToDetail,
  caseKeys,
  removeCaseFromLists,
  upsertCaseInLists,
} from '../../lib/cases';
import { useGroupRoom } from '../../lib/socket';

/**
 * Keeps the board's cached lists in step with the group's room: cases created, moved or edited
 * by other members appear without a reload; after a reconnection the lists are fetched again.
 */
export function useBoardLive(groupId: string | undefined): { live: boolean } {
  const queryClient = useQueryClient();
  return useGroupRoom(groupId, {
    'case:created': ({ case: item }) => upsertCaseInLists(queryClient, item),
    'case:updated': ({ case: item }) => {
      upsertCaseInLists(queryClient, item);
      applySummaryToDetail(queryClient, item);
    },
    'case:deleted': ({ caseId }) => removeCaseFromLists(queryClient, caseId),
    onResync: () => void queryClient.invalidateQueries({ queryKey: caseKeys.lists() }),
  });
}
