import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { caseSummarySchema, memberSchema, type Member } from '@technopolice/shared';
import { useMemo } from 'react';
import { getJson, itemsOf } from '../../lib/api';
import { caseQueryString } from '../../lib/cases';
import { fetchDocumentFile, listedDocumentSchema } from '../../lib/documents';
import { identityKeys } from '../../lib/identity';
import type { RichTextSources } from '../editor/types';

/** Matches shown for one `@` or `#` search. */
const MATCHES = 8;

/** Lower case, without accents: "Élise" is found by "eli". */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase();
}

/** Object URLs of images already fetched, for the page's life (a few small images at most). */
const imageUrls = new Map<string, Promise<string>>();

function imageUrl(documentId: string): Promise<string> {
  const known = imageUrls.get(documentId);
  if (known) return known;
  const url = fetchDocumentFile(documentId).then(({ blob }) => URL.createObjectURL(blob));
  imageUrls.set(documentId, url);
  url.catch(() => imageUrls.delete(documentId));
  return url;
}

function members(queryClient: QueryClient, groupId: string): Promise<Member[]> {
  return queryClient.fetchQuery({
    queryKey: identityKeys.members(groupId),
    queryFn: async ({ signal }) =>
      (
        await getJson(`/api/groups/${encodeURIComponent(groupId)}/members`, itemsOf(memberSchema), {
          signal,
        })
      ).items,
    staleTime: 60_000,
  });
}

/** What the editor may point at in a group: its members, documents and cases. */
export function editorSources(queryClient: QueryClient, groupId: string): RichTextSources {
  return {
    async members(query) {
      const wanted = fold(query.trim());
      const list = await members(queryClient, groupId);
      return list
        .filter((member) => fold(member.displayName).includes(wanted))
        .sort((a, b) => {
          // Names that start with what was typed come first.
          const rank = (name: string) => (fold(name).startsWith(wanted) ? 0 : 1);
          return (
            rank(a.displayName) - rank(b.displayName) || a.displayName.localeCompare(b.displayName)
          );
        })
        .slice(0, MATCHES)
        .map((member) => ({ id: member.userId, displayName: member.displayName }));
    },
    async documents(query) {
      const params = new URLSearchParams({ groupId, limit: String(MATCHES) });
      if (query.trim()) params.set('q', query.trim());
      const page = await getJson(
        `/api/documents?${params.toString()}`,
        itemsOf(listedDocumentSchema),
      );
      return page.items.slice(0, MATCHES).map((document) => ({
        id: document.id,
        title: document.title,
        mimeType: document.mimeType,
      }));
    },
    async cases(query) {
      const filters = query.trim() ? { groupId, q: query.trim() } : { groupId };
      const page = await getJson(
        `/api/cases?${caseQueryString(filters, { limit: String(MATCHES), sort: 'updated', order: 'desc' })}`,
        itemsOf(caseSummarySchema),
      );
      return page.items.slice(0, MATCHES).map((item) => ({ id: item.id, title: item.title }));
    },
    imageUrl,
  };
}

/** The editor's sources for a group, stable while the group stays the same. */
export function useEditorSources(groupId: string): RichTextSources {
  const queryClient = useQueryClient();
  return useMemo(() => editorSources(queryClient, groupId), [queryClient, groupId]);
}
