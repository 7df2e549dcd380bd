import type { SearchResult, SearchType } from '@technopolice/shared';
import { caseThreadHref, forumThreadHref } from '../discussions/links';
import { TYPE_PARAMS } from './params';

/**
 * Where a result opens: a case's page; a post in its thread (its case's Discussions tab or the
 * forum), scrolled to; a document at the page where the words are.
 */
export function resultHref(result: SearchResult): string {
  switch (result.type) {
    case 'case':
      return `/dossiers/${encodeURIComponent(result.caseId ?? result.id)}`;
    case 'post':
      if (!result.threadId) break;
      return result.caseId
        ? caseThreadHref(result.caseId, result.threadId, result.id)
        : forumThreadHref(result.threadId, result.id);
    case 'document': {
      const page = result.page ? `?page=${result.page}` : '';
      return `/documents/${encodeURIComponent(result.id)}${page}`;
    }
  }
  return result.caseId ? `/dossiers/${encodeURIComponent(result.caseId)}` : '/forum';
}

/** The results page for a query (and, optionally, one type of result). */
export function searchPageHref(q: string, type?: SearchType): string {
  const params = new URLSearchParams();
  if (q.trim()) params.set('q', q.trim());
  if (type) params.set('type', TYPE_PARAMS[type]);
  const query = params.toString();
  return `/recherche${query ? `?${query}` : ''}`;
}
