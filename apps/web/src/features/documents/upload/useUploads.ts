import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { documentKeys, upsertDocument } from '../../../lib/documents';
import { UPLOAD_GONE, UploadQueue, type UploadItem } from './queue';
import { createTransport } from './transports';

/**
 * One upload queue per query client (the app has one; each test its own), so that uploads go on
 * while one reads a document or another case, and finished documents land in the caches.
 */
const queues = new WeakMap<QueryClient, UploadQueue>();

function queueFor(queryClient: QueryClient): UploadQueue {
  let queue = queues.get(queryClient);
  if (!queue) {
    queue = new UploadQueue({
      createTransport,
      onUploaded: (document) => {
        upsertDocument(queryClient, document);
        void queryClient.invalidateQueries({ queryKey: documentKeys.searches() });
      },
      onFailed: (item) => {
        // Gone from the server as it was paused: it may be a document now.
        if (item.problem?.code === UPLOAD_GONE)
          void queryClient.invalidateQueries({ queryKey: documentKeys.caseList(item.caseId) });
      },
    });
    queues.set(queryClient, queue);
  }
  return queue;
}

/** The page's upload queue and the uploads of one case. */
export function useUploads(caseId: string): { queue: UploadQueue; items: UploadItem[] } {
  const queryClient = useQueryClient();
  const queue = queueFor(queryClient);
  const all = useSyncExternalStore(queue.subscribe, queue.getSnapshot);
  const items = useMemo(() => all.filter((item) => item.caseId === caseId), [all, caseId]);

  // Leaving the page would lose uploads in flight: the browser asks first.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (queue.busy) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [queue]);

  return { queue, items };
}
