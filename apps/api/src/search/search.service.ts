import { Inject, Injectable } from '@nestjs/common';
import {
  publicCasePath,
  SEARCH_TYPES,
  type SearchAnswer,
  type SearchResult,
  type SearchType,
  type searchQuerySchema,
} from '@technopolice/shared';
import { DataSource } from 'typeorm';
import { type z } from 'zod';
import { type Actor } from '../auth/actor.js';
import { AppError } from '../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { parseSearch, tsquerySql } from './query.js';

type Query = z.output<typeof searchQuerySchema>;

/**
 * How many of the newest matches of each type are ranked. Ranking every match of a common word
 * reads thousands of long vectors (hundreds of ms on a large group); the newest few hundred are
 * found through the GIN index and ranked in a few ms, and a person refines with more words.
 */
export const CANDIDATES = 200;
/** Documents whose pages are read and ranked: the newest that hold every word of the query. */
export const DOCUMENT_CANDIDATES = 50;

/** How a match of each type weighs against the others once ranked. */
const TYPE_WEIGHT: Record<SearchType, number> = {
  case: 2,
  document: 1.2,
  post: 1,
  publication: 1.5,
};

const START = '\u0002';
const STOP = '\u0003';
const HEADLINE = `StartSel=${START}, StopSel=${STOP}, MaxWords=28, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "`;

interface Row {
  id: string;
  group_id: string;
  case_id: string | null;
  thread_id: string | null;
  title: string;
  headline: string | null;
  page: number | null;
  date: Date;
  author_id: string | null;
  author_name: string | null;
  rank: number;
  total: number;
  /** Publications: where their public page is. */
  group_slug?: string;
  case_slug?: string;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** `ts_headline`'s markers turned into `<mark>`, everything else escaped. */
export function snippetHtml(headline: string | null): string {
  if (!headline) return '';
  return escapeHtml(headline.replace(/\s+/g, ' ').trim())
    .replaceAll(START, '<mark>')
    .replaceAll(STOP, '</mark>');
}

@Injectable()
export class SearchService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async search(actor: Actor, query: Query): Promise<SearchAnswer> {
    const counts = Object.fromEntries(SEARCH_TYPES.map((type) => [type, 0])) as Record<
      SearchType,
      number
    >;
    const parsed = parseSearch(query.q, query.prefix ?? false);
    const groups = await this.groupsOf(actor, query);
    // Other groups' published cases, unless the search is narrowed to the caller's own material.
    const withPublished = !query.groupId && !query.caseId && !query.authorId;
    if ((groups.length === 0 && !withPublished) || (parsed.text === '' && !parsed.prefix))
      return { items: [], nextCursor: null, counts };

    // A query of stop words alone ("le", "de la") matches nothing rather than everything.
    const [probe] = await this.dataSource.query<{ nodes: number }[]>(
      `SELECT numnode(${tsquerySql('$1', '$2')}) AS nodes`,
      [parsed.text, parsed.prefix],
    );
    if (!probe || probe.nodes === 0) return { items: [], nextCursor: null, counts };

    const params = [
      parsed.text,
      parsed.prefix,
      groups,
      query.caseId ?? null,
      query.authorId ?? null,
      query.technology ?? null,
      query.from ?? null,
      query.to ?? null,
      query.limit,
      parsed.loose,
      // A phrase or an exclusion narrows what the loose words find: look further back.
      parsed.loose === parsed.text ? CANDIDATES : CANDIDATES * 5,
    ];
    const types = (query.type ? [query.type] : SEARCH_TYPES).filter((type) =>
      type === 'publication' ? withPublished : groups.length > 0,
    );
    const scored: { result: SearchResult; score: number }[] = [];
    // Side by side on PostgreSQL's pool (PGlite takes them in turn).
    const answers = await Promise.all(
      types.map((type) =>
        this.dataSource.query<Row[]>(SEARCH_SQL[type], params.slice(0, PARAMETERS[type])),
      ),
    );
    for (const [index, type] of types.entries()) {
      const rows = answers[index]!;
      counts[type] = rows[0]?.total ?? 0;
      for (const row of rows)
        scored.push({
          score: row.rank * TYPE_WEIGHT[type],
          result: {
            type,
            id: row.id,
            groupId: row.group_id,
            caseId: row.case_id,
            threadId: row.thread_id,
            title: row.title,
            snippet: snippetHtml(row.headline),
            page: row.page,
            date: row.date.toISOString(),
            author: row.author_id
              ? { id: row.author_id, displayName: row.author_name ?? '' }
              : null,
            url:
              row.group_slug && row.case_slug
                ? `${this.config.publicUrl}${publicCasePath(row.group_slug, row.case_slug)}`
                : null,
          },
        });
    }
    scored.sort((a, b) => b.score - a.score || b.result.date.localeCompare(a.result.date));
    return { items: scored.slice(0, query.limit).map((s) => s.result), nextCursor: null, counts };
  }

