import {
  type QueryClient,
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import {
  documentDetailSchema,
  documentSchema,
  documentTextSchema,
  type CaseDocument,
  type DocumentDetail,
  type DocumentKind,
  type DocumentText,
  type UpdateDocument,
} from '@technopolice/shared';
import { ApiError, getJson, itemsOf, sendJson, sendRaw } from './api';
import { fileNameOf } from './cases';

/**
 * Typed client of the documents API: a case's documents, the documents across my groups, one
 * document with its citations, its text, its bytes, and its writes. A case's documents are read
 * whole (no pages) and kept current by live events; filters and sorts of the tab apply on them.
 */

/** Filters of `GET /api/documents`, as the global Documents page holds them. */
export interface DocumentFilters {
  groupId?: string;
  kind?: DocumentKind;
  q?: string;
}

/** Cache keys of the documents data. */
export const documentKeys = {
  all: ['documents'] as const,
  caseList: (caseId: string) => ['documents', 'case', caseId] as const,
  searches: () => ['documents', 'search'] as const,
  search: (filters: DocumentFilters) => ['documents', 'search', normalizeFilters(filters)] as const,
  detail: (documentId: string) => ['documents', 'detail', documentId] as const,
  text: (documentId: string) => ['documents', 'text', documentId] as const,
  file: (documentId: string) => ['documents', 'file', documentId] as const,
};

const path = {
  caseDocuments: (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/documents`,
  documents: '/api/documents',
  document: (documentId: string) => `/api/documents/${encodeURIComponent(documentId)}`,
  file: (documentId: string) => `/api/documents/${encodeURIComponent(documentId)}/file`,
  text: (documentId: string) => `/api/documents/${encodeURIComponent(documentId)}/text`,
  retry: (documentId: string) => `/api/documents/${encodeURIComponent(documentId)}/text/retry`,
};

/** Where a case's documents are uploaded (multipart). */
export const caseDocumentsPath = path.caseDocuments;

/** The tus endpoint of resumable uploads. */
export const UPLOADS_PATH = '/api/uploads';

/** A case's documents as the cache keeps them. */
export interface DocumentList {
  items: CaseDocument[];
}

/** A document of the global list: with the title of its case. */
export const listedDocumentSchema = documentSchema.extend({
  caseTitle: documentDetailSchema.shape.caseTitle,
});
export type ListedDocument = CaseDocument & { caseTitle: string };

function normalizeFilters(filters: DocumentFilters): DocumentFilters {
  const out: DocumentFilters = {};
  if (filters.groupId) out.groupId = filters.groupId;
  if (filters.kind) out.kind = filters.kind;
  const q = filters.q?.trim();
  if (q) out.q = q;
  return out;
}

/** `GET /api/cases/:caseId/documents`: every document of the case. */
export function useCaseDocuments(caseId: string | undefined) {
  return useQuery<DocumentList, ApiError>({
    queryKey: documentKeys.caseList(caseId ?? ''),
    queryFn: async ({ signal }) => ({
      items: (await getJson(path.caseDocuments(caseId ?? ''), itemsOf(documentSchema), { signal }))
        .items,
    }),
    enabled: Boolean(caseId),
  });
}

/** `GET /api/documents`: documents across my groups, page after page. */
export function useDocumentSearch(filters: DocumentFilters) {
  const normalized = normalizeFilters(filters);
  return useInfiniteQuery({
    queryKey: documentKeys.search(normalized),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams();
      if (normalized.groupId) params.set('groupId', normalized.groupId);
      if (normalized.kind) params.set('kind', normalized.kind);
      if (normalized.q) params.set('q', normalized.q);
      if (pageParam) params.set('cursor', pageParam);
      const query = params.toString();
      return getJson(
        `${path.documents}${query ? `?${query}` : ''}`,
        itemsOf(listedDocumentSchema),
        { signal },
      );
    },
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** `GET /api/documents/:documentId`: a document with its case's title and its citations. */
export function useDocument(documentId: string) {
  return useQuery<DocumentDetail, ApiError>({
    queryKey: documentKeys.detail(documentId),
    queryFn: ({ signal }) => getJson(path.document(documentId), documentDetailSchema, { signal }),
  });
}

/**
 * `GET /api/documents/:documentId/text`, read again as long as extraction runs and no live
 * update can tell us it ended (`poll`).
 */
export function useDocumentText(documentId: string, options: { enabled: boolean; poll: boolean }) {
  return useQuery<DocumentText, ApiError>({
    queryKey: documentKeys.text(documentId),
    queryFn: ({ signal }) => getJson(path.text(documentId), documentTextSchema, { signal }),
    enabled: options.enabled,
    refetchInterval: (query) =>
      options.poll && query.state.data?.textStatus === 'pending' ? 5000 : false,
  });
}

/** The stored bytes of a document, fetched with the token (an `<img src>` could not send it). */
export async function fetchDocumentFile(
  documentId: string,
): Promise<{ blob: Blob; name?: string }> {
  const response = await sendRaw('GET', path.file(documentId), { accept: '*/*' });
  const blob = await response.blob();
  return { blob, name: fileNameOf(response.headers.get('Content-Disposition')) };
}

/** The bytes of a document for its viewer, kept while its page is open. */
export function useDocumentFile(documentId: string, enabled: boolean) {
  return useQuery<{ blob: Blob; name?: string }, ApiError>({
    queryKey: documentKeys.file(documentId),
    queryFn: () => fetchDocumentFile(documentId),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 60_000,
  });
}

/** Hands a blob to the browser as a download named `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.rel = 'noopener';
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}

/** Downloads a document (from the cache when its viewer already fetched it). */
export function useDownloadDocument() {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, { documentId: string; fileName: string }>({
    mutationFn: async ({ documentId, fileName }) => {
      const cached = queryClient.getQueryData<{ blob: Blob; name?: string }>(
        documentKeys.file(documentId),
      );
      const file = cached ?? (await fetchDocumentFile(documentId));
      saveBlob(file.blob, file.name ?? fileName);
    },
  });
}

const SORTERS = {
  created: (a: CaseDocument, b: CaseDocument) => (a.createdAt < b.createdAt ? 1 : -1),
  // Documents without a date come last; the same date keeps the newest upload first.
  date: (a: CaseDocument, b: CaseDocument) =>
    a.date === b.date
      ? SORTERS.created(a, b)
      : a.date === null
        ? 1
        : b.date === null
          ? -1
          : a.date < b.date
            ? 1
            : -1,
  title: (a: CaseDocument, b: CaseDocument) =>
    a.title.localeCompare(b.title, 'fr', { sensitivity: 'base', numeric: true }),
};

/** How the case's list orders its documents. */
export type DocumentSort = keyof typeof SORTERS;
export const DOCUMENT_SORT_IDS = Object.keys(SORTERS) as DocumentSort[];

/** The documents in the chosen order: newest upload, newest document date, or by title. */
export function sortDocuments(items: readonly CaseDocument[], sort: DocumentSort): CaseDocument[] {
  return [...items].sort(SORTERS[sort]);
}

/**
 * A document arrived or changed (our upload, our edit, a live event): the case's list, the
 * document's page and the global lists learn it. An older version never replaces a newer one.
 */
export function upsertDocument(queryClient: QueryClient, document: CaseDocument): void {
  queryClient.setQueryData<DocumentList>(documentKeys.caseList(document.caseId), (list) => {
    if (!list) return list;
    const index = list.items.findIndex((item) => item.id === document.id);
    if (index === -1) return { items: [document, ...list.items] };
    const current = list.items[index] as CaseDocument;
    if (current.version > document.version) return list;
    const items = [...list.items];
    items[index] = document;
    return { items };
  });
  queryClient.setQueryData<DocumentDetail>(documentKeys.detail(document.id), (detail) =>
    detail && detail.version <= document.version ? { ...detail, ...document } : detail,
  );
}

/** A document was removed: out of its case's list, and the global lists are read again. */
export function removeDocument(queryClient: QueryClient, caseId: string, documentId: string) {
  queryClient.setQueryData<DocumentList>(documentKeys.caseList(caseId), (list) =>
    list ? { items: list.items.filter((item) => item.id !== documentId) } : list,
  );
  void queryClient.invalidateQueries({ queryKey: documentKeys.searches() });
}

/** Whether a failed write came from a version someone else changed meanwhile. */
export function isStaleDocument(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'stale_version';
}

/**
 * `PATCH /api/documents/:documentId` with the version the fields were read at. A stale version
 * (409) reads the document again; the caller keeps the draft and says so.
 */
export function useUpdateDocument(documentId: string) {
  const queryClient = useQueryClient();
  return useMutation<CaseDocument, ApiError, UpdateDocument>({
    mutationFn: (patch) => sendJson('PATCH', path.document(documentId), patch, documentSchema),
    onSuccess: (document) => {
      upsertDocument(queryClient, document);
      void queryClient.invalidateQueries({ queryKey: documentKeys.searches() });
    },
    onError: (error) => {
      if (isStaleDocument(error))
        void queryClient.invalidateQueries({ queryKey: documentKeys.detail(documentId) });
    },
  });
}

/** `DELETE /api/documents/:documentId` (its uploader, coordinators and admins). */
export function useDeleteDocument() {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, { documentId: string; caseId: string }>({
    mutationFn: ({ documentId }) => sendJson('DELETE', path.document(documentId), undefined, null),
    onSuccess: (_nothing, { documentId, caseId }) => {
      removeDocument(queryClient, caseId, documentId);
      queryClient.removeQueries({ queryKey: documentKeys.detail(documentId) });
      queryClient.removeQueries({ queryKey: documentKeys.text(documentId) });
    },
  });
}

/** `POST /api/documents/:documentId/text/retry`: extraction is queued again (202). */
export function useRetryText(document: Pick<CaseDocument, 'id' | 'caseId'>) {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, void>({
    mutationFn: () => sendJson('POST', path.retry(document.id), undefined, null),
    onSuccess: () => {
      const pending = <T extends { textStatus: string; textError: unknown }>(value: T): T => ({
        ...value,
        textStatus: 'pending',
        textError: null,
      });
      queryClient.setQueryData<DocumentDetail>(documentKeys.detail(document.id), (detail) =>
        detail ? pending(detail) : detail,
      );
      queryClient.setQueryData<DocumentList>(documentKeys.caseList(document.caseId), (list) =>
        list
          ? { items: list.items.map((item) => (item.id === document.id ? pending(item) : item)) }
          : list,
      );
      queryClient.setQueryData<DocumentText>(documentKeys.text(document.id), (text) =>
        text ? pending(text) : text,
      );
    },
  });
}
