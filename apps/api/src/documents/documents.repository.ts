import { Injectable } from '@nestjs/common';
import {
  type CaseDocument,
  type DocumentCitation,
  type DocumentFields,
  type DocumentKind,
  type GroupRole,
  type TextError,
  type TextStatus,
  documentFamily,
} from '@technopolice/shared';
import { type EntityManager } from 'typeorm';

/** A document row as read with its uploader's name (and the reader's role, when scoped). */
export interface DocumentRow {
  id: string;
  case_id: string;
  group_id: string;
  title: string;
  kind: DocumentKind;
  date: string | null;
  source: string | null;
  obtained_by: CaseDocument['obtainedBy'];
  description: string;
  file_name: string;
  sha256: string;
  mime_type: string;
  size: number;
  pages: number | null;
  language: string | null;
  text_status: TextStatus;
  text_error: TextError | null;
  text_truncated: boolean;
  ocr_pages: number;
  stripped_metadata: string[];
  public: boolean;
  uploaded_by: string | null;
  uploader_name: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** What an upload writes besides the fields a person gave. */
export interface NewDocument {
  caseId: string;
  groupId: string;
  fields: DocumentFields;
  fileName: string;
  sha256: string;
  mimeType: string;
  size: number;
  pages: number | null;
  textStatus: TextStatus;
  strippedMetadata: string[];
  uploadedBy: string;
}

const COLUMNS = `d.id, d.case_id, d.group_id, d.title, d.kind,
  to_char(d.date, 'YYYY-MM-DD') AS date, d.source, d.obtained_by, d.description, d.file_name,
  d.sha256, d.mime_type, d.size::float8 AS size, d.pages, d.language, d.text_status,
  d.text_error, d.text_truncated, d.ocr_pages, d.stripped_metadata, d.public, d.uploaded_by,
  u.display_name AS uploader_name, d.version, d.created_at, d.updated_at`;
const FROM = `documents d LEFT JOIN users u ON u.id = d.uploaded_by`;
// The caller's membership: every read scoped to it, so another group's document is not found.
const MEMBER = `JOIN memberships m ON m.group_id = d.group_id AND m.user_id = $1`;

const iso = (value: Date) => new Date(value).toISOString();

/** The API's shape of a document row. */
export function toDocument(row: DocumentRow): CaseDocument {
  return {
    id: row.id,
    caseId: row.case_id,
    groupId: row.group_id,
    title: row.title,
    kind: row.kind,
    date: row.date,
    source: row.source,
    obtainedBy: row.obtained_by,
    description: row.description,
    fileName: row.file_name,
    sha256: row.sha256,
    mimeType: row.mime_type,
    family: documentFamily(row.mime_type) ?? 'text',
    size: Number(row.size),
    pages: row.pages,
    language: row.language,
    textStatus: row.text_status,
    textError: row.text_error,
    textTruncated: row.text_truncated,
    ocrPages: row.ocr_pages,
    strippedMetadata: row.stripped_metadata,
    public: row.public,
    uploadedBy: row.uploaded_by
      ? { id: row.uploaded_by, displayName: row.uploader_name ?? '' }
      : null,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
  };
}

const SORTS = {
  created: 'd.created_at DESC, d.id',
  date: 'd.date DESC NULLS LAST, d.created_at DESC, d.id',
  title: 'lower(d.title), d.id',
} as const;

/** SQL of documents. Reads for a person are scoped by their memberships. */
@Injectable()
export class DocumentsRepository {
  /** A document the user may see, with their role in its group; null for anyone else's. */
  async findForMember(
    tx: EntityManager,
    userId: string,
    documentId: string,
    forUpdate = false,
  ): Promise<(DocumentRow & { role: GroupRole }) | null> {
    if (forUpdate) {
      const locked = await tx.query<{ id: string }[]>(
        `SELECT d.id FROM documents d ${MEMBER} WHERE d.id = $2 FOR UPDATE OF d`,
        [userId, documentId],
      );
      if (locked.length === 0) return null;
    }
    const [row] = await tx.query<(DocumentRow & { role: GroupRole })[]>(
      `SELECT ${COLUMNS}, m.role FROM ${FROM} ${MEMBER} WHERE d.id = $2`,
      [userId, documentId],
    );
    return row ?? null;
  }

  /** A document by id, unscoped: for the server's own work (extraction jobs). */
  async find(tx: EntityManager, documentId: string): Promise<DocumentRow | null> {
    const [row] = await tx.query<DocumentRow[]>(`SELECT ${COLUMNS} FROM ${FROM} WHERE d.id = $1`, [
      documentId,
    ]);
    return row ?? null;
  }

  async listOfCase(
    tx: EntityManager,
    caseId: string,
    filter: { kind?: DocumentKind; sort: keyof typeof SORTS },
  ): Promise<DocumentRow[]> {
    return tx.query<DocumentRow[]>(
      `SELECT ${COLUMNS} FROM ${FROM}
       WHERE d.case_id = $1 AND ($2::text IS NULL OR d.kind = $2)
       ORDER BY ${SORTS[filter.sort]}`,
      [caseId, filter.kind ?? null],
    );
  }

