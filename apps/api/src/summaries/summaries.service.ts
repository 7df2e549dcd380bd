import { Injectable, Logger } from '@nestjs/common';
import {
  type ApprovalBlocker,
  type ApprovalRule,
  type CaseStage,
  type GroupRole,
  type Review,
  type ReviewComment,
  type RichTextDoc,
  SUMMARY_LANGUAGES,
  type Summary,
  type SummaryLanguage,
  emptyDoc,
  ruleSatisfied,
} from '@technopolice/shared';
import { DataSource, type EntityManager } from 'typeorm';
import * as Y from 'yjs';
import { type Actor } from '../auth/actor.js';
import { type CaseNotice, CaseNotices } from '../cases/case-notices.js';
import { CasesRepository } from '../cases/cases.repository.js';
import { CasesService } from '../cases/cases.service.js';
import { AppError } from '../common/app-error.js';
import { RichTextService } from '../discussions/rich-text.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { canEditSummary, countsAsCoordinator } from './policies.js';
import { yDocToJson } from './ydoc.js';

type Notify = (notice: CaseNotice) => void;

/** A case as the summary and review need it, with the caller's role. */
export interface SummaryCase {
  id: string;
  groupId: string;
  title: string;
  slug: string;
  stage: CaseStage;
  role: GroupRole;
  reviewRequestedBy: string | null;
}

interface SummaryRow {
  case_id: string;
  language: SummaryLanguage;
  body: RichTextDoc;
  html: string;
  text: string;
  version: number;
  problem: string | null;
  last_editor_id: string | null;
  last_editor_name: string | null;
  updated_at: Date;
}

const person = (id: string | null, name: string | null) =>
  id ? { id, displayName: name ?? '' } : null;

const iso = (value: Date | string) => new Date(value).toISOString();

function toSummary(
  caseId: string,
  language: SummaryLanguage,
  row: SummaryRow | undefined,
): Summary {
  if (!row)
    return {
      caseId,
      language,
      body: emptyDoc(),
      html: '',
      version: 0,
      lastEditor: null,
      updatedAt: null,
      problem: null,
    };
  return {
    caseId,
    language,
    body: row.body,
    html: row.html,
    version: row.version,
    lastEditor: person(row.last_editor_id, row.last_editor_name),
    updatedAt: iso(row.updated_at),
    problem: row.problem,
  };
}

const SUMMARY_COLUMNS = `s.case_id, s.language, s.body, s.html, s.text, s.version, s.problem,
  s.last_editor_id, e.display_name AS last_editor_name, s.updated_at`;

/**
 * A case's summary (its saved state: the live one is the co-editing session's), its review,
 * comments and approvals. Saving from the co-editing session goes through `store`.
 */
@Injectable()
export class SummariesService {
  private readonly logger = new Logger('Summaries');

  constructor(
    private readonly dataSource: DataSource,
    private readonly notices: CaseNotices,
    private readonly cases: CasesRepository,
    private readonly casesService: CasesService,
    private readonly richText: RichTextService,
    private readonly notifications: NotificationsService,
  ) {}

  /** The case as `actor` may see it (404 otherwise), locked when `forUpdate`. */
  async requireCase(
    tx: EntityManager,
    actor: { id: string },
    caseId: string,
    forUpdate = false,
  ): Promise<SummaryCase> {
    const row = await this.cases.findRow(tx, caseId, actor.id, forUpdate);
    if (!row) throw new AppError('not_found', `No case ${caseId}.`);
    const [review] = await tx.query<{ requested_by: string | null }[]>(
      'SELECT requested_by FROM case_reviews WHERE case_id = $1',
      [caseId],
    );
    return {
      id: row.id,
      groupId: row.group_id,
      title: row.title,
      slug: row.slug,
      stage: row.stage,
      role: row.role as GroupRole,
      reviewRequestedBy: review?.requested_by ?? null,
    };
  }

  /** Whether `actor` may edit the summary now (the co-editing session asks on connect). */
  mayEdit(place: SummaryCase, actorId: string): boolean {
    return canEditSummary(place.role, place.stage, actorId, place.reviewRequestedBy);
  }

  private async summaryRows(tx: EntityManager, caseId: string): Promise<SummaryRow[]> {
    return tx.query<SummaryRow[]>(
      `SELECT ${SUMMARY_COLUMNS} FROM case_summaries s LEFT JOIN users e ON e.id = s.last_editor_id
       WHERE s.case_id = $1 ORDER BY s.language`,
      [caseId],
    );
  }

