import {
  SEARCH_TYPES,
  type SearchAnswer,
  type SearchResult,
  type SearchType,
} from '@technopolice/shared';
import { FileText, FolderOpen, type LucideIcon, MessageSquareText, Newspaper } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n';
import { formatDate } from '../../lib/format';
import { useGroups } from '../../lib/identity';
import { sanitizeSnippet } from './snippet';

/** Each type of result, with the icon of its section of the app. */
export const TYPE_ICONS: Record<SearchType, LucideIcon> = {
  case: FolderOpen,
  post: MessageSquareText,
  document: FileText,
  publication: Newspaper,
};

/** Counts are capped by the server: `200` means "200 or more". */
export const COUNT_CAP = 200;

/** A count as people read it: `200+` at the server's cap. */
export function formatCount(count: number): string {
  return count >= COUNT_CAP ? `${COUNT_CAP}+` : String(count);
}

/** The counts of every type added up, `+` when one of them is at the cap. */
export function formatTotal(counts: SearchAnswer['counts']): string {
  const values = SEARCH_TYPES.map((type) => counts[type] ?? 0);
  const total = values.reduce((sum, count) => sum + count, 0);
  return values.some((count) => count >= COUNT_CAP) ? `${total}+` : String(total);
}

/** The words found, highlighted: the server's snippet, kept to text and `<mark>`. */
export function Snippet({ html, className }: { html: string; className: string }) {
  if (!html) return null;
  return <span className={className} dangerouslySetInnerHTML={{ __html: sanitizeSnippet(html) }} />;
}

/** The name of each of my groups, when I am in several (else there is nothing to tell apart). */
export function useGroupNames(): (groupId: string) => string | undefined {
  const groups = useGroups();
  const list = groups.data ?? [];
  return (groupId) =>
    list.length > 1 ? list.find((group) => group.id === groupId)?.name : undefined;
}

/** What, who, when and where: `Message · Camille · 3 mars 2025 · p. 4 · Technopolice Nice`. */
export function ResultMeta({
  result,
  className,
  withType = true,
}: {
  result: SearchResult;
  className: string;
  withType?: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const groupName = useGroupNames()(result.groupId);
  return (
    <span className={className}>
      {withType ? <span>{t(`search.types.${result.type}.one`)}</span> : null}
      {result.page ? <span>{t('search.pageNumber', { page: result.page })}</span> : null}
      {result.author ? <span>{result.author.displayName}</span> : null}
      <span>
        <time dateTime={result.date}>{formatDate(result.date, language)}</time>
      </span>
      {groupName ? <span>{groupName}</span> : null}
    </span>
  );
}