  /** The groups searched: the caller's, or the one asked for if the caller belongs to it. */
  private async groupsOf(actor: Actor, query: Query): Promise<string[]> {
    const rows = await this.dataSource.query<{ group_id: string }[]>(
      'SELECT group_id FROM memberships WHERE user_id = $1',
      [actor.id],
    );
    let groups = rows.map((row) => row.group_id);
    if (query.groupId) {
      if (!groups.includes(query.groupId))
        throw new AppError('not_found', `No group ${query.groupId}.`);
      groups = [query.groupId];
    }
    if (query.caseId) {
      const [found] = await this.dataSource.query<{ group_id: string }[]>(
        'SELECT group_id FROM cases WHERE id = $1 AND group_id = ANY($2::uuid[])',
        [query.caseId, groups],
      );
      if (!found) throw new AppError('not_found', `No case ${query.caseId}.`);
      groups = [found.group_id];
    }
    return groups;
  }
}

// $1 text, $2 prefix, $3 groups, $4 caseId, $5 authorId, $6 technology, $7 from, $8 to, $9 limit,
// $10 the loose text (no phrase, no exclusion), $11 how many loose matches to look through
// The tsquery is written out where it is used (not in a CTE): PostgreSQL then folds it into a
// constant and estimates how many rows match. Candidates are the newest matches of each group
// (one group at a time, so that its (group_id, created_at) index gives them in order): for a
// common word PostgreSQL walks that index and stops early instead of fetching every match
// through the GIN index; for a rare word it uses the GIN index.
const Q = tsquerySql('$1', '$2');
const LOOSE = tsquerySql('$10', '$2');
/** How many of the parameters each statement reads. */
const PARAMETERS: Record<SearchType, number> = { case: 9, document: 10, post: 11, publication: 9 };
const DATES = (column: string) =>
  `($7::date IS NULL OR ${column} >= $7::date) AND ($8::date IS NULL OR ${column} < $8::date + 1)`;
const TECHNOLOGY = (caseColumn: string) =>
  `($6::text IS NULL OR ${caseColumn} IN (SELECT id FROM cases WHERE $6::text = ANY(technologies)))`;

