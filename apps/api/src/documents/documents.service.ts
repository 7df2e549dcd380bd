import { Inject, Injectable } from '@nestjs/common';
import {
  type CaseDocument,
  type DocumentDetail,
  type DocumentFields,
  type DocumentKind,
  type DocumentText,
  type GroupRole,
  MAX_TITLE_LENGTH,
  type TextError,
  type UpdateDocument,
  type documentQuerySchema,
} from '@technopolice/shared';
import { rm } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { DataSource, type EntityManager } from 'typeorm';
import { type z } from 'zod';
import { type Actor } from '../auth/actor.js';
import { type CaseNotice, CaseNotices } from '../cases/case-notices.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { CasesRepository } from '../cases/cases.repository.js';
import { AppError } from '../common/app-error.js';
import { cursorAfter, offsetOfCursor } from '../common/offset-cursor.js';
import { GroupsService } from '../groups/groups.service.js';
import { type ExtractedText, extractable } from './extraction/index.js';
import { type DocumentRow, DocumentsRepository, toDocument } from './documents.repository.js';
import { downloadName, sniffType } from './file-type.js';
import { type LocalFile, hashFile, tempPath } from './ingest.js';
import { canDeleteDocument } from './policies.js';
import { stripMetadata } from './strip.js';
import { type BlobStore } from './storage/index.js';
import { BLOB_STORE } from './tokens.js';
import { TextJobs } from './text-jobs.js';

/** What a check of the stored files found. */
export interface FileReport {
  checked: number;
  ok: number;
  missing: string[];
  corrupt: string[];
  orphansRemoved: number;
}

/** The title a document gets when the uploader gives none: its file name without extension. */
function defaultTitle(fileName: string): string {
  const base = basename(fileName, extname(fileName)).replace(/[_]+/g, ' ').trim();
  return (base || fileName || 'Document').slice(0, MAX_TITLE_LENGTH);
}

/** A safe file name to keep: no path, no control characters, bounded. */
export function cleanFileName(name: string): string {
  const base = basename(name.replace(/\\/g, '/'));
  const cleaned = Array.from(base)
    .filter((char) => char.charCodeAt(0) >= 0x20 && char.charCodeAt(0) !== 0x7f)
    .join('')
    .trim();
  return (cleaned || 'document').slice(0, 200);
}

