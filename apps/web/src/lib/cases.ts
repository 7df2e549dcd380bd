import {
  type QueryClient,
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import {
  actorSchema,
  caseSchema,
  caseSummarySchema,
  citySchema,
  importReportSchema,
  type Actor,
  type Case,
  type CaseStage,
  type CaseSummary,
  type City,
  type CreateCase,
  type ImportReport,
  type ProjectStatus,
  type Technology,
  type UpdateCase,
} from '@technopolice/shared';
import { ApiError, getJson, itemsOf, sendJson, sendRaw } from './api';

/**
 * Typed client of the cases API (notes: cases-api.md): the board's list, one case, its writes,
 * the city gazetteer, the group's actors, CSV/JSON export and CSV import. Every list query lives
 * under `caseKeys.lists()` so that writes and live events can patch all of them at once.
 */

/** The filters of `GET /api/cases`, as the board and the list hold them. */
export interface CaseFilters {
  groupId: string;
  q?: string;
  cityCode?: string;
  technologies?: readonly Technology[];
  projectStatuses?: readonly ProjectStatus[];
  stages?: readonly CaseStage[];
  assigneeId?: string;
}

/** Cache keys of the cases data. */
export const caseKeys = {
  all: ['cases'] as const,
  lists: () => ['cases', 'list'] as const,
  list: (filters: CaseFilters) => ['cases', 'list', normalizeFilters(filters)] as const,
  details: () => ['cases', 'detail'] as const,
  detail: (caseId: string) => ['cases', 'detail', caseId] as const,
  cities: (q: string) => ['cities', 'search', q.trim().toLowerCase()] as const,
  city: (code: string) => ['cities', 'code', code] as const,
  actors: (groupId: string, q: string) => ['groups', groupId, 'actors', q.trim()] as const,
};

/** One list as the cache keeps it. */
export interface CaseList {
  items: CaseSummary[];
}

const path = {
  cases: '/api/cases',
  case: (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}`,
  groupCases: (groupId: string) => `/api/groups/${encodeURIComponent(groupId)}/cases`,
};

/** The same filters always give the same key: empty values dropped, multi-values sorted. */
function normalizeFilters(filters: CaseFilters): CaseFilters {
  const out: CaseFilters = { groupId: filters.groupId };
  const q = filters.q?.trim();
  if (q) out.q = q;
  if (filters.cityCode) out.cityCode = filters.cityCode;
  if (filters.technologies?.length) out.technologies = [...filters.technologies].sort();
  if (filters.projectStatuses?.length) out.projectStatuses = [...filters.projectStatuses].sort();
  if (filters.stages?.length) out.stages = [...filters.stages].sort();
  if (filters.assigneeId) out.assigneeId = filters.assigneeId;
  return out;
}

/** The query string of `GET /api/cases` for these filters. */
export function caseQueryString(filters: CaseFilters, extra: Record<string, string> = {}): string {
  const f = normalizeFilters(filters);
  const params = new URLSearchParams({ groupId: f.groupId });
  if (f.q) params.set('q', f.q);
  if (f.cityCode) params.set('cityCode', f.cityCode);
  if (f.technologies) params.set('technology', f.technologies.join(','));
  if (f.projectStatuses) params.set('projectStatus', f.projectStatuses.join(','));
  if (f.stages) params.set('stage', f.stages.join(','));
  if (f.assigneeId) params.set('assigneeId', f.assigneeId);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}

/** The board shows every case of the group: pages of 500 are followed up to this many. */
const MAX_CASES = 5000;

async function fetchAllCases(filters: CaseFilters, signal: AbortSignal): Promise<CaseList> {
  const items: CaseSummary[] = [];
  let cursor: string | null = null;
  do {
    const extra: Record<string, string> = { limit: '500', sort: 'updated', order: 'desc' };
    if (cursor) extra.cursor = cursor;
    const page = await getJson(
      `${path.cases}?${caseQueryString(filters, extra)}`,
      itemsOf(caseSummarySchema),
      { signal },
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < MAX_CASES);
  return { items };
}

/** `GET /api/cases`: the group's cases matching the filters (all pages). */
export function useCases(filters: CaseFilters, options: { enabled?: boolean } = {}) {
  return useQuery<CaseList, ApiError>({
    queryKey: caseKeys.list(filters),
    queryFn: ({ signal }) => fetchAllCases(filters, signal),
    enabled: (options.enabled ?? true) && Boolean(filters.groupId),
    // While other filters load, the previous answer stays (never another group's).
    placeholderData: (previous, previousQuery) =>
      (previousQuery?.queryKey[2] as CaseFilters | undefined)?.groupId === filters.groupId
        ? previous
        : undefined,
  });
}

/** `GET /api/cases/:caseId`: a case with all its facts. */
export function useCase(caseId: string | undefined) {
  return useQuery<Case, ApiError>({
    queryKey: caseKeys.detail(caseId ?? ''),
    queryFn: ({ signal }) => getJson(path.case(caseId ?? ''), caseSchema, { signal }),
    enabled: Boolean(caseId),
  });
}

/** The summary part of a full case, as the lists hold it. */
export function summaryOf(value: Case | CaseSummary): CaseSummary {
  return {
    id: value.id,
    groupId: value.groupId,
    slug: value.slug,
    title: value.title,
    stage: value.stage,
    position: value.position,
    projectStatus: value.projectStatus,
    city: value.city,
    technologies: value.technologies,
    tags: value.tags,
    budgetEuros: value.budgetEuros,
    assignees: value.assignees,
    openTasks: value.openTasks,
    version: value.version,
    seq: value.seq,
    createdAt: value.createdAt,
    updatedAt: value.updatedAt,
  };
}

/**
 * Whether a case passes the filters as far as the client can tell; `undefined` when only the
 * server knows (a text search).
 */
export function matchesFilters(item: CaseSummary, filters: CaseFilters): boolean | undefined {
  if (item.groupId !== filters.groupId) return false;
  if (filters.cityCode && item.city.code !== filters.cityCode) return false;
  if (
    filters.technologies?.length &&
    !filters.technologies.some((t) => item.technologies.includes(t))
  )
    return false;
  if (filters.projectStatuses?.length && !filters.projectStatuses.includes(item.projectStatus))
    return false;
  if (filters.stages?.length && !filters.stages.includes(item.stage)) return false;
  if (filters.assigneeId && !item.assignees.some((person) => person.id === filters.assigneeId))
    return false;
  if (filters.q?.trim()) return undefined;
  return true;
}

/**
 * Puts a newer version of a case into every cached list: replaced where present (unless older
 * than what is there), removed where it no longer matches, added where it now matches. Lists
 * that only the server can decide (text search) are marked stale.
 */
export function upsertCaseInLists(queryClient: QueryClient, item: CaseSummary): void {
  for (const [key, data] of queryClient.getQueriesData<CaseList>({ queryKey: caseKeys.lists() })) {
    if (!data) continue;
    const filters = key[2] as CaseFilters | undefined;
    const matches = filters ? matchesFilters(item, filters) : true;
    const index = data.items.findIndex((entry) => entry.id === item.id);
    const existing = index >= 0 ? data.items[index] : undefined;
    if (existing && existing.seq > item.seq) continue;
    if (matches === undefined) {
      if (existing) {
        const items = data.items.slice();
        items[index] = item;
        queryClient.setQueryData<CaseList>(key, { items });
      }
      void queryClient.invalidateQueries({ queryKey: key, exact: true });
      continue;
    }
    if (!matches) {
      if (existing)
        queryClient.setQueryData<CaseList>(key, {
          items: data.items.filter((entry) => entry.id !== item.id),
        });
      continue;
    }
    const items = data.items.slice();
    if (existing) items[index] = item;
    else items.unshift(item);
    queryClient.setQueryData<CaseList>(key, { items });
  }
}

/** Removes a case from every cached list and forgets its page. */
export function removeCaseFromLists(queryClient: QueryClient, caseId: string): void {
  queryClient.setQueriesData<CaseList>({ queryKey: caseKeys.lists() }, (data) =>
    data ? { items: data.items.filter((entry) => entry.id !== caseId) } : data,
  );
}

/** Applies a newer summary (from the socket) to the case's page too, keeping its details. */
export function applySummaryToDetail(queryClient: QueryClient, item: CaseSummary): void {
  queryClient.setQueryData<Case>(caseKeys.detail(item.id), (current) =>
    current && current.seq <= item.seq ? { ...current, ...item } : current,
  );
}

/** `POST /api/groups/:groupId/cases`. */
export function useCreateCase(groupId: string) {
  const queryClient = useQueryClient();
  return useMutation<Case, ApiError, CreateCase>({
    mutationFn: (body) => sendJson('POST', path.groupCases(groupId), body, caseSchema),
    onSuccess: (created) => {
      queryClient.setQueryData(caseKeys.detail(created.id), created);
      upsertCaseInLists(queryClient, summaryOf(created));
    },
  });
}

/** What {@link useUpdateCase} sends: the case, its changes and the version they were read at. */
export interface UpdateCaseVariables {
  caseId: string;
  patch: UpdateCase;
}

interface UpdateContext {
  lists: [readonly unknown[], CaseList | undefined][];
  detail: Case | undefined;
}

/** Whether a failed update came from a version that someone else changed meanwhile. */
export function isStaleVersion(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'stale_version';
}

/**
 * `PATCH /api/cases/:caseId`. Optimistic: the lists and the page show the change at once and
 * go back to what they were when the server refuses. A stale version (409) refetches the case
 * and the lists; callers show the error (see {@link isStaleVersion}).
 */
export function useUpdateCase() {
  const queryClient = useQueryClient();
  return useMutation<Case, ApiError, UpdateCaseVariables, UpdateContext>({
    mutationFn: ({ caseId, patch }) => sendJson('PATCH', path.case(caseId), patch, caseSchema),
    onMutate: async ({ caseId, patch }) => {
      await queryClient.cancelQueries({ queryKey: caseKeys.lists() });
      await queryClient.cancelQueries({ queryKey: caseKeys.detail(caseId) });
      const lists = queryClient.getQueriesData<CaseList>({ queryKey: caseKeys.lists() });
      const detail = queryClient.getQueryData<Case>(caseKeys.detail(caseId));
      const change: Partial<CaseSummary> = {};
      if (patch.stage !== undefined) change.stage = patch.stage;
      if (patch.position !== undefined) change.position = patch.position;
      if (patch.title !== undefined) change.title = patch.title;
      if (patch.projectStatus !== undefined) change.projectStatus = patch.projectStatus;
      if (patch.technologies !== undefined) change.technologies = patch.technologies;
      if (patch.tags !== undefined) change.tags = patch.tags;
      if (patch.budgetEuros !== undefined) change.budgetEuros = patch.budgetEuros;
      if (patch.stage !== undefined && patch.position === undefined) {
        // Without a position the server puts the case at the end of its new column.
        change.position = Number.MAX_SAFE_INTEGER;
      }
      queryClient.setQueriesData<CaseList>({ queryKey: caseKeys.lists() }, (data) =>
        data
          ? {
              items: data.items.map((entry) =>
                entry.id === caseId ? { ...entry, ...change } : entry,
              ),
            }
          : data,
      );
      if (detail) {
        const rest = { ...change };
        delete rest.position;
        queryClient.setQueryData<Case>(caseKeys.detail(caseId), {
          ...detail,
          ...rest,
          ...(patch.description !== undefined ? { description: patch.description } : {}),
          ...(patch.budgetSource !== undefined ? { budgetSource: patch.budgetSource } : {}),
        });
      }
      return { lists, detail };
    },
    onError: (_error, { caseId }, context) => {
      // Undo this case only: what others changed meanwhile (live) stays on the board.
      if (context) {
        for (const [key, data] of context.lists) {
          const before = data?.items.find((entry) => entry.id === caseId);
          if (!before) continue;
          queryClient.setQueryData<CaseList>(key, (now) =>
            now
              ? { ...now, items: now.items.map((entry) => (entry.id === caseId ? before : entry)) }
              : now,
          );
        }
        if (context.detail) queryClient.setQueryData(caseKeys.detail(caseId), context.detail);
      }
      // Then the server's truth, whatever the failure was.
      void queryClient.invalidateQueries({ queryKey: caseKeys.detail(caseId) });
      void queryClient.invalidateQueries({ queryKey: caseKeys.lists() });
    },
    onSuccess: (updated) => {
      const previous = queryClient.getQueryData<Case>(caseKeys.detail(updated.id));
      if (!previous || previous.seq <= updated.seq)
        queryClient.setQueryData(caseKeys.detail(updated.id), updated);
      upsertCaseInLists(queryClient, summaryOf(updated));
    },
  });
}

/** `DELETE /api/cases/:caseId` (group admins and coordinators). */
export function useDeleteCase() {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, { caseId: string }>({
    mutationFn: ({ caseId }) => sendJson('DELETE', path.case(caseId), undefined, null),
    onSuccess: (_nothing, { caseId }) => {
      removeCaseFromLists(queryClient, caseId);
      queryClient.removeQueries({ queryKey: caseKeys.detail(caseId) });
    },
  });
}

/** `GET /api/cities?q=`: communes for the city picker; idle until `q` has a letter. */
export function useCities(q: string, limit = 8) {
  const term = q.trim();
  return useQuery<City[], ApiError>({
    queryKey: [...caseKeys.cities(term), limit],
    queryFn: async ({ signal }) => {
      const params = new URLSearchParams({ q: term, limit: String(limit) });
      return (await getJson(`/api/cities?${params.toString()}`, itemsOf(citySchema), { signal }))
        .items;
    },
    enabled: term.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10 * 60_000,
  });
}

/** `GET /api/cities/:code`: one commune (a filter in the address names only its code). */
export function useCity(code: string | undefined) {
  return useQuery<City, ApiError>({
    queryKey: caseKeys.city(code ?? ''),
    queryFn: ({ signal }) =>
      getJson(`/api/cities/${encodeURIComponent(code ?? '')}`, citySchema, { signal }),
    enabled: Boolean(code),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** `GET /api/groups/:groupId/actors?q=`: the group's vendors and public bodies. */
export function useGroupActors(groupId: string | undefined, q = '') {
  return useQuery<Actor[], ApiError>({
    queryKey: caseKeys.actors(groupId ?? '', q),
    queryFn: async ({ signal }) => {
      const params = new URLSearchParams();
      if (q.trim()) params.set('q', q.trim());
      const query = params.toString();
      return (
        await getJson(
          `/api/groups/${encodeURIComponent(groupId ?? '')}/actors${query ? `?${query}` : ''}`,
          itemsOf(actorSchema),
          { signal },
        )
      ).items;
    },
    enabled: Boolean(groupId),
    placeholderData: keepPreviousData,
  });
}

/** Export formats of the group's cases. */
export type ExportFormat = 'csv' | 'json';

/** The file name of a `Content-Disposition` header, if it has one. */
export function fileNameOf(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain parameter
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1]?.trim();
}

/** Fetches the export with the bearer token and hands it to the browser as a download. */
export async function downloadCasesExport(groupId: string, format: ExportFormat): Promise<void> {
  const response = await sendRaw('GET', `${path.groupCases(groupId)}/export?format=${format}`, {
    accept: format === 'csv' ? 'text/csv' : 'application/json',
  });
  const blob = await response.blob();
  const name =
    fileNameOf(response.headers.get('Content-Disposition')) ??
    `dossiers-${new Date().toISOString().slice(0, 10)}.${format}`;
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

/** `GET /api/groups/:groupId/cases/export?format=`, as a download. */
export function useExportCases(groupId: string) {
  return useMutation<void, ApiError, ExportFormat>({
    mutationFn: (format) => downloadCasesExport(groupId, format),
  });
}

/** `POST /api/groups/:groupId/cases/import` with the CSV text (admins and coordinators). */
export function useImportCases(groupId: string) {
  const queryClient = useQueryClient();
  return useMutation<ImportReport, ApiError, string>({
    mutationFn: async (csv) => {
      const response = await sendRaw('POST', `${path.groupCases(groupId)}/import`, {
        body: { raw: csv, contentType: 'text/csv' },
        accept: 'application/json',
      });
      const parsed = importReportSchema.safeParse(await response.json().catch(() => undefined));
      if (!parsed.success)
        throw new ApiError({
          statusCode: response.status,
          code: 'invalid_response',
          message: 'POST import: the answer does not match the expected schema',
        });
      return parsed.data;
    },
    onSuccess: (report) => {
      if (report.created.length > 0)
        void queryClient.invalidateQueries({ queryKey: caseKeys.lists() });
    },
  });
}