  async get(actor: Actor, caseId: string, language: SummaryLanguage): Promise<Summary> {
    return this.dataSource.transaction(async (tx) => {
      await this.requireCase(tx, actor, caseId);
      const rows = await this.summaryRows(tx, caseId);
      return toSummary(
        caseId,
        language,
        rows.find((row) => row.language === language),
      );
    });
  }

  /** The Y.js state of a summary, or `null` before anyone wrote it. */
  async loadState(caseId: string, language: SummaryLanguage): Promise<Uint8Array | null> {
    const [row] = await this.dataSource.query<{ ydoc: Buffer }[]>(
      'SELECT ydoc FROM case_summaries WHERE case_id = $1 AND language = $2',
      [caseId, language],
    );
    return row ? new Uint8Array(row.ydoc) : null;
  }

  /** The saved version of a summary (0 before anyone wrote it). */
  async version(caseId: string, language: SummaryLanguage): Promise<number> {
    const [row] = await this.dataSource.query<{ version: number }[]>(
      'SELECT version FROM case_summaries WHERE case_id = $1 AND language = $2',
      [caseId, language],
    );
    return row?.version ?? 0;
  }

  /**
   * Saves the co-editing session's state. The Y.js state is always kept (nothing typed is lost);
   * the body is checked like a post's and becomes the saved summary only when valid. A change
   * of the text bumps the version and resets the approvals of the review.
   */
  async store(
    caseId: string,
    language: SummaryLanguage,
    doc: Y.Doc,
    editorId: string | null,
  ): Promise<void> {
    const state = Buffer.from(Y.encodeStateAsUpdate(doc));
    const json = yDocToJson(doc);
    await this.notices.afterCommit(this.dataSource, async (tx, notify) => {
      const [place] = await tx.query<{ group_id: string }[]>(
        'SELECT group_id FROM cases WHERE id = $1 FOR UPDATE',
        [caseId],
      );
      if (!place) return; // the case was deleted while someone was editing
      let prepared: Awaited<ReturnType<RichTextService['prepare']>> | null = null;
      let problem: string | null = null;
      try {
        prepared = await this.richText.prepare(tx, { groupId: place.group_id, caseId }, json);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        problem = error.message;
        this.logger.warn(`summary ${caseId}/${language} not saved as text: ${problem}`);
      }
      // jsonb compares by value (PostgreSQL does not keep the keys' order).
      const [current] = await tx.query<{ version: number; same: boolean | null }[]>(
        `SELECT version, body = $3::jsonb AS same FROM case_summaries
         WHERE case_id = $1 AND language = $2 FOR UPDATE`,
        [caseId, language, prepared ? JSON.stringify(prepared.doc) : null],
      );
      const changed = prepared !== null && current?.same !== true;
      if (!current) {
        const body = prepared?.doc ?? emptyDoc();
        await tx.query(
          `INSERT INTO case_summaries (case_id, language, ydoc, body, html, text, version, problem,
             last_editor_id) VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8)`,
          [
            caseId,
            language,
            state,
            JSON.stringify(body),
            prepared?.html ?? '',
            prepared?.text ?? '',
            problem,
            editorId,
          ],
        );
      } else if (changed) {
        await tx.query(
          `UPDATE case_summaries SET ydoc = $3, body = $4, html = $5, text = $6,
             version = version + 1, problem = NULL, last_editor_id = $7, updated_at = now()
           WHERE case_id = $1 AND language = $2`,
          [
            caseId,
            language,
            state,
            JSON.stringify(prepared!.doc),
            prepared!.html,
            prepared!.text,
            editorId,
          ],
        );
      } else {
        await tx.query(
          'UPDATE case_summaries SET ydoc = $3, problem = $4 WHERE case_id = $1 AND language = $2',
          [caseId, language, state, problem],
        );
      }
      if (!current || changed) {
        const version = (current?.version ?? 0) + 1;
        await this.logged(
          tx,
          notify,
          place.group_id,
          caseId,
          'summary.saved',
          { language, version },
          editorId,
        );
        if (current)
          await this.resetApprovals(tx, notify, place.group_id, caseId, language, editorId);
      }
    });
  }

