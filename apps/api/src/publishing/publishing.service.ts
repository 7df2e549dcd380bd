import { Inject, Injectable } from '@nestjs/common';
import {
  type ApprovalRule,
  type Publication,
  type PublishedFacts,
  type RichTextDoc,
  checkRichText,
  plainText,
  publicCasePath,
  renderRichText,
} from '@technopolice/shared';
import { EventEmitter } from 'node:events';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor } from '../auth/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { CaseNotices } from '../cases/case-notices.js';
import { CasesRepository } from '../cases/cases.repository.js';
import { CasesService } from '../cases/cases.service.js';
import { AppError } from '../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { CollabServer } from '../summaries/collab.server.js';
import { canRetract } from '../summaries/policies.js';
import { SummariesService } from '../summaries/summaries.service.js';

interface PublicationRow {
  id: string;
  case_id: string | null;
  group_slug: string;
  case_slug: string;
  revision: number;
  first_published_at: Date;
  retracted_at: Date | null;
  retracted_reason: string | null;
}

/** What publishing reads of a chosen document (its row is copied into the revision by SQL). */
interface DocumentRow {
  id: string;
  title: string;
  mime_type: string;
}

const IMAGE_TYPES = /^image\/(jpeg|png|webp|gif)$/;

function describeRule(rule: ApprovalRule): string {
  const ways = [
    rule.coordinators > 0 ? `${rule.coordinators} coordinator approval(s)` : null,
    rule.members > 0 ? `${rule.members} member approval(s)` : null,
  ].filter(Boolean);
  return `${ways.join(' or ')}, not counting the last editor`;
}

/**
 * Publishing: freezes an immutable revision of the summary and of the case's facts with the
 * documents chosen to be public, at a URL that never changes; retracting takes the page down
 * with a public reason. `changes` tells the public pages (same process) that they are stale.
 */
