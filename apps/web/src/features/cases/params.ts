import {
  PROJECT_STATUS_IDS,
  TECHNOLOGY_IDS,
  type ProjectStatus,
  type Technology,
} from '@technopolice/shared';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { CaseFilters } from '../../lib/cases';

/**
 * The board's state lives in the address (French parameter names, like the paths): a shared
 * link reproduces the view, back and forward walk through filter changes.
 *
 * `groupe`, `vue` (tableau|liste|carte), `q`, `ville` (INSEE code), `techno` and `statut`
 * (comma-separated ids), `membre` (user id), `tri` and `ordre` (list view).
 */

export const VIEWS = ['tableau', 'liste', 'carte'] as const;
export type BoardView = (typeof VIEWS)[number];

/** Sortable columns of the list view, as `tri` names them. */
export const LIST_SORTS = [
  'titre',
  'ville',
  'etape',
  'statut',
  'technos',
  'taches',
  'maj',
] as const;
export type ListSort = (typeof LIST_SORTS)[number];
export type SortOrder = 'asc' | 'desc';

/** Default order of each column when first clicked: dates and counts biggest first. */
export const DEFAULT_ORDER: Record<ListSort, SortOrder> = {
  titre: 'asc',
  ville: 'asc',
  etape: 'asc',
  statut: 'asc',
  technos: 'asc',
  taches: 'desc',
  maj: 'desc',
};

export interface BoardParams {
  groupId: string | null;
  view: BoardView;
  q: string;
  cityCode: string | null;
  technologies: Technology[];
  projectStatuses: ProjectStatus[];
  assigneeId: string | null;
  sort: ListSort;
  order: SortOrder;
}

/** The filter parameters, cleared together by "Effacer les filtres". */
const FILTER_KEYS = ['q', 'ville', 'techno', 'statut', 'membre'] as const;

function listOf<T extends string>(value: string | null, allowed: readonly T[]): T[] {
  if (!value) return [];
  const wanted = new Set(value.split(',').map((part) => part.trim()));
  return allowed.filter((id) => wanted.has(id));
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return value && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

export function parseBoardParams(params: URLSearchParams): BoardParams {
  const sort = oneOf(params.get('tri'), LIST_SORTS, 'maj');
  return {
    groupId: params.get('groupe'),
    view: oneOf(params.get('vue'), VIEWS, 'tableau'),
    q: params.get('q') ?? '',
    cityCode: params.get('ville')?.toUpperCase() || null,
    technologies: listOf(params.get('techno'), TECHNOLOGY_IDS),
    projectStatuses: listOf(params.get('statut'), PROJECT_STATUS_IDS),
    assigneeId: params.get('membre') || null,
    sort,
    order: oneOf(params.get('ordre'), ['asc', 'desc'] as const, DEFAULT_ORDER[sort]),
  };
}

/** The API filters of the board's state for one group. */
export function filtersOf(params: BoardParams, groupId: string): CaseFilters {
  return {
    groupId,
    ...(params.q.trim() ? { q: params.q.trim() } : {}),
    ...(params.cityCode ? { cityCode: params.cityCode } : {}),
    ...(params.technologies.length ? { technologies: params.technologies } : {}),
    ...(params.projectStatuses.length ? { projectStatuses: params.projectStatuses } : {}),
    ...(params.assigneeId ? { assigneeId: params.assigneeId } : {}),
  };
}

export function hasFilters(params: BoardParams): boolean {
  return Boolean(
    params.q.trim() ||
    params.cityCode ||
    params.technologies.length ||
    params.projectStatuses.length ||
    params.assigneeId,
  );
}

export type ParamChanges = Partial<Record<string, string | readonly string[] | null>>;

/** Applies changes to search parameters: null or empty removes a parameter. */
export function withChanges(current: URLSearchParams, changes: ParamChanges): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const [key, value] of Object.entries(changes)) {
    const text = Array.isArray(value) ? value.join(',') : (value as string | null | undefined);
    if (text) next.set(key, text);
    else next.delete(key);
  }
  return next;
}

/** The board's state and its setters; each change is a history entry unless `replace`. */
export function useBoardParams() {
  const [searchParams, setSearchParams] = useSearchParams();
  const params = useMemo(() => parseBoardParams(searchParams), [searchParams]);
  const update = useCallback(
    (changes: ParamChanges, options: { replace?: boolean } = {}) => {
      setSearchParams((current) => withChanges(current, changes), {
        replace: options.replace ?? false,
        preventScrollReset: true,
      });
    },
    [setSearchParams],
  );
  const clearFilters = useCallback(() => {
    update(Object.fromEntries(FILTER_KEYS.map((key) => [key, null])));
  }, [update]);
  return { params, searchParams, update, clearFilters };
}