  private async logged(
    tx: EntityManager,
    notify: Notify,
    groupId: string,
    caseId: string,
    type: string,
    payload: Record<string, unknown>,
    actorId: string | null,
  ) {
    const event = await this.cases.appendEvent(tx, caseId, type, payload, actorId);
    notify({ kind: 'event', groupId, caseId, event });
    return event;
  }

  private async resetApprovals(
    tx: EntityManager,
    notify: Notify,
    groupId: string,
    caseId: string,
    language: SummaryLanguage,
    actorId: string | null,
  ): Promise<void> {
    const removed = await tx.query<{ user_id: string }[]>(
      'DELETE FROM summary_approvals WHERE case_id = $1 RETURNING user_id',
      [caseId],
    );
    if (removed.length > 0)
      await this.logged(
        tx,
        notify,
        groupId,
        caseId,
        'review.approvals-reset',
        { language, count: removed.length },
        actorId,
      );
  }

  // Review

  private async rule(tx: EntityManager, groupId: string): Promise<ApprovalRule> {
    const [row] = await tx.query<{ approval_coordinators: number; approval_members: number }[]>(
      'SELECT approval_coordinators, approval_members FROM groups WHERE id = $1',
      [groupId],
    );
    return { coordinators: row!.approval_coordinators, members: row!.approval_members };
  }

  /** The last person who changed the text, any language (their approval never counts). */
  private lastEditor(rows: SummaryRow[]) {
    const last = [...rows].sort((a, b) => +new Date(b.updated_at) - +new Date(a.updated_at))[0];
    return last ? person(last.last_editor_id, last.last_editor_name) : null;
  }

  /** Whether the approvals now meet the group's rule (the publish route asks this). */
  async approvalState(tx: EntityManager, place: SummaryCase) {
    const rows = await this.summaryRows(tx, place.id);
    const lastEditor = this.lastEditor(rows);
    const approvals = await tx.query<
      { user_id: string; display_name: string; role: GroupRole; created_at: Date }[]
    >(
      `SELECT a.user_id, u.display_name, a.role, a.created_at FROM summary_approvals a
       JOIN users u ON u.id = a.user_id WHERE a.case_id = $1 ORDER BY a.created_at`,
      [place.id],
    );
    const counted = approvals.filter((a) => a.user_id !== lastEditor?.id);
    const rule = await this.rule(tx, place.groupId);
    const approved = ruleSatisfied(rule, {
      coordinators: counted.filter((a) => countsAsCoordinator(a.role)).length,
      all: counted.length,
    });
    return { rows, lastEditor, approvals, rule, approved };
  }

  async review(actor: Actor, caseId: string): Promise<Review> {
    return this.dataSource.transaction(async (tx) =>
      this.reviewOf(tx, actor, await this.requireCase(tx, actor, caseId)),
    );
  }

  private async reviewOf(tx: EntityManager, actor: Actor, place: SummaryCase): Promise<Review> {
    const { rows, lastEditor, approvals, rule, approved } = await this.approvalState(tx, place);
    const [request] = await tx.query<
      {
        requested_by: string | null;
        name: string | null;
        requested_at: Date;
        note: string | null;
      }[]
    >(
      `SELECT r.requested_by, u.display_name AS name, r.requested_at, r.note
       FROM case_reviews r LEFT JOIN users u ON u.id = r.requested_by WHERE r.case_id = $1`,
      [place.id],
    );
    const comments = await tx.query<CommentRow[]>(
      `${COMMENT_SELECT} WHERE c.case_id = $1 ORDER BY c.created_at`,
      [place.id],
    );
    const [publication] = await tx.query<unknown[]>(
      'SELECT 1 FROM publications WHERE case_id = $1',
      [place.id],
    );
    let blocker: ApprovalBlocker | null = null;
    if (place.stage !== 'review') blocker = 'not-in-review';
    else if (lastEditor?.id === actor.id) blocker = 'last-editor';
    else if (approvals.some((a) => a.user_id === actor.id)) blocker = 'already-approved';
    return {
      caseId: place.id,
      stage: place.stage,
      requestedAt: request ? iso(request.requested_at) : null,
      requestedBy: request ? person(request.requested_by, request.name) : null,
      note: request?.note ?? null,
      rule,
      approvals: approvals
        .filter((a) => a.user_id !== lastEditor?.id)
        .map((a) => ({
          user: { id: a.user_id, displayName: a.display_name },
          role: a.role,
          createdAt: iso(a.created_at),
        })),
      approved,
      lastEditor,
      versions: Object.fromEntries(
        SUMMARY_LANGUAGES.map((language) => [
          language,
          rows.find((row) => row.language === language)?.version ?? 0,
        ]),
      ),
      canApprove: blocker === null,
      blocker,
      published: publication !== undefined,
      comments: comments.map(toComment),
    };
  }