@Injectable()
export class PublishingService {
  /** Emits `changed` after a publication or retraction committed. */
  readonly changes = new EventEmitter();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly notices: CaseNotices,
    private readonly cases: CasesRepository,
    private readonly casesService: CasesService,
    private readonly summaries: SummariesService,
    private readonly collab: CollabServer,
    private readonly audit: AuditService,
  ) {}

  private url(row: { group_slug: string; case_slug: string }): string {
    return `${this.config.publicUrl}${publicCasePath(row.group_slug, row.case_slug)}`;
  }

  private async publicationRow(
    tx: EntityManager,
    caseId: string,
    forUpdate = false,
  ): Promise<PublicationRow | undefined> {
    const [row] = await tx.query<PublicationRow[]>(
      `SELECT id, case_id, group_slug, case_slug, revision, first_published_at, retracted_at,
         retracted_reason FROM publications WHERE case_id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`,
      [caseId],
    );
    return row;
  }

  async get(actor: Actor, caseId: string): Promise<Publication> {
    return this.dataSource.transaction(async (tx) => {
      await this.summaries.requireCase(tx, actor, caseId);
      const row = await this.publicationRow(tx, caseId);
      if (!row) throw new AppError('not_found', 'This case has never been published.');
      return this.describe(tx, row);
    });
  }

  private async describe(tx: EntityManager, row: PublicationRow): Promise<Publication> {
    const revisions = await tx.query<
      {
        id: string;
        number: number;
        published_at: Date;
        published_by: string | null;
        name: string | null;
        change_note: string | null;
        documents: number;
      }[]
    >(
      `SELECT r.id, r.number, r.published_at, r.published_by, u.display_name AS name, r.change_note,
         (SELECT count(*)::int FROM publication_documents d WHERE d.revision_id = r.id) AS documents
       FROM publication_revisions r LEFT JOIN users u ON u.id = r.published_by
       WHERE r.publication_id = $1 ORDER BY r.number DESC`,
      [row.id],
    );
    const current = revisions.find((revision) => revision.number === row.revision);
    const documents = current
      ? await tx.query<{ document_id: string }[]>(
          'SELECT document_id FROM publication_documents WHERE revision_id = $1 ORDER BY position',
          [current.id],
        )
      : [];
    return {
      url: this.url(row),
      status: row.retracted_at ? 'retracted' : 'published',
      revision: row.revision,
      firstPublishedAt: new Date(row.first_published_at).toISOString(),
      retractedAt: row.retracted_at ? new Date(row.retracted_at).toISOString() : null,
      retractedReason: row.retracted_reason,
      documentIds: documents.map((document) => document.document_id),
      revisions: revisions.map((revision) => ({
        number: revision.number,
        publishedAt: new Date(revision.published_at).toISOString(),
        publishedBy: revision.published_by
          ? { id: revision.published_by, displayName: revision.name ?? '' }
          : null,
        changeNote: revision.change_note,
        documentCount: revision.documents,
      })),
    };
  }

  async publish(
    actor: Actor,
    caseId: string,
    input: { documentIds: string[]; changeNote?: string },
  ): Promise<{ url: string; revision: number }> {
    const result = await this.notices.afterCommit(this.dataSource, async (tx, notify) => {
      const place = await this.summaries.requireCase(tx, actor, caseId, true);
      if (place.stage !== 'review')
        throw new AppError(
          'not_in_review',
          'A summary is published after a review: ask for one, then gather the approvals.',
        );
      const { rows, rule, approved, approvals } = await this.summaries.approvalState(tx, place);
      if (!approved)
        throw new AppError(
          'not_approved',
          `Publishing needs ${describeRule(rule)}; ${approvals.length} approval(s) so far.`,
        );
      const written = rows.filter((row) => row.text.trim() !== '');
      if (!written.some((row) => row.language === 'fr'))
        throw new AppError('summary_invalid', 'The summary (in French) is empty.');
      const broken = rows.find((row) => row.problem);
      if (broken)
        throw new AppError(
          'summary_invalid',
          `The ${broken.language} summary holds something that cannot be published: ${broken.problem}`,
        );

      const ids = [...new Set(input.documentIds)];
      const documents = ids.length
        ? await tx.query<DocumentRow[]>(
            'SELECT id, title, mime_type FROM documents WHERE case_id = $1 AND id = ANY($2::uuid[])',
            [caseId, ids],
          )
        : [];
      const byId = new Map(documents.map((document) => [document.id, document]));
      const missing = input.documentIds
        .map((id, index) => ({ id, index }))
        .filter(({ id }) => !byId.has(id));
      if (missing.length > 0)
        throw new AppError(
          'validation_failed',
          `documentIds: ${missing.map((m) => m.id).join(', ')} ${missing.length > 1 ? 'are not documents' : 'is not a document'} of this case.`,
          missing.map(({ index }) => ({
            path: `documentIds.${index}`,
            message: 'is not a document of this case',
          })),
        );

      let publication = await this.publicationRow(tx, caseId, true);
      const caseRow = (await this.cases.findRow(tx, caseId, actor.id))!;
      const full = await this.cases.details(tx, caseRow);
      if (!publication) {
        const [created] = await tx.query<PublicationRow[]>(
          `INSERT INTO publications (case_id, group_id, group_slug, case_slug, title, city_code,
             department_code, technologies, project_status)
           SELECT $1, g.id, g.slug, $3, $4, $5, $6, $7, $8 FROM groups g WHERE g.id = $2
           RETURNING id, case_id, group_slug, case_slug, revision, first_published_at,
             retracted_at, retracted_reason`,
          [
            caseId,
            place.groupId,
            place.slug,
            full.title,
            full.city.code,
            full.city.departmentCode,
            full.technologies,
            full.projectStatus,
          ],
        );
        publication = created!;
      }
      const path = publicCasePath(publication.group_slug, publication.case_slug);
      const documentPath = (id: string) => `${path}/documents/${id}`;

      const facts: PublishedFacts = {
        title: full.title,
        description: full.description,
        city: full.city,
        technologies: full.technologies,
        projectStatus: full.projectStatus,
        tags: full.tags,
        budgetEuros: full.budgetEuros,
        budgetSource: full.budgetSource,
        actors: full.actors.map(({ name, kind, role }) => ({ name, kind, role })),
        timeline: full.timeline.map(({ date, title, documentId }) => ({
          date,
          title,
          documentId: documentId && byId.has(documentId) ? documentId : null,
        })),
      };

      const summaries: Record<string, { html: string; text: string; version: number }> = {};
      for (const row of written) {
        summaries[row.language] = {
          html: await this.publicHtml(tx, row.body, byId, documentPath),
          text: plainText(row.body, 20_000),
          version: row.version,
        };
      }

      const revision = publication.revision + 1;
      const [inserted] = await tx.query<{ id: string }[]>(
        `INSERT INTO publication_revisions (publication_id, number, facts, summaries, change_note,
           published_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [
          publication.id,
          revision,
          JSON.stringify(facts),
          JSON.stringify(summaries),
          input.changeNote || null,
          actor.id,
        ],
      );
      // The chosen documents, in the order given, in one statement.
      await tx.query(
        `INSERT INTO publication_documents (revision_id, document_id, position, title, kind, date,
           file_name, sha256, mime_type, size, pages)
         SELECT $1, d.id, array_position($2::uuid[], d.id) - 1, d.title, d.kind, d.date,
           d.file_name, d.sha256, d.mime_type, d.size, d.pages
         FROM documents d WHERE d.case_id = $3 AND d.id = ANY($2::uuid[])`,
        [inserted!.id, ids, caseId],
      );
      // What search finds a published case by, for those outside its group.
      const searchText = [
        `${full.city.name} ${full.city.departmentName}`,
        full.actors.map((a) => `${a.name} ${a.role}`).join(' '),
        full.description,
        ...Object.values(summaries).map((s) => s.text),
      ].join('\n');
      await tx.query(
        `UPDATE publications SET revision = $2, title = $3, city_code = $4, department_code = $5,
           technologies = $6, project_status = $7, search_text = $8, last_published_at = now(),
           retracted_at = NULL, retracted_reason = NULL, retracted_by = NULL
         WHERE id = $1`,
        [
          publication.id,
          revision,
          full.title,
          full.city.code,
          full.city.departmentCode,
          full.technologies,
          full.projectStatus,
          searchText,
        ],
      );
      await tx.query('UPDATE documents SET public = (id = ANY($2::uuid[])) WHERE case_id = $1', [
        caseId,
        ids,
      ]);
      await this.summaries.closeReview(tx, caseId);
      await this.casesService.moveStage(
        tx,
        notify,
        actor,
        place.groupId,
        caseId,
        'review',
        'published',
      );
      const url = this.url(publication);
      const event = await this.cases.appendEvent(
        tx,
        caseId,
        'case.published',
        { revision, url, documents: ids.length, changeNote: input.changeNote || null },
        actor.id,
      );
      notify({ kind: 'event', groupId: place.groupId, caseId, event });
      await this.audit.record(tx, {
        type: 'case.published',
        actorId: actor.id,
        groupId: place.groupId,
        data: { caseId, title: full.title, revision, url },
      });
      return { url, revision };
    });
    this.collab.reconnect(caseId);
    this.changes.emit('changed');
    return result;
  }

  /**
   * The summary's HTML for the public: citations of public documents link to their public
   * bytes, of other documents show their title alone; images only of public image documents;
   * references to other cases link to their public page when they have one.
   */
  private async publicHtml(
    tx: EntityManager,
    body: RichTextDoc,
    documents: Map<string, DocumentRow>,
    documentPath: (id: string) => string,
  ): Promise<string> {
    const checked = checkRichText(body);
    const caseIds = checked.ok ? checked.refs.cases : [];
    const published = caseIds.length
      ? await tx.query<{ case_id: string; title: string; group_slug: string; case_slug: string }[]>(
          `SELECT case_id, title, group_slug, case_slug FROM publications
           WHERE case_id = ANY($1::uuid[]) AND retracted_at IS NULL`,
          [caseIds],
        )
      : [];
    const cases = new Map(published.map((row) => [row.case_id, row]));
    return renderRichText(body, {
      user: () => null,
      document: (id) => {
        const document = documents.get(id);
        return document ? { title: document.title, href: documentPath(id) } : null;
      },
      case: (id) => {
        const row = cases.get(id);
        return row
          ? { title: row.title, href: publicCasePath(row.group_slug, row.case_slug) }
          : null;
      },
      imageSrc: (id) =>
        IMAGE_TYPES.test(documents.get(id)?.mime_type ?? '') ? documentPath(id) : null,
    });
  }

  async retract(actor: Actor, caseId: string, reason: string): Promise<Publication> {
    const result = await this.notices.afterCommit(this.dataSource, async (tx, notify) => {
      const place = await this.summaries.requireCase(tx, actor, caseId, true);
      if (!canRetract(place.role))
        throw new AppError(
          'forbidden',
          'Only the group’s coordinators and admins retract a publication.',
        );
      const publication = await this.publicationRow(tx, caseId, true);
      if (!publication || publication.retracted_at)
        throw new AppError('not_published', 'This case has no public page to retract.');
      await tx.query(
        `UPDATE publications SET retracted_at = now(), retracted_reason = $2, retracted_by = $3
         WHERE id = $1`,
        [publication.id, reason, actor.id],
      );
      await tx.query('UPDATE documents SET public = false WHERE case_id = $1', [caseId]);
      if (place.stage === 'published') {
        await this.casesService.moveStage(
          tx,
          notify,
          actor,
          place.groupId,
          caseId,
          'published',
          'drafting',
        );
      }
      const event = await this.cases.appendEvent(
        tx,
        caseId,
        'case.retracted',
        { reason },
        actor.id,
      );
      notify({ kind: 'event', groupId: place.groupId, caseId, event });
      await this.audit.record(tx, {
        type: 'case.retracted',
        actorId: actor.id,
        groupId: place.groupId,
        data: { caseId, title: place.title, reason, url: this.url(publication) },
      });
      return this.describe(tx, (await this.publicationRow(tx, caseId))!);
    });
    this.collab.reconnect(caseId);
    this.changes.emit('changed');
    return result;
  }
}