export const SEARCH_SQL: Record<SearchType, string> = {
  // Other groups' published cases ($3: the caller's groups, whose cases come as cases).
  publication: `
    WITH candidates AS (
      SELECT p.id, ts_rank_cd(p.tsv, ${Q}) AS rank, count(*) OVER () AS total
      FROM (SELECT p.id FROM publications p
            WHERE p.retracted_at IS NULL AND NOT (p.group_id = ANY($3::uuid[])) AND p.tsv @@ ${Q}
              AND ($4::uuid IS NULL) AND ($5::uuid IS NULL)
              AND ($6::text IS NULL OR $6::text = ANY(p.technologies))
              AND ${DATES('p.last_published_at')}
            ORDER BY p.last_published_at DESC LIMIT ${CANDIDATES}) found
      JOIN publications p ON p.id = found.id
      ORDER BY rank DESC, p.last_published_at DESC LIMIT $9)
    SELECT p.id, p.group_id, NULL::uuid AS case_id, NULL::uuid AS thread_id, p.title,
      ts_headline('french_unaccent', p.search_text, ${Q}, '${HEADLINE}') AS headline,
      NULL::int AS page, p.last_published_at AS date, NULL::uuid AS author_id,
      NULL::text AS author_name, candidates.rank, candidates.total::int AS total,
      p.group_slug, p.case_slug
    FROM candidates JOIN publications p ON p.id = candidates.id
    ORDER BY candidates.rank DESC`,
  case: `
    WITH candidates AS (
      SELECT c.id, ts_rank_cd(c.tsv, ${Q}) AS rank, count(*) OVER () AS total
      FROM (SELECT c.id FROM cases c
            WHERE c.group_id = ANY($3::uuid[]) AND c.tsv @@ ${Q}
              AND ($4::uuid IS NULL OR c.id = $4) AND ($5::uuid IS NULL OR c.created_by = $5)
              AND ($6::text IS NULL OR $6::text = ANY(c.technologies)) AND ${DATES('c.created_at')}
            ORDER BY c.updated_at DESC LIMIT ${CANDIDATES}) found
      JOIN cases c ON c.id = found.id
      ORDER BY rank DESC, c.updated_at DESC LIMIT $9)
    SELECT c.id, c.group_id, c.id AS case_id, NULL::uuid AS thread_id, c.title,
      ts_headline('french_unaccent', c.city_name || ' — ' || c.search_actors || ' ' || c.description,
        ${Q}, '${HEADLINE}') AS headline,
      NULL::int AS page, c.updated_at AS date, c.created_by AS author_id,
      u.display_name AS author_name, candidates.rank, candidates.total::int AS total
    FROM candidates JOIN cases c ON c.id = candidates.id LEFT JOIN users u ON u.id = c.created_by
    ORDER BY candidates.rank DESC`,
  post: `
    WITH candidates AS (
      SELECT p.id, ts_rank_cd(p.tsv, ${Q}) AS rank, count(*) OVER () AS total
      FROM (SELECT newest.id FROM unnest($3::uuid[]) g(id), LATERAL (
              SELECT p.id, p.created_at, p.tsv FROM posts p JOIN threads t ON t.id = p.thread_id
              WHERE p.group_id = g.id AND p.tsv @@ ${LOOSE}
                AND p.deleted_at IS NULL AND p.hidden_at IS NULL AND NOT t.hidden
                AND ($4::uuid IS NULL OR t.case_id = $4) AND ($5::uuid IS NULL OR p.author_id = $5)
                AND ${TECHNOLOGY('t.case_id')} AND ${DATES('p.created_at')}
              ORDER BY p.created_at DESC LIMIT $11) newest
            WHERE newest.tsv @@ ${Q}
            ORDER BY newest.created_at DESC LIMIT ${CANDIDATES}) found
      JOIN posts p ON p.id = found.id
      ORDER BY rank DESC, p.created_at DESC LIMIT $9)
    SELECT p.id, p.group_id, t.case_id, p.thread_id, t.title,
      ts_headline('french_unaccent', p.text, ${Q}, '${HEADLINE}') AS headline,
      NULL::int AS page, p.created_at AS date, p.author_id, u.display_name AS author_name,
      candidates.rank, candidates.total::int AS total
    FROM candidates JOIN posts p ON p.id = candidates.id JOIN threads t ON t.id = p.thread_id
      LEFT JOIN users u ON u.id = p.author_id
    ORDER BY candidates.rank DESC`,
  document: `
    WITH newest AS (
      SELECT newest.id FROM unnest($3::uuid[]) g(id), LATERAL (
        SELECT d.id, d.created_at FROM documents d
        WHERE d.group_id = g.id AND ($4::uuid IS NULL OR d.case_id = $4)
          AND ($5::uuid IS NULL OR d.uploaded_by = $5) AND ${TECHNOLOGY('d.case_id')}
          AND ${DATES('d.created_at')} AND d.text_lexemes @@ ${LOOSE}
        ORDER BY d.created_at DESC LIMIT ${DOCUMENT_CANDIDATES}) newest
      ORDER BY newest.created_at DESC LIMIT ${DOCUMENT_CANDIDATES}),
    pages AS (
      SELECT DISTINCT ON (dp.document_id) dp.document_id, dp.number,
        ts_rank_cd(dp.tsv, ${Q}) AS rank
      FROM newest JOIN document_pages dp ON dp.document_id = newest.id
      WHERE dp.tsv @@ ${Q}
      ORDER BY dp.document_id, rank DESC, dp.number),
    fields AS (
      SELECT d.id AS document_id, ts_rank_cd(d.tsv, ${Q}) * 2 AS rank
      FROM (SELECT d.id FROM documents d
            WHERE d.group_id = ANY($3::uuid[]) AND ($4::uuid IS NULL OR d.case_id = $4)
              AND ($5::uuid IS NULL OR d.uploaded_by = $5) AND ${TECHNOLOGY('d.case_id')}
              AND ${DATES('d.created_at')} AND d.tsv @@ ${Q}
            ORDER BY d.created_at DESC LIMIT ${CANDIDATES}) found
      JOIN documents d ON d.id = found.id),
    candidates AS (
      SELECT COALESCE(f.document_id, p.document_id) AS id, p.number AS page,
        COALESCE(f.rank, 0) + COALESCE(p.rank, 0) AS rank, count(*) OVER () AS total
      FROM fields f FULL JOIN pages p ON p.document_id = f.document_id
      ORDER BY 3 DESC LIMIT $9)
    SELECT d.id, d.group_id, d.case_id, NULL::uuid AS thread_id, d.title,
      CASE WHEN candidates.page IS NULL
        THEN ts_headline('french_unaccent', d.title || ' — ' || d.description, ${Q}, '${HEADLINE}')
        ELSE ts_headline('french_unaccent', dp.text, ${Q}, '${HEADLINE}') END AS headline,
      candidates.page, d.created_at AS date, d.uploaded_by AS author_id,
      u.display_name AS author_name, candidates.rank, candidates.total::int AS total
    FROM candidates JOIN documents d ON d.id = candidates.id
      LEFT JOIN document_pages dp ON dp.document_id = d.id AND dp.number = candidates.page
      LEFT JOIN users u ON u.id = d.uploaded_by
    ORDER BY candidates.rank DESC`,
};
