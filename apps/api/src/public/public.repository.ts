import { Injectable } from '@nestjs/common';
import {
  type PublicCaseQuery,
  type PublishedFacts,
  type SummaryLanguage,
} from '@technopolice/shared';
import { DataSource } from 'typeorm';

/** A summary as frozen in a revision: HTML rendered for the public, and its plain text. */
export interface FrozenSummary {
  html: string;
  text: string;
  version?: number;
}
export type FrozenSummaries = Partial<Record<SummaryLanguage, FrozenSummary>>;

export interface PublicationRow {
  id: string;
  groupSlug: string;
  caseSlug: string;
  groupName: string;
  revision: number;
  firstPublishedAt: Date;
  lastPublishedAt: Date;
  retractedAt: Date | null;
  retractedReason: string | null;
}

export interface RevisionRow {
  id: string;
  number: number;
  facts: PublishedFacts;
  summaries: FrozenSummaries;
  changeNote: string | null;
  publishedAt: Date;
}

export interface DocumentRow {
  documentId: string;
  title: string;
  kind: string;
  date: string | null;
  fileName: string;
  sha256: string;
  mimeType: string;
  size: number;
  pages: number | null;
}

export interface RevisionEntryRow {
  number: number;
  publishedAt: Date;
  changeNote: string | null;
}

export interface ListedRow {
  id: string;
  groupSlug: string;
  caseSlug: string;
  groupName: string;
  revision: number;
  revisionId: string;
  facts: PublishedFacts;
  /** Start of the French plain text (enough for an excerpt). */
  text: string;
  languages: SummaryLanguage[];
  firstPublishedAt: Date;
  lastPublishedAt: Date;
}

export interface MapRow {
  groupSlug: string;
  caseSlug: string;
  title: string;
  lat: number | null;
  lng: number | null;
}

export interface FeedRow {
  groupSlug: string;
  caseSlug: string;
  groupName: string;
  number: number;
  title: string;
  text: string;
  changeNote: string | null;
  publishedAt: Date;
}

export interface PublicFileRow {
  retractedAt: Date | null;
  document: DocumentRow | null;
}

export type ListFilters = Omit<PublicCaseQuery, 'cursor' | 'limit'>;

const json = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;
const date = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));
const maybeDate = (value: unknown): Date | null =>
  value === null || value === undefined ? null : date(value);

const DOCUMENT_COLUMNS = `d.document_id, d.title, d.kind, to_char(d.date, 'YYYY-MM-DD') AS date,
  d.file_name, d.sha256, d.mime_type, d.size::float8 AS size, d.pages`;

function toDocument(row: Record<string, unknown>): DocumentRow {
  return {
    documentId: String(row.document_id),
    title: String(row.title),
    kind: String(row.kind),
    date: (row.date as string | null) ?? null,
    fileName: String(row.file_name),
    sha256: String(row.sha256),
    mimeType: String(row.mime_type),
    size: Number(row.size),
    pages: row.pages === null || row.pages === undefined ? null : Number(row.pages),
  };
}

/** The filters of the listing as SQL conditions on `publications p`, with their parameters. */
function whereOf(filters: ListFilters, params: unknown[]): string {
  const conditions = ['p.retracted_at IS NULL'];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    conditions.push(sql(`$${params.length}`));
  };
  if (filters.technology) add((n) => `p.technologies @> ARRAY[${n}]::text[]`, filters.technology);
  if (filters.projectStatus) add((n) => `p.project_status = ${n}`, filters.projectStatus);
  if (filters.cityCode) add((n) => `p.city_code = ${n}`, filters.cityCode);
  if (filters.department) add((n) => `p.department_code = ${n}`, filters.department);
  if (filters.group) add((n) => `p.group_slug = ${n}`, filters.group);
  return conditions.join(' AND ');
}

