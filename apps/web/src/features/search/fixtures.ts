import type { SearchAnswer, SearchResult } from '@technopolice/shared';
import { GROUP_ID, RENARD_ID } from '../../test/fixtures';

/** Search results shaped like `GET /api/search` answers them. */

export const CASE_RESULT_ID = 'c0000000-0000-4000-8000-000000000001';
export const THREAD_ID = 'd0000000-0000-4000-8000-000000000001';
export const POST_RESULT_ID = 'e0000000-0000-4000-8000-000000000001';
export const DOCUMENT_RESULT_ID = 'f0000000-0000-4000-8000-000000000001';

export function aResult(overrides: Partial<SearchResult> = {}): SearchResult {
  return {
    type: 'case',
    id: CASE_RESULT_ID,
    groupId: GROUP_ID,
    caseId: CASE_RESULT_ID,
    threadId: null,
    title: 'Vidéosurveillance algorithmique à Marseille',
    snippet: 'Marseille — 50 <mark>caméras</mark> dotées d’un traitement algorithmique',
    page: null,
    date: '2025-03-12T10:00:00.000Z',
    author: { id: RENARD_ID, displayName: 'Renard' },
    url: null,
    ...overrides,
  };
}

export const caseResult = aResult();
export const postResult = aResult({
  type: 'post',
  id: POST_RESULT_ID,
  threadId: THREAD_ID,
  title: 'Réunion avec la CNIL',
  snippet: 'Les <mark>caméras</mark> de la Canebière filment les fenêtres &#60;sic&#62;',
  date: '2025-04-02T18:30:00.000Z',
});
export const documentResult = aResult({
  type: 'document',
  id: DOCUMENT_RESULT_ID,
  title: 'Réponse de la mairie à la demande CADA',
  snippet: 'Annexe : liste des <mark>caméras</mark> dotées d’un traitement',
  page: 4,
  date: '2025-05-20T09:00:00.000Z',
});

export function anAnswer(items: SearchResult[], counts: Partial<SearchAnswer['counts']> = {}) {
  const counted = (type: SearchResult['type']) => items.filter((item) => item.type === type).length;
  return {
    items,
    nextCursor: null,
    counts: {
      case: counted('case'),
      post: counted('post'),
      document: counted('document'),
      publication: counted('publication'),
      ...counts,
    },
  } satisfies SearchAnswer;
}
