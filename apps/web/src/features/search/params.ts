import {
  SEARCH_TYPES,
  TECHNOLOGY_IDS,
  type SearchType,
  type Technology,
} from '@technopolice/shared';
import { useSearchParams } from 'react-router';
import type { SearchFilters } from './api';

/**
 * The results page keeps its search in the address, with French names like the paths, so that a
 * link gives the same results: `/recherche?q=&type=&groupe=&dossier=&auteur=&technologie=&du=&au=`.
 */

/** How `type=` names each type of result. */
export const TYPE_PARAMS: Record<SearchType, string> = {
  case: 'dossier',
  post: 'message',
  document: 'document',
  publication: 'publication',
};

/** The address's names of the API's filters. */
const NAMES = {
  groupId: 'groupe',
  caseId: 'dossier',
  authorId: 'auteur',
  technology: 'technologie',
  from: 'du',
  to: 'au',
} as const;
export type FilterName = 'q' | 'type' | keyof typeof NAMES;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The search of the page: what the address says, anything malformed left out. */
export interface PageSearch extends SearchFilters {
  type?: SearchType;
}

function typeOf(value: string | null): SearchType | undefined {
  return SEARCH_TYPES.find((type) => TYPE_PARAMS[type] === value);
}

function technologyOf(value: string | null): Technology | undefined {
  return TECHNOLOGY_IDS.find((id) => id === value);
}

export function parsePageSearch(params: URLSearchParams): PageSearch {
  const id = (name: string) => {
    const value = params.get(name);
    return value && UUID.test(value) ? value : undefined;
  };
  const day = (name: string) => {
    const value = params.get(name);
    return value && DAY.test(value) ? value : undefined;
  };
  return {
    q: params.get('q') ?? '',
    type: typeOf(params.get('type')),
    groupId: id(NAMES.groupId),
    caseId: id(NAMES.caseId),
    authorId: id(NAMES.authorId),
    technology: technologyOf(params.get(NAMES.technology)),
    from: day(NAMES.from),
    to: day(NAMES.to),
  };
}

function paramName(name: FilterName): string {
  return name === 'q' || name === 'type' ? name : NAMES[name];
}

/**
 * The page's search and its setters. Filters replace the history entry; a new search (`push`)
 * adds one, so that Back returns to the previous search.
 */
export function usePageSearch() {
  const [params, setParams] = useSearchParams();
  const search = parsePageSearch(params);
  const update = (
    changes: Partial<Record<FilterName, string | undefined>>,
    { push = false }: { push?: boolean } = {},
  ) =>
    setParams(
      (current) => {
        const copy = new URLSearchParams(current);
        for (const [name, value] of Object.entries(changes) as [FilterName, string | undefined][])
          if (value) copy.set(paramName(name), value);
          else copy.delete(paramName(name));
        return copy;
      },
      { replace: !push },
    );
  /** Every filter off; the words and the type stay. */
  const clear = () =>
    update({
      groupId: undefined,
      caseId: undefined,
      authorId: undefined,
      technology: undefined,
      from: undefined,
      to: undefined,
    });
  return { search, update, clear };
}