  /** Asks the group to review the summary: the case moves to `review`. */
  async requestReview(actor: Actor, caseId: string, note: string | undefined): Promise<Review> {
    return this.notices.afterCommit(this.dataSource, async (tx, notify) => {
      const place = await this.requireCase(tx, actor, caseId, true);
      if (place.stage === 'review')
        throw new AppError('conflict', 'A review is already under way for this case.');
      const rows = await this.summaryRows(tx, caseId);
      if (!rows.some((row) => row.language === 'fr' && row.text.trim() !== ''))
        throw new AppError(
          'summary_invalid',
          'Write the summary (in French) before asking for a review.',
        );
      await tx.query(
        `INSERT INTO case_reviews (case_id, requested_by, note) VALUES ($1, $2, $3)
         ON CONFLICT (case_id) DO UPDATE SET requested_by = $2, note = $3, requested_at = now()`,
        [caseId, actor.id, note || null],
      );
      await tx.query('DELETE FROM summary_approvals WHERE case_id = $1', [caseId]);
      await this.casesService.moveStage(
        tx,
        notify,
        actor,
        place.groupId,
        caseId,
        place.stage,
        'review',
      );
      await this.logged(
        tx,
        notify,
        place.groupId,
        caseId,
        'review.requested',
        { note: note || null },
        actor.id,
      );
      const recipients = await tx.query<{ user_id: string }[]>(
        `SELECT user_id FROM memberships WHERE group_id = $1 AND role IN ('admin', 'coordinator')
         UNION SELECT s.user_id FROM case_subscriptions s
           JOIN memberships m ON m.user_id = s.user_id AND m.group_id = $1
         WHERE s.case_id = $2 AND s.level = 'watch'`,
        [place.groupId, caseId],
      );
      await this.notifications.add(
        tx,
        notify,
        recipients.map((r) => ({
          userId: r.user_id,
          kind: 'review' as const,
          groupId: place.groupId,
          caseId,
          actorId: actor.id,
          title: place.title,
          excerpt: note ?? '',
        })),
      );
      return this.reviewOf(tx, actor, { ...place, stage: 'review', reviewRequestedBy: actor.id });
    });
  }

  /** Withdraws the review request: back to `drafting`, approvals dropped. */
  async withdrawReview(actor: Actor, caseId: string): Promise<Review> {
    return this.notices.afterCommit(this.dataSource, async (tx, notify) => {
      const place = await this.requireCase(tx, actor, caseId, true);
      if (place.stage !== 'review') throw notInReview();
      if (!countsAsCoordinator(place.role) && place.reviewRequestedBy !== actor.id)
        throw new AppError(
          'forbidden',
          'Only who asked for the review, coordinators and admins withdraw it.',
        );
      await tx.query('DELETE FROM case_reviews WHERE case_id = $1', [caseId]);
      await tx.query('DELETE FROM summary_approvals WHERE case_id = $1', [caseId]);
      await this.casesService.moveStage(
        tx,
        notify,
        actor,
        place.groupId,
        caseId,
        'review',
        'drafting',
      );
      await this.logged(tx, notify, place.groupId, caseId, 'review.withdrawn', {}, actor.id);
      return this.reviewOf(tx, actor, { ...place, stage: 'drafting', reviewRequestedBy: null });
    });
  }

  async approve(actor: Actor, caseId: string): Promise<Review> {
    return this.notices.afterCommit(this.dataSource, async (tx, notify) => {
      const place = await this.requireCase(tx, actor, caseId, true);
      if (place.stage !== 'review') throw notInReview();
      const { lastEditor } = await this.approvalState(tx, place);
      if (lastEditor?.id === actor.id)
        throw new AppError(
          'approval_by_last_editor',
          'You made the last change to the summary: someone else has to approve it.',
        );
      const inserted = await tx.query<unknown[]>(
        `INSERT INTO summary_approvals (case_id, user_id, role) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING user_id`,
        [caseId, actor.id, place.role],
      );
      if (inserted.length > 0)
        await this.logged(
          tx,
          notify,
          place.groupId,
          caseId,
          'review.approved',
          {
            user: { id: actor.id, displayName: actor.displayName },
            role: place.role,
          },
          actor.id,
        );
      return this.reviewOf(tx, actor, place);
    });
  }

