import type { QueryClient } from '@tanstack/react-query';
import type { DocumentText, ServerToClientEvents } from '@technopolice/shared';
import { documentKeys, removeDocument, upsertDocument } from '../../lib/documents';

/**
 * What the case room's document events do to the caches: a document added or changed lands in
 * the case's list and on its page; finished text extraction reads the text again; a removed
 * document leaves the list (and `onDeleted` tells its open page).
 */
export function documentListeners(
  queryClient: QueryClient,
  caseId: string,
  onDeleted?: (documentId: string) => void,
): Pick<ServerToClientEvents, 'document:added' | 'document:updated' | 'document:deleted'> {
  return {
    'document:added': (payload) => {
      if (payload.caseId !== caseId) return;
      upsertDocument(queryClient, payload.document);
      void queryClient.invalidateQueries({ queryKey: documentKeys.searches() });
    },
    'document:updated': (payload) => {
      if (payload.caseId !== caseId) return;
      upsertDocument(queryClient, payload.document);
      const key = documentKeys.text(payload.document.id);
      const text = queryClient.getQueryData<DocumentText>(key);
      if (
        payload.changes.includes('text') ||
        (text && text.textStatus !== payload.document.textStatus)
      )
        void queryClient.invalidateQueries({ queryKey: key, exact: true });
      void queryClient.invalidateQueries({ queryKey: documentKeys.searches() });
    },
    'document:deleted': (payload) => {
      if (payload.caseId !== caseId) return;
      removeDocument(queryClient, caseId, payload.documentId);
      onDeleted?.(payload.documentId);
    },
  };
}
