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
    case 'publication':
      // Another group's public page, served by the server (not by this app).
      if (result.url) return new URL(result.url, window.location.origin).pathname;
  }
  return result.caseId ? `/dossiers/${encodeURIComponent(result.caseId)}` : '/forum';
}

/** Whether an address is a server-rendered public page, to load as a whole page. */
export const isServerPage = (href: string) => /^\/p(\/|$)/.test(href);

/** The results page for a query (and, optionally, one type of result). */
export function searchPageHref(q: string, type?: SearchType): string {
  const params = new URLSearchParams();
  if (q.trim()) params.set('q', q.trim());
  if (type) params.set('type', TYPE_PARAMS[type]);
  const query = params.toString();
  return `/recherche${query ? `?${query}` : ''}`;
}