  async withdrawApproval(actor: Actor, caseId: string): Promise<Review> {
    return this.notices.afterCommit(this.dataSource, async (tx, notify) => {
      const place = await this.requireCase(tx, actor, caseId, true);
      const removed = await tx.query<unknown[]>(
        'DELETE FROM summary_approvals WHERE case_id = $1 AND user_id = $2 RETURNING user_id',
        [caseId, actor.id],
      );
      if (removed.length > 0)
        await this.logged(
          tx,
          notify,
          place.groupId,
          caseId,
          'review.approval-withdrawn',
          {
            user: { id: actor.id, displayName: actor.displayName },
          },
          actor.id,
        );
      return this.reviewOf(tx, actor, place);
    });
  }

  /** Ends the review once published: its request and approvals are spent. */
  async closeReview(tx: EntityManager, caseId: string): Promise<void> {
    await tx.query('DELETE FROM case_reviews WHERE case_id = $1', [caseId]);
    await tx.query('DELETE FROM summary_approvals WHERE case_id = $1', [caseId]);
  }

  // Comments

  async comment(
    actor: Actor,
    caseId: string,
    input: { body: string; quote?: string; language: SummaryLanguage },
  ): Promise<ReviewComment> {
    return this.notices.afterCommit(this.dataSource, async (tx, notify) => {
      const place = await this.requireCase(tx, actor, caseId);
      const [created] = await tx.query<{ id: string }[]>(
        `INSERT INTO review_comments (case_id, author_id, language, body, quote)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [caseId, actor.id, input.language, input.body, input.quote || null],
      );
      const comment = toComment((await this.commentRow(tx, caseId, created!.id))!);
      await this.logged(
        tx,
        notify,
        place.groupId,
        caseId,
        'review.commented',
        { comment },
        actor.id,
      );
      return comment;
    });
  }

  async resolveComment(
    actor: Actor,
    caseId: string,
    commentId: string,
    resolved: boolean,
  ): Promise<ReviewComment> {
    return this.notices.afterCommit(this.dataSource, async (tx, notify) => {
      const place = await this.requireCase(tx, actor, caseId);
      const row = await this.commentRow(tx, caseId, commentId);
      if (!row) throw new AppError('not_found', `No comment ${commentId} on this case.`);
      if (resolved !== (row.resolved_at !== null)) {
        await tx.query(
          `UPDATE review_comments SET resolved_at = CASE WHEN $2 THEN now() END,
             resolved_by = CASE WHEN $2 THEN $3::uuid END WHERE id = $1`,
          [commentId, resolved, actor.id],
        );
        await this.logged(
          tx,
          notify,
          place.groupId,
          caseId,
          'review.comment-resolved',
          { commentId, resolved },
          actor.id,
        );
      }
      return toComment((await this.commentRow(tx, caseId, commentId))!);
    });
  }

  private async commentRow(tx: EntityManager, caseId: string, id: string) {
    const [row] = await tx.query<CommentRow[]>(
      `${COMMENT_SELECT} WHERE c.case_id = $1 AND c.id = $2`,
      [caseId, id],
    );
    return row;
  }
}

interface CommentRow {
  id: string;
  author_id: string | null;
  author_name: string | null;
  body: string;
  quote: string | null;
  language: SummaryLanguage;
  resolved_at: Date | null;
  resolved_by: string | null;
  resolver_name: string | null;
  created_at: Date;
}

const COMMENT_SELECT = `SELECT c.id, c.author_id, a.display_name AS author_name, c.body, c.quote,
  c.language, c.resolved_at, c.resolved_by, r.display_name AS resolver_name, c.created_at
  FROM review_comments c LEFT JOIN users a ON a.id = c.author_id
  LEFT JOIN users r ON r.id = c.resolved_by`;

function toComment(row: CommentRow): ReviewComment {
  return {
    id: row.id,
    author: person(row.author_id, row.author_name),
    body: row.body,
    quote: row.quote,
    language: row.language,
    resolved: row.resolved_at !== null,
    resolvedBy: row.resolved_at ? person(row.resolved_by, row.resolver_name) : null,
    createdAt: iso(row.created_at),
  };
}

const notInReview = () =>
  new AppError('not_in_review', 'The case is not in review: ask for a review first.');
