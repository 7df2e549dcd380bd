import { z } from 'zod';
import { TECHNOLOGY_IDS } from '../taxonomy/index.js';

/**
 * Search across cases, posts and documents, in French with accents folded. People type what
 * they mean — `"contrat Thales" -drone`, `caméras`, unbalanced quotes — and the server reads it
 * as such; nothing they type makes it fail.
 */

/**
 * What a result is. `publication`: a case another group published (the caller's own groups'
 * cases come as `case`), linked to its public page.
 */
export const SEARCH_TYPES = ['case', 'post', 'document', 'publication'] as const;
/** What a result is. */
export type SearchType = (typeof SEARCH_TYPES)[number];

/** Longest query read; longer ones are cut, not refused. */
export const MAX_SEARCH_LENGTH = 300;

/** `GET /api/search`. */
export const searchQuerySchema = z
  .object({
    q: z.string().max(10_000).default(''),
    groupId: z.uuid().optional(),
    caseId: z.uuid().optional(),
    type: z.enum(SEARCH_TYPES).optional(),
    authorId: z.uuid().optional(),
    technology: z.enum(TECHNOLOGY_IDS).optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    /** Search as you type: the last word is a prefix. */
    prefix: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .strict();
/** A search. */
export type SearchQuery = z.input<typeof searchQuerySchema>;

/** One result: `snippet` is HTML whose only tags are `<mark>` around the words found. */
export const searchResultSchema = z.object({
  type: z.enum(SEARCH_TYPES),
  id: z.uuid(),
  groupId: z.uuid(),
  caseId: z.uuid().nullable(),
  /** Posts: their thread. */
  threadId: z.uuid().nullable(),
  title: z.string(),
  snippet: z.string(),
  /** Documents: the page where the words are, when they are in the text. */
  page: z.number().int().nullable(),
  date: z.string(),
  author: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  /** Publications: the public page (an absolute URL). */
  url: z.string().nullable(),
});
/** One result. */
export type SearchResult = z.infer<typeof searchResultSchema>;

/** `GET /api/search` answers. */
export const searchAnswerSchema = z.object({
  items: z.array(searchResultSchema),
  nextCursor: z.null(),
  /** Matches per type, counted up to 200 (`200` means "200 or more"). */
  counts: z.record(z.enum(SEARCH_TYPES), z.number().int()),
});
/** `GET /api/search` answers. */
export type SearchAnswer = z.infer<typeof searchAnswerSchema>;