/**
 * Documents of cases: uploads made safe and stored, their metadata, their text. Every write is
 * one transaction that also appends to the case's event log; live clients hear of it after
 * commit. Reads and writes are scoped by the caller's memberships (another group's is 404).
 */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly documents: DocumentsRepository,
    private readonly cases: CasesRepository,
    private readonly groups: GroupsService,
    private readonly notices: CaseNotices,
    private readonly jobs: TextJobs,
    private readonly notifications: NotificationsService,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  /** Where uploads are written before they are stored. */
  get tempDir(): string {
    return this.blobs.tempDir;
  }

  /** Where text jobs copy the bytes they read. */
  get jobTempDir(): string {
    return join(this.blobs.tempDir, 'extract');
  }

  private write<T>(
    work: (tx: EntityManager, notify: (notice: CaseNotice) => void) => Promise<T>,
  ): Promise<T> {
    return this.notices.afterCommit(this.dataSource, work);
  }

  private async requireCase(tx: EntityManager, actor: Actor, caseId: string, forUpdate = false) {
    const row = await this.cases.findRow(tx, caseId, actor.id, forUpdate);
    if (!row) throw new AppError('not_found', `No case ${caseId}.`);
    return row;
  }

  private async requireDocument(
    tx: EntityManager,
    actor: Actor,
    documentId: string,
    forUpdate = false,
  ): Promise<DocumentRow & { role: GroupRole }> {
    const row = await this.documents.findForMember(tx, actor.id, documentId, forUpdate);
    if (!row) throw new AppError('not_found', `No document ${documentId}.`);
    return row;
  }

  /** 404 unless the actor may add documents to the case: checked before reading any upload. */
  async assertCanUpload(actor: Actor, caseId: string): Promise<void> {
    await this.dataSource.transaction((tx) => this.requireCase(tx, actor, caseId));
  }

  /**
   * Makes a complete local upload a document: sniffs its real type (415 when refused), strips
   * its metadata, moves the bytes into the store and writes the document with its extraction
   * job, in one transaction. Takes ownership of `file`: whatever happens, no temp file is left.
   */
  async ingest(
    actor: Actor,
    caseId: string,
    file: LocalFile,
    originalName: string,
    fields: DocumentFields,
  ): Promise<CaseDocument> {
    const temps = [file.path];
    try {
      if (file.size === 0) {
        throw new AppError('empty_file', 'The file is empty.', [
          { path: 'file', message: 'must not be empty' },
        ]);
      }
      const fileName = cleanFileName(originalName);
      const type = await sniffType(file.path, fileName);
      const stripped = await stripMetadata(type.mimeType, file.path, this.blobs.tempDir);
      let stored = file;
      if (stripped.path !== file.path) {
        temps.push(stripped.path);
        stored = { path: stripped.path, ...(await hashFile(stripped.path)) };
      }
      const textStatus = extractable(type.mimeType) ? 'pending' : 'none';
      const document = await this.write(async (tx, notify) => {
        const current = await this.requireCase(tx, actor, caseId, true);
        // Uploads and deletions of the same bytes take turns, so a blob is never removed
        // while a new document is about to name it.
        await this.lockBlob(tx, stored.sha256);
        await this.blobs.put(stored.path, { sha256: stored.sha256, size: stored.size });
        const row = await this.documents.insert(tx, {
          caseId,
          groupId: current.group_id,
          fields: { ...fields, title: fields.title ?? defaultTitle(fileName) },
          fileName: downloadName(fileName, type.mimeType),
          sha256: stored.sha256,
          mimeType: type.mimeType,
          size: stored.size,
          pages: stripped.pages,
          textStatus,
          strippedMetadata: stripped.removed,
          uploadedBy: actor.id,
        });
        if (textStatus === 'pending') await this.jobs.enqueue(tx, row.id);
        const added = toDocument(row);
        const event = await this.cases.appendEvent(
          tx,
          caseId,
          'document.added',
          { documentId: row.id, title: row.title, kind: row.kind, mimeType: row.mime_type },
          actor.id,
        );
        notify({
          kind: 'document',
          caseId,
          event,
          change: { name: 'document:added', document: added },
        });
        await this.notifications.documentAdded(tx, notify, {
          groupId: current.group_id,
          caseId,
          documentId: row.id,
          title: row.title,
          actorId: actor.id,
        });
        return added;
      });
      if (textStatus === 'pending') this.jobs.nudge();
      return document;
    } finally {
      await Promise.all(temps.map((path) => rm(path, { force: true })));
    }
  }

  private async lockBlob(tx: EntityManager, sha256: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`blob:${sha256}`]);
  }

  async list(
    actor: Actor,
    caseId: string,
    query: z.output<typeof documentQuerySchema>,
  ): Promise<CaseDocument[]> {
    return this.dataSource.transaction(async (tx) => {
      await this.requireCase(tx, actor, caseId);
      const rows = await this.documents.listOfCase(tx, caseId, query);
      return rows.map(toDocument);
    });
  }

  /** Documents across the actor's groups, for the Documents page. */
  async listAll(
    actor: Actor,
    query: { groupId?: string; kind?: DocumentKind; q?: string; cursor?: string; limit: number },
  ) {
    const offset = offsetOfCursor(query.cursor);
    const rows = await this.dataSource.transaction(async (tx) => {
      // Like the case list: a group the actor is not in is not found, rather than empty.
      if (query.groupId) await this.groups.requireRole(tx, actor, query.groupId);
      return this.documents.listForMember(tx, actor.id, {
        ...query,
        offset,
        limit: query.limit + 1,
      });
    });
    const items = rows
      .slice(0, query.limit)
      .map((row) => ({ ...toDocument(row), caseTitle: row.case_title }));
    return { items, nextCursor: cursorAfter(offset, query.limit, rows.length > query.limit) };
  }

  async get(actor: Actor, documentId: string): Promise<DocumentDetail> {
    return this.dataSource.transaction(async (tx) => {
      const row = await this.requireDocument(tx, actor, documentId);
      return {
        ...toDocument(row),
        caseTitle: await this.documents.caseTitle(tx, row.case_id),
        citations: await this.documents.citations(tx, documentId),
      };
    });
  }

  /** A document the actor may see, before sending its bytes. */
  async readable(actor: Actor, documentId: string): Promise<CaseDocument> {
    return this.dataSource.transaction(async (tx) =>
      toDocument(await this.requireDocument(tx, actor, documentId)),
    );
  }

  /** The stored bytes of a document, whole or a byte range. */
  open(document: Pick<CaseDocument, 'sha256'>, range?: { start: number; end: number }) {
    return this.blobs.open(document.sha256, range);
  }

  async text(actor: Actor, documentId: string): Promise<DocumentText> {
    return this.dataSource.transaction(async (tx) => {
      const row = await this.requireDocument(tx, actor, documentId);
      return {
        textStatus: row.text_status,
        textError: row.text_error,
        truncated: row.text_truncated,
        language: row.language,
        pages: await this.documents.pages(tx, documentId),
      };
    });
  }

  async update(actor: Actor, documentId: string, input: UpdateDocument): Promise<CaseDocument> {
    const { version, ...fields } = input;
    return this.write(async (tx, notify) => {
      const before = await this.requireDocument(tx, actor, documentId, true);
      if (before.version !== version) {
        throw new AppError(
          'stale_version',
          `version: someone changed this document since you read it (now version ${before.version}).`,
          [{ path: 'version', message: `is ${before.version} now` }],
        );
      }
      const changes = (Object.keys(fields) as (keyof DocumentFields)[]).filter(
        (key) => fields[key] !== undefined && fields[key] !== toDocument(before)[key],
      );
      if (changes.length === 0) return toDocument(before);
      await this.documents.updateFields(tx, documentId, fields);
      const after = toDocument((await this.documents.find(tx, documentId))!);
      const event = await this.cases.appendEvent(
        tx,
        before.case_id,
        'document.updated',
        { documentId, title: after.title, changes },
        actor.id,
      );
      notify({
        kind: 'document',
        caseId: before.case_id,
        event,
        change: { name: 'document:updated', document: after, changes },
      });
      return after;
    });
  }

  /**
   * Removes a document (its uploader, or the group's coordinators and admins). Its bytes go
   * with it once no other document names them.
   */
  async delete(actor: Actor, documentId: string): Promise<void> {
    const sha256 = await this.write(async (tx, notify) => {
      const row = await this.requireDocument(tx, actor, documentId, true);
      if (!canDeleteDocument(row.role, row.uploaded_by === actor.id)) {
        throw new AppError(
          'forbidden',
          'Only its uploader and the group’s coordinators may delete a document.',
        );
      }
      await this.documents.delete(tx, documentId);
      const event = await this.cases.appendEvent(
        tx,
        row.case_id,
        'document.deleted',
        { documentId, title: row.title },
        actor.id,
      );
      notify({
        kind: 'document',
        caseId: row.case_id,
        event,
        change: { name: 'document:deleted', documentId },
      });
      return row.sha256;
    });
    await this.dropBlobIfUnused(sha256);
  }

  /**
   * Removes stored bytes no document names any more. Under the blob's lock, which uploads
   * also hold from storing the bytes to committing their document: no upload can be between
   * the two when this looks.
   */
  async dropBlobIfUnused(sha256: string): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      await this.lockBlob(tx, sha256);
      if (await this.documents.blobInUse(tx, sha256)) return false;
      await this.blobs.delete(sha256);
      return true;
    });
  }

  /** Puts a failed extraction back in the queue. */
  async retryText(actor: Actor, documentId: string): Promise<CaseDocument> {
    const document = await this.write(async (tx, notify) => {
      const row = await this.requireDocument(tx, actor, documentId, true);
      if (row.text_status !== 'failed') {
        throw new AppError('conflict', 'Only a failed text extraction can be retried.');
      }
      await this.documents.saveText(tx, documentId, { status: 'pending', error: null });
      await this.jobs.enqueue(tx, documentId);
      return this.textChanged(tx, row, actor.id, notify);
    });
    this.jobs.nudge();
    return document;
  }

  private async textChanged(
    tx: EntityManager,
    before: DocumentRow,
    actorId: string | null,
    notify: (notice: CaseNotice) => void,
  ): Promise<CaseDocument> {
    const after = toDocument((await this.documents.find(tx, before.id))!);
    const event = await this.cases.appendEvent(
      tx,
      before.case_id,
      'document.text',
      { documentId: before.id, title: before.title, textStatus: after.textStatus },
      actorId,
    );
    notify({
      kind: 'document',
      caseId: before.case_id,
      event,
      change: { name: 'document:updated', document: after, changes: ['text'] },
    });
    return after;
  }

  /** The text job's outcome, written and told to the case's viewers. */
  async saveExtraction(
    documentId: string,
    outcome: { ok: true; text: ExtractedText } | { ok: false; error: TextError },
  ): Promise<void> {
    await this.write(async (tx, notify) => {
      const row = await this.documents.find(tx, documentId);
      if (!row) return; // deleted meanwhile
      if (outcome.ok) {
        const { text } = outcome;
        await this.documents.saveText(tx, documentId, {
          status: 'done',
          error: null,
          // PostgreSQL refuses NUL in text; a PDF can carry them in its text layer.
          pages: text.pages.map((page) => ({
            number: page.number,
            text: page.text.replaceAll('\0', ''),
          })),
          pageCount: text.pageCount,
          language: text.language,
          truncated: text.truncated,
          ocrPages: text.ocrPages,
        });
      } else {
        await this.documents.saveText(tx, documentId, { status: 'failed', error: outcome.error });
      }
      await this.textChanged(tx, row, null, notify);
    });
  }

  /**
   * Re-hashes every stored document's bytes and removes stored bytes no document names (what
   * a crash between storing and committing leaves), for instance admins.
   */
  async verifyFiles(actor: Actor): Promise<FileReport> {
    if (!actor.isInstanceAdmin) {
      throw new AppError('forbidden', 'Only instance admins may check the stored files.');
    }
    const rows = await this.dataSource.query<{ sha256: string }[]>(
      'SELECT DISTINCT sha256 FROM documents ORDER BY sha256',
    );
    const report: FileReport = {
      checked: rows.length,
      ok: 0,
      missing: [],
      corrupt: [],
      orphansRemoved: 0,
    };
    for (const { sha256 } of rows) {
      const verdict = await this.blobs.verify(sha256);
      if (verdict === 'ok') report.ok += 1;
      else report[verdict].push(sha256);
    }
    const named = new Set(rows.map((row) => row.sha256));
    for await (const blob of this.blobs.list()) {
      // Under the blob's lock: an upload storing these bytes right now holds it until it commits.
      if (named.has(blob.sha256)) continue;
      if (await this.dropBlobIfUnused(blob.sha256)) report.orphansRemoved += 1;
    }
    return report;
  }

  /** The bytes of a document to a local file, for its extraction job. */
  async download(sha256: string): Promise<string> {
    const path = tempPath(this.jobTempDir, 'extract');
    await this.blobs.download(sha256, path);
    return path;
  }

  /** The document row of a job (null when it was deleted meanwhile). */
  async forJob(documentId: string): Promise<DocumentRow | null> {
    return this.dataSource.transaction((tx) => this.documents.find(tx, documentId));
  }
}