  /** Documents across the user's groups, newest first, from an offset. */
  async listForMember(
    tx: EntityManager,
    userId: string,
    filter: { groupId?: string; kind?: DocumentKind; q?: string; offset: number; limit: number },
  ): Promise<(DocumentRow & { case_title: string })[]> {
    const pattern = filter.q ? `%${filter.q.replace(/[\\%_]/g, (char) => `\\${char}`)}%` : null;
    return tx.query<(DocumentRow & { case_title: string })[]>(
      `SELECT ${COLUMNS}, c.title AS case_title
       FROM ${FROM} ${MEMBER} JOIN cases c ON c.id = d.case_id
       WHERE ($2::uuid IS NULL OR d.group_id = $2) AND ($3::text IS NULL OR d.kind = $3)
         AND ($4::text IS NULL OR immutable_unaccent(lower(d.title || ' ' || d.file_name || ' ' ||
           coalesce(d.source, ''))) LIKE immutable_unaccent(lower($4)))
       ORDER BY d.created_at DESC, d.id
       LIMIT $5 OFFSET $6`,
      [userId, filter.groupId ?? null, filter.kind ?? null, pattern, filter.limit, filter.offset],
    );
  }

  async insert(tx: EntityManager, doc: NewDocument): Promise<DocumentRow> {
    const [inserted] = await tx.query<{ id: string }[]>(
      `INSERT INTO documents (case_id, group_id, title, kind, date, source, obtained_by,
         description, file_name, sha256, mime_type, size, pages, text_status, stripped_metadata,
         uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       RETURNING id`,
      [
        doc.caseId,
        doc.groupId,
        doc.fields.title,
        doc.fields.kind ?? 'other',
        doc.fields.date ?? null,
        doc.fields.source ?? null,
        doc.fields.obtainedBy ?? null,
        doc.fields.description ?? '',
        doc.fileName,
        doc.sha256,
        doc.mimeType,
        doc.size,
        doc.pages,
        doc.textStatus,
        doc.strippedMetadata,
        doc.uploadedBy,
      ],
    );
    return (await this.find(tx, inserted!.id))!;
  }

  /** Writes the given metadata and bumps the version. */
  async updateFields(tx: EntityManager, documentId: string, fields: DocumentFields) {
    const columns: Record<keyof DocumentFields, string> = {
      title: 'title',
      kind: 'kind',
      date: 'date',
      source: 'source',
      obtainedBy: 'obtained_by',
      description: 'description',
    };
    const sets: string[] = [];
    const params: unknown[] = [documentId];
    for (const [key, column] of Object.entries(columns) as [keyof DocumentFields, string][]) {
      if (fields[key] === undefined) continue;
      params.push(fields[key]);
      sets.push(`${column} = $${params.length}`);
    }
    await tx.query(
      `UPDATE documents SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
       WHERE id = $1`,
      params,
    );
  }

  async delete(tx: EntityManager, documentId: string): Promise<void> {
    await tx.query(`DELETE FROM documents WHERE id = $1`, [documentId]);
  }

  /** Whether any document still names these bytes. */
  async blobInUse(tx: EntityManager, sha256: string): Promise<boolean> {
    // A published revision keeps its documents' bytes when the case drops them.
    const rows = await tx.query<unknown[]>(
      `SELECT 1 FROM documents WHERE sha256 = $1
       UNION ALL SELECT 1 FROM publication_documents WHERE sha256 = $1 LIMIT 1`,
      [sha256],
    );
    return rows.length > 0;
  }

  /** The extracted text, page by page. */
  async pages(tx: EntityManager, documentId: string) {
    return tx.query<{ number: number; text: string }[]>(
      `SELECT number, text FROM document_pages WHERE document_id = $1 ORDER BY number`,
      [documentId],
    );
  }

  /** Replaces the text of a document and records where its extraction stands. */
  async saveText(
    tx: EntityManager,
    documentId: string,
    result: {
      status: TextStatus;
      error: TextError | null;
      pages?: { number: number; text: string }[];
      pageCount?: number | null;
      language?: string | null;
      truncated?: boolean;
      ocrPages?: number;
    },
  ): Promise<void> {
    if (result.pages) {
      await tx.query(`DELETE FROM document_pages WHERE document_id = $1`, [documentId]);
      // One statement for all pages: unnest keeps a 2,000-page document to a single round trip.
      await tx.query(
        `INSERT INTO document_pages (document_id, number, text)
         SELECT $1, number, text FROM unnest($2::int[], $3::text[]) AS p(number, text)`,
        [documentId, result.pages.map((p) => p.number), result.pages.map((p) => p.text)],
      );
      // The document's words, for search (see the search migration).
      await tx.query(
        `UPDATE documents SET text_lexemes = COALESCE((
           SELECT tsvector_union(strip(tsv)) FROM document_pages WHERE document_id = $1), '')
         WHERE id = $1`,
        [documentId],
      );
    }
    await tx.query(
      `UPDATE documents SET text_status = $2, text_error = $3,
         pages = COALESCE($4, pages), language = COALESCE($5, language),
         text_truncated = COALESCE($6, text_truncated), ocr_pages = COALESCE($7, ocr_pages),
         updated_at = now()
       WHERE id = $1`,
      [
        documentId,
        result.status,
        result.error,
        result.pageCount ?? null,
        result.language ?? null,
        result.truncated ?? null,
        result.ocrPages ?? null,
      ],
    );
  }

  /** Where a document is cited (timeline entries; discussions add theirs). */
  async citations(tx: EntityManager, documentId: string): Promise<DocumentCitation[]> {
    const rows = await tx.query<{ id: string; title: string; date: string }[]>(
      `SELECT id, title, to_char(date, 'YYYY-MM-DD') AS date FROM case_timeline
       WHERE document_id = $1 ORDER BY date, created_at`,
      [documentId],
    );
    return rows.map((row) => ({ type: 'timeline', id: row.id, title: row.title, date: row.date }));
  }

  async caseTitle(tx: EntityManager, caseId: string): Promise<string> {
    const [row] = await tx.query<{ title: string }[]>(`SELECT title FROM cases WHERE id = $1`, [
      caseId,
    ]);
    return row?.title ?? '';
  }
}
