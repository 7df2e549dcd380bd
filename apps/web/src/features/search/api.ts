import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  searchAnswerSchema,
  type SearchAnswer,
  type SearchType,
  type Technology,
} from '@technopolice/shared';
import { type ApiError, getJson } from '../../lib/api';

/** What the web app asks `GET /api/search`: the shared query, as the page and palette hold it. */
export interface SearchFilters {
  q: string;
  groupId?: string;
  caseId?: string;
  type?: SearchType;
  authorId?: string;
  technology?: Technology;
  /** `YYYY-MM-DD`, inclusive. */
  from?: string;
  /** `YYYY-MM-DD`, inclusive. */
  to?: string;
  /** Search as you type: the last word is a prefix. */
  prefix?: boolean;
  limit?: number;
}

/** Cache keys of searches. */
export const searchKeys = {
  all: ['search'] as const,
  search: (filters: SearchFilters) => ['search', normalizeFilters(filters)] as const,
};

/** Only what the server reads, the query trimmed (and nothing else: it understands the rest). */
function normalizeFilters(filters: SearchFilters): SearchFilters {
  const out: SearchFilters = { q: filters.q.trim() };
  if (filters.groupId) out.groupId = filters.groupId;
  if (filters.caseId) out.caseId = filters.caseId;
  if (filters.type) out.type = filters.type;
  if (filters.authorId) out.authorId = filters.authorId;
  if (filters.technology) out.technology = filters.technology;
  if (filters.from) out.from = filters.from;
  if (filters.to) out.to = filters.to;
  if (filters.prefix) out.prefix = true;
  if (filters.limit) out.limit = filters.limit;
  return out;
}

/** `/api/search?…` for these filters. */
export function searchPath(filters: SearchFilters): string {
  const normalized = normalizeFilters(filters);
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(normalized))
    if (value !== undefined) params.set(name, String(value));
  return `/api/search?${params.toString()}`;
}

/**
 * `GET /api/search`. Nothing is asked for an empty query. Each new query's request aborts the
 * one before (TanStack Query aborts the signal of a query nobody watches any more), and the
 * previous answer stays on screen until the next arrives.
 */
export function useSearch(filters: SearchFilters, options: { enabled?: boolean } = {}) {
  const normalized = normalizeFilters(filters);
  return useQuery<SearchAnswer, ApiError>({
    queryKey: searchKeys.search(normalized),
    queryFn: ({ signal }) => getJson(searchPath(normalized), searchAnswerSchema, { signal }),
    enabled: (options.enabled ?? true) && normalized.q !== '',
    placeholderData: keepPreviousData,
  });
}
