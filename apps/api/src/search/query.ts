import { MAX_SEARCH_LENGTH } from '@technopolice/shared';

/** What people typed, split into what `websearch_to_tsquery` reads and a last-word prefix. */
export interface ParsedSearch {
  /** For `websearch_to_tsquery`: quotes, `-word` and `or` keep their meaning. */
  text: string;
  /**
   * The same words without phrases or exclusions: everything `text` matches, it matches too.
   * Candidates are found with it (phrases cannot be checked on a document's word list).
   */
  loose: string;
  /** Letters and digits of the word being typed, matched as a prefix; null when none. */
  prefix: string | null;
}

const WORD = /^[\p{L}\p{N}]+$/u;

/**
 * Reads a query as a person meant it. `websearch_to_tsquery` already never fails on what people
 * type (unbalanced quotes, `&`, `|`, `!`); we only cut what is too long, drop control
 * characters, and, when searching as one types, take the last unfinished word as a prefix.
 */
export function parseSearch(raw: string, asYouType: boolean): ParsedSearch {
  const parsed = parseWords(raw, asYouType);
  return { ...parsed, loose: loosen(parsed.text) };
}

/** Drops exclusions (`-word`, `-"a phrase"`) and quotes: a looser query, never a stricter one. */
export function loosen(text: string): string {
  return text
    .replace(/(^|\s)-"[^"]*"?/g, ' ')
    .replace(/(^|\s)-\S+/g, ' ')
    .replace(/"/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function parseWords(raw: string, asYouType: boolean): Omit<ParsedSearch, 'loose'> {
  // eslint-disable-next-line no-control-regex
  const cleaned = raw.replace(/[\u0000-\u001f\u007f]+/g, ' ').slice(0, MAX_SEARCH_LENGTH);
  if (!asYouType || /\s$/.test(cleaned)) return { text: cleaned.trim(), prefix: null };
  const quotes = (cleaned.match(/"/g) ?? []).length;
  const match = /(^|\s)([^\s"]+)$/.exec(cleaned);
  // Inside an open quote, or a negated word: no prefix, read as typed.
  if (!match || quotes % 2 === 1 || match[2]!.startsWith('-'))
    return { text: cleaned.trim(), prefix: null };
  const word = match[2]!.replace(/[^\p{L}\p{N}]+/gu, '');
  if (word.length < 2 || !WORD.test(word)) return { text: cleaned.trim(), prefix: null };
  return { text: cleaned.slice(0, match.index).trim(), prefix: word.toLowerCase() };
}

/** The SQL of a tsquery from `ParsedSearch`, given the placeholders of its two parts. */
export function tsquerySql(text: string, prefix: string): string {
  return `(websearch_to_tsquery('french_unaccent', ${text}) &&
    CASE WHEN ${prefix}::text IS NULL THEN ''::tsquery
         ELSE to_tsquery('french_unaccent', ${prefix} || ':*') END)`;
}