/** The reads of the public pages: published rows only, never a member's name. */
@Injectable()
export class PublicRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * What changes whenever any public page may change: a sum of one hash per publication over
   * everything the pages show that is not frozen in a revision (revision number, retraction,
   * slugs, group name). Order-independent, so two commits in any order still move it.
   */
  async fingerprint(): Promise<string> {
    const [row] = await this.dataSource.query<{ n: number; h: string }[]>(
      `SELECT count(*)::int AS n,
         coalesce(sum(hashtext(concat_ws('|', p.id, p.revision, p.retracted_at, p.retracted_reason,
           p.group_slug, p.case_slug, g.name))::bigint), 0)::text AS h
       FROM publications p JOIN groups g ON g.id = p.group_id`,
    );
    return `${row?.n ?? 0}:${row?.h ?? ''}`;
  }

  async publication(groupSlug: string, caseSlug: string): Promise<PublicationRow | null> {
    const [row] = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT p.id, p.group_slug, p.case_slug, g.name AS group_name, p.revision,
         p.first_published_at, p.last_published_at, p.retracted_at, p.retracted_reason
       FROM publications p JOIN groups g ON g.id = p.group_id
       WHERE p.group_slug = $1 AND p.case_slug = $2`,
      [groupSlug, caseSlug],
    );
    if (!row) return null;
    return {
      id: String(row.id),
      groupSlug: String(row.group_slug),
      caseSlug: String(row.case_slug),
      groupName: String(row.group_name),
      revision: Number(row.revision),
      firstPublishedAt: date(row.first_published_at),
      lastPublishedAt: date(row.last_published_at),
      retractedAt: maybeDate(row.retracted_at),
      retractedReason: (row.retracted_reason as string | null) ?? null,
    };
  }

  /** A revision with its public documents (in their order) and the whole revision log. */
  async revision(
    publicationId: string,
    number: number,
  ): Promise<{
    revision: RevisionRow;
    documents: DocumentRow[];
    log: RevisionEntryRow[];
  } | null> {
    const [row] = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT id, number, facts, summaries, change_note, published_at
       FROM publication_revisions WHERE publication_id = $1 AND number = $2`,
      [publicationId, number],
    );
    if (!row) return null;
    const documents = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT ${DOCUMENT_COLUMNS} FROM publication_documents d
       WHERE d.revision_id = $1 ORDER BY d.position, d.title`,
      [row.id],
    );
    const log = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT number, published_at, change_note FROM publication_revisions
       WHERE publication_id = $1 ORDER BY number DESC`,
      [publicationId],
    );
    return {
      revision: {
        id: String(row.id),
        number: Number(row.number),
        facts: json<PublishedFacts>(row.facts),
        summaries: json<FrozenSummaries>(row.summaries),
        changeNote: (row.change_note as string | null) ?? null,
        publishedAt: date(row.published_at),
      },
      documents: documents.map(toDocument),
      log: log.map((entry) => ({
        number: Number(entry.number),
        publishedAt: date(entry.published_at),
        changeNote: (entry.change_note as string | null) ?? null,
      })),
    };
  }

  /** Ids of the documents of a publication's current revision (what the file route serves). */
  async currentDocumentIds(publicationId: string): Promise<Set<string>> {
    const rows = await this.dataSource.query<{ document_id: string }[]>(
      `SELECT d.document_id FROM publications p
       JOIN publication_revisions r ON r.publication_id = p.id AND r.number = p.revision
       JOIN publication_documents d ON d.revision_id = r.id
       WHERE p.id = $1`,
      [publicationId],
    );
    return new Set(rows.map((row) => row.document_id));
  }

  /** A document of the current revision, by the page's slugs; `null` when no such publication. */
  async currentFile(
    groupSlug: string,
    caseSlug: string,
    documentId: string,
  ): Promise<PublicFileRow | null> {
    const [row] = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT p.retracted_at, ${DOCUMENT_COLUMNS}
       FROM publications p
       JOIN publication_revisions r ON r.publication_id = p.id AND r.number = p.revision
       LEFT JOIN publication_documents d ON d.revision_id = r.id AND d.document_id = $3
       WHERE p.group_slug = $1 AND p.case_slug = $2`,
      [groupSlug, caseSlug, documentId],
    );
    if (!row) return null;
    return {
      retractedAt: maybeDate(row.retracted_at),
      document: row.document_id ? toDocument(row) : null,
    };
  }

  /** One page of the listing, newest first, and whether more follow. */
  async list(
    filters: ListFilters,
    offset: number,
    limit: number,
  ): Promise<{ rows: ListedRow[]; more: boolean }> {
    const params: unknown[] = [];
    const where = whereOf(filters, params);
    params.push(limit + 1, offset);
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT p.id, p.group_slug, p.case_slug, g.name AS group_name, p.revision,
         p.first_published_at, p.last_published_at, r.id AS revision_id, r.facts,
         left(coalesce(r.summaries->'fr'->>'text', ''), 600) AS text,
         ARRAY(SELECT jsonb_object_keys(r.summaries) ORDER BY 1) AS languages
       FROM publications p
       JOIN groups g ON g.id = p.group_id
       JOIN publication_revisions r ON r.publication_id = p.id AND r.number = p.revision
       WHERE ${where}
       ORDER BY p.last_published_at DESC, p.id DESC
       LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return {
      rows: rows.slice(0, limit).map((row) => ({
        id: String(row.id),
        groupSlug: String(row.group_slug),
        caseSlug: String(row.case_slug),
        groupName: String(row.group_name),
        revision: Number(row.revision),
        revisionId: String(row.revision_id),
        facts: json<PublishedFacts>(row.facts),
        text: (row.text as string | null) ?? '',
        languages: (row.languages as string[]).filter(
          (l): l is SummaryLanguage => l === 'fr' || l === 'en',
        ),
        firstPublishedAt: date(row.first_published_at),
        lastPublishedAt: date(row.last_published_at),
      })),
      more: rows.length > limit,
    };
  }

  /** The public documents of some revisions, by revision id, in their order. */
  async documentsOf(revisionIds: string[]): Promise<Map<string, DocumentRow[]>> {
    const byRevision = new Map<string, DocumentRow[]>();
    if (revisionIds.length === 0) return byRevision;
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT d.revision_id, ${DOCUMENT_COLUMNS} FROM publication_documents d
       WHERE d.revision_id = ANY($1::uuid[]) ORDER BY d.revision_id, d.position, d.title`,
      [revisionIds],
    );
    for (const row of rows) {
      const id = String(row.revision_id);
      const list = byRevision.get(id) ?? [];
      list.push(toDocument(row));
      byRevision.set(id, list);
    }
    return byRevision;
  }

  /** Every listed case matching the filters, as the map draws them (newest first). */
  async mapPoints(filters: ListFilters, cap: number): Promise<MapRow[]> {
    const params: unknown[] = [];
    const where = whereOf(filters, params);
    params.push(cap);
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT p.group_slug, p.case_slug, p.title,
         (r.facts->'city'->>'lat')::float8 AS lat, (r.facts->'city'->>'lng')::float8 AS lng
       FROM publications p
       JOIN publication_revisions r ON r.publication_id = p.id AND r.number = p.revision
       WHERE ${where}
       ORDER BY p.last_published_at DESC, p.id DESC
       LIMIT $${params.length}`,
      params,
    );
    return rows.map((row) => ({
      groupSlug: String(row.group_slug),
      caseSlug: String(row.case_slug),
      title: String(row.title),
      lat: row.lat === null ? null : Number(row.lat),
      lng: row.lng === null ? null : Number(row.lng),
    }));
  }

  /** What the filter form offers: departments and groups that have a listed case. */
  async filterChoices(): Promise<{
    departments: { code: string; name: string; count: number }[];
    groups: { slug: string; name: string; count: number }[];
  }> {
    const departments = await this.dataSource.query<
      { code: string; name: string | null; count: number }[]
    >(
      `SELECT p.department_code AS code, max(r.facts->'city'->>'departmentName') AS name,
         count(*)::int AS count
       FROM publications p
       JOIN publication_revisions r ON r.publication_id = p.id AND r.number = p.revision
       WHERE p.retracted_at IS NULL
       GROUP BY p.department_code ORDER BY p.department_code`,
    );
    const groups = await this.dataSource.query<{ slug: string; name: string; count: number }[]>(
      `SELECT p.group_slug AS slug, max(g.name) AS name, count(*)::int AS count
       FROM publications p JOIN groups g ON g.id = p.group_id
       WHERE p.retracted_at IS NULL
       GROUP BY p.group_slug ORDER BY max(g.name), p.group_slug`,
    );
    return {
      departments: departments.map((d) => ({
        ...d,
        name: d.name ?? d.code,
        count: Number(d.count),
      })),
      groups: groups.map((g) => ({ ...g, count: Number(g.count) })),
    };
  }

  /** The name of a commune among the listed cases (for the active city filter). */
  async cityName(cityCode: string): Promise<string | null> {
    const [row] = await this.dataSource.query<{ name: string }[]>(
      `SELECT r.facts->'city'->>'name' AS name FROM publications p
       JOIN publication_revisions r ON r.publication_id = p.id AND r.number = p.revision
       WHERE p.city_code = $1 LIMIT 1`,
      [cityCode],
    );
    return row?.name ?? null;
  }

  /** The newest revisions of listed publications, for the feed. */
  async feed(limit: number): Promise<FeedRow[]> {
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT p.group_slug, p.case_slug, g.name AS group_name, r.number,
         r.facts->>'title' AS title, left(coalesce(r.summaries->'fr'->>'text', ''), 800) AS text,
         r.change_note, r.published_at
       FROM publication_revisions r
       JOIN publications p ON p.id = r.publication_id
       JOIN groups g ON g.id = p.group_id
       WHERE p.retracted_at IS NULL
       ORDER BY r.published_at DESC, r.number DESC, p.id
       LIMIT $1`,
      [limit],
    );
    return rows.map((row) => ({
      groupSlug: String(row.group_slug),
      caseSlug: String(row.case_slug),
      groupName: String(row.group_name),
      number: Number(row.number),
      title: (row.title as string | null) ?? '',
      text: (row.text as string | null) ?? '',
      changeNote: (row.change_note as string | null) ?? null,
      publishedAt: date(row.published_at),
    }));
  }
}
