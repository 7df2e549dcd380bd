import { Injectable } from '@nestjs/common';
import {
  type Case,
  type CaseEvent,
  type CaseStage,
  type CaseSummary,
  type CreateTask,
  type CreateTimelineEntry,
  type GroupRole,
  type Task,
  type TimelineEntry,
  type UpdateTask,
  type UpdateTimelineEntry,
  type caseEventQuerySchema,
  type caseQuerySchema,
  type createCaseSchema,
  stageMoveProblem,
  type updateCaseSchema,
} from '@technopolice/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { type z } from 'zod';
import { type Actor } from '../auth/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import { cursorAfter, offsetOfCursor } from '../common/offset-cursor.js';
import { slugify } from '../common/slug.js';
import { Gazetteer } from '../geo/gazetteer.js';
import { GroupsService } from '../groups/groups.service.js';
import { type CaseNotice, CaseNotices } from './case-notices.js';
import { type CaseRow, CasesRepository, toCaseSummary } from './cases.repository.js';
import { canDeleteCase } from './policies.js';

type CreateInput = z.output<typeof createCaseSchema>;
type UpdateInput = z.output<typeof updateCaseSchema>;

const STAGE_MESSAGES: Record<NonNullable<ReturnType<typeof stageMoveProblem>>, string> = {
  'published-needs-publication': 'a case reaches "published" by being published, not by a move',
  'published-needs-retraction': 'a published case leaves "published" by retracting its publication',
  'review-from-drafting': 'a review is requested from "drafting"',
};

/** Fields of `PATCH /api/cases/:id` that are plain columns, with their column. */
const SIMPLE_FIELDS = {
  title: 'title',
  description: 'description',
  projectStatus: 'project_status',
  budgetSource: 'budget_source',
} as const;

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((value, index) => value === b[index]);

const invalid = (path: string, message: string) =>
  new AppError('validation_failed', `${path}: ${message}`, [{ path, message }]);

/** A list filter from `a,b,c`, each value checked against the allowed ones. */
function listFilter(
  path: string,
  raw: string | undefined,
  allowed?: readonly string[],
): string[] | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const values = raw
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);
  const unknown = allowed ? values.filter((value) => !allowed.includes(value)) : [];
  if (unknown.length > 0) throw invalid(path, `unknown value ${unknown.join(', ')}`);
  return values;
}

/**
 * Cases, their facts, tasks and timeline. Every write runs in one transaction that also appends
 * to the case's event log; what changed is told to live clients after commit.
 */
@Injectable()
export class CasesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CasesRepository,
    private readonly groups: GroupsService,
    private readonly gazetteer: Gazetteer,
    private readonly notices: CaseNotices,
    private readonly audit: AuditService,
  ) {}

  /** Runs a write, then tells live clients what it did once it committed. */
  private write<T>(
    work: (tx: EntityManager, notify: (notice: CaseNotice) => void) => Promise<T>,
  ): Promise<T> {
    return this.notices.afterCommit(this.dataSource, work);
  }

  /** The case for a member; another group's or an unknown case is not found (404). */
  private async requireCase(
    tx: EntityManager,
    actor: Actor,
    caseId: string,
    forUpdate = false,
  ): Promise<CaseRow & { role: GroupRole }> {
    const row = await this.cases.findRow(tx, caseId, actor.id, forUpdate);
    if (!row) throw new AppError('not_found', `No case ${caseId}.`);
    return row as CaseRow & { role: GroupRole };
  }

  private city(code: string) {
    const city = this.gazetteer.get(code);
    if (!city) throw invalid('cityCode', `no French commune has the INSEE code ${code}`);
    return city;
  }

  private stageAllowed(from: CaseStage, to: CaseStage): void {
    const problem = stageMoveProblem(from, to);
    if (problem) {
      const message = STAGE_MESSAGES[problem];
      throw new AppError('stage_forbidden', `stage: ${message}.`, [{ path: 'stage', message }]);
    }
  }

  private async reread(tx: EntityManager, actor: Actor, caseId: string): Promise<CaseRow> {
    return this.requireCase(tx, actor, caseId);
  }

  /**
   * Opens a case. It starts at `open`, `investigating` or `drafting`; an import by a
   * coordinator may also bring cases already in `review` (a case is never born published).
   */
  async create(
    actor: Actor,
    groupId: string,
    input: CreateInput,
    options: { imported?: boolean } = {},
  ): Promise<Case> {
    return this.write(async (tx, notify) => {
      await this.groups.requireRole(tx, actor, groupId);
      const city = this.city(input.cityCode);
      const stage = input.stage ?? 'open';
      if (stage === 'published' || (stage === 'review' && !options.imported))
        this.stageAllowed('open', stage);
      // One case created at a time per group, so that two equal titles get distinct slugs.
      await tx.query('SELECT 1 FROM groups WHERE id = $1 FOR UPDATE', [groupId]);
      const slug = await this.cases.freeSlug(tx, groupId, slugify(input.title, 80));
      const position = await this.cases.topPosition(tx, groupId, stage);
      const [created] = await tx.query<{ id: string }[]>(
        `INSERT INTO cases (group_id, slug, title, description, stage, position, project_status,
           city_code, city_name, department_code, department_name, lat, lng, technologies, tags,
           budget_euros, budget_source, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
         RETURNING id`,
        [
          groupId,
          slug,
          input.title,
          input.description ?? '',
          stage,
          position,
          input.projectStatus ?? 'announced',
          city.code,
          city.name,
          city.departmentCode,
          city.departmentName,
          city.lat,
          city.lng,
          input.technologies,
          input.tags ?? [],
          input.budgetEuros ?? null,
          input.budgetSource ?? '',
          actor.id,
        ],
      );
      const caseId = created!.id;
      if (input.actors?.length) await this.cases.replaceActors(tx, groupId, caseId, input.actors);
      const event = await this.cases.appendEvent(
        tx,
        caseId,
        'case.created',
        { title: input.title, stage },
        actor.id,
      );
      const row = await this.reread(tx, actor, caseId);
      notify({ kind: 'created', groupId, summary: toCaseSummary(row), event });
      return this.cases.details(tx, row);
    });
  }

  async get(actor: Actor, caseId: string): Promise<Case> {
    return this.dataSource.transaction(async (tx) => {
      const row = await this.requireCase(tx, actor, caseId);
      return this.cases.details(tx, row);
    });
  }

  async list(
    actor: Actor,
    query: z.output<typeof caseQuerySchema>,
  ): Promise<{ items: CaseSummary[]; nextCursor: string | null }> {
    const offset = offsetOfCursor(query.cursor);
    const tx = this.dataSource.manager;
    if (query.groupId) await this.groups.requireRole(tx, actor, query.groupId);
    const rows = await this.cases.list(tx, actor.id, {
      groupId: query.groupId,
      stages: listFilter('stage', query.stage, [
        'open',
        'investigating',
        'drafting',
        'review',
        'published',
      ]),
      technologies: listFilter('technology', query.technology),
      projectStatuses: listFilter('projectStatus', query.projectStatus),
      cityCodes: listFilter('cityCode', query.cityCode),
      assigneeId: query.assigneeId,
      q: query.q || undefined,
      sort: query.sort,
      order:
        query.order ?? (['title', 'city', 'stage', 'status'].includes(query.sort) ? 'asc' : 'desc'),
      limit: query.limit,
      offset,
    });
    const more = rows.length > query.limit;
    return {
      items: rows.slice(0, query.limit).map(toCaseSummary),
      nextCursor: cursorAfter(offset, query.limit, more),
    };
  }

  async update(actor: Actor, caseId: string, input: UpdateInput): Promise<Case> {
    return this.write(async (tx, notify) => {
      const current = await this.requireCase(tx, actor, caseId, true);
      if (input.version !== current.version) {
        throw new AppError(
          'stale_version',
          `version: the case changed since you read it (version ${input.version}, now ${current.version}); reload it and apply your change again.`,
          [{ path: 'version', message: `is ${input.version}, the case is at ${current.version}` }],
        );
      }
      const sets: string[] = [];
      const params: unknown[] = [caseId];
      const set = (column: string, value: unknown) => {
        params.push(value);
        sets.push(`${column} = $${params.length}`);
      };
      const changes: Record<
        string,
        { from: unknown; to: unknown; fromName?: string; toName?: string }
      > = {};

      for (const [field, column] of Object.entries(SIMPLE_FIELDS) as [
        keyof typeof SIMPLE_FIELDS,
        string,
      ][]) {
        const next = input[field];
        const previous = current[column as keyof CaseRow];
        if (next !== undefined && next !== previous) {
          set(column, next);
          changes[field] = { from: previous, to: next };
        }
      }
      if (input.cityCode !== undefined && input.cityCode !== current.city_code) {
        const city = this.city(input.cityCode);
        set('city_code', city.code);
        set('city_name', city.name);
        set('department_code', city.departmentCode);
        set('department_name', city.departmentName);
        set('lat', city.lat);
        set('lng', city.lng);
        changes.cityCode = {
          from: current.city_code,
          to: city.code,
          fromName: current.city_name,
          toName: city.name,
        };
      }
      if (input.technologies && !sameList(input.technologies, current.technologies)) {
        set('technologies', input.technologies);
        changes.technologies = { from: current.technologies, to: input.technologies };
      }
      if (input.tags && !sameList(input.tags, current.tags)) {
        set('tags', input.tags);
        changes.tags = { from: current.tags, to: input.tags };
      }
      const currentBudget = current.budget_euros === null ? null : Number(current.budget_euros);
      if (input.budgetEuros !== undefined && input.budgetEuros !== currentBudget) {
        set('budget_euros', input.budgetEuros);
        changes.budgetEuros = { from: currentBudget, to: input.budgetEuros };
      }
      if (input.actors) {
        const before = await this.cases.actorsOf(tx, caseId);
        const describe = (list: { name: string; kind: string; role: string }[]) =>
          list.map((a) => `${a.name}|${a.kind}|${a.role}`);
        const after = input.actors;
        if (!sameList(describe(before), describe(after))) {
          await this.cases.replaceActors(tx, current.group_id, caseId, after);
          changes.actors = {
            from: before.map((a) => a.name),
            to: after.map((a) => a.name),
          };
        }
      }

      const stage = input.stage ?? current.stage;
      const moved = stage !== current.stage;
      if (moved) this.stageAllowed(current.stage, stage);
      let repositioned = false;
      if (moved || (input.position !== undefined && input.position !== Number(current.position))) {
        const position =
          input.position ?? (await this.cases.bottomPosition(tx, current.group_id, stage));
        if (moved) set('stage', stage);
        set('position', position);
        repositioned = true;
      }

      const changed = Object.keys(changes);
      // Actors live in their own table: a change of actors alone still bumps the version.
      if (changed.length === 0 && !repositioned) return this.cases.details(tx, current);
      await tx.query(
        `UPDATE cases SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1`,
        params,
      );
      let event: CaseEvent | null = null;
      if (changed.length > 0) {
        event = await this.cases.appendEvent(tx, caseId, 'case.updated', { changes }, actor.id);
        notify({ kind: 'event', groupId: current.group_id, caseId, event });
      }
      if (moved) {
        event = await this.cases.appendEvent(
          tx,
          caseId,
          'case.moved',
          { from: current.stage, to: stage },
          actor.id,
        );
        notify({ kind: 'event', groupId: current.group_id, caseId, event });
      }
      const row = await this.reread(tx, actor, caseId);
      notify({
        kind: 'updated',
        groupId: current.group_id,
        summary: toCaseSummary(row),
        changes: [...changed, ...(moved ? ['stage'] : []), ...(repositioned ? ['position'] : [])],
        event,
      });
      return this.cases.details(tx, row);
    });
  }

  /**
   * Moves a case to another column as a step of the review and publication flow (asking for a
   * review, publishing, retracting), which the board's own rules do not allow by hand. The caller
   * holds the case's lock.
   */
  async moveStage(
    tx: EntityManager,
    notify: (notice: CaseNotice) => void,
    actor: Actor,
    groupId: string,
    caseId: string,
    from: CaseStage,
    to: CaseStage,
  ): Promise<void> {
    if (from === to) return;
    const position = await this.cases.bottomPosition(tx, groupId, to);
    await tx.query(
      `UPDATE cases SET stage = $2, position = $3, version = version + 1, updated_at = now()
       WHERE id = $1`,
      [caseId, to, position],
    );
    const event = await this.cases.appendEvent(tx, caseId, 'case.moved', { from, to }, actor.id);
    notify({ kind: 'event', groupId, caseId, event });
    notify({
      kind: 'updated',
      groupId,
      summary: toCaseSummary(await this.reread(tx, actor, caseId)),
      changes: ['stage', 'position'],
      event,
    });
  }

  async remove(actor: Actor, caseId: string): Promise<void> {
    await this.write(async (tx, notify) => {
      const current = await this.requireCase(tx, actor, caseId, true);
      if (!canDeleteCase(current.role))
        throw new AppError('forbidden', 'Only the group’s admins and coordinators delete cases.');
      const [published] = await tx.query<unknown[]>(
        'SELECT 1 FROM publications WHERE case_id = $1 AND retracted_at IS NULL',
        [caseId],
      );
      if (published)
        throw new AppError(
          'case_published',
          'This case is published: retract its public page (with a public reason) before deleting it.',
        );
      await tx.query('DELETE FROM cases WHERE id = $1', [caseId]);
      await this.audit.record(tx, {
        type: 'case.deleted',
        actorId: actor.id,
        groupId: current.group_id,
        data: { caseId, title: current.title },
      });
      notify({ kind: 'deleted', groupId: current.group_id, caseId });
    });
  }

  async events(
    actor: Actor,
    caseId: string,
    query: z.output<typeof caseEventQuerySchema>,
  ): Promise<{ items: CaseEvent[]; nextCursor: string | null }> {
    return this.dataSource.transaction(async (tx) => {
      await this.requireCase(tx, actor, caseId);
      const items = await this.cases.events(tx, caseId, query);
      const last = items.at(-1);
      const full = items.length === query.limit && last !== undefined;
      // Ascending pages continue after the last seq, descending ones before it.
      return { items, nextCursor: full ? String(last.seq) : null };
    });
  }

  /** The group's actors, for the actor picker. */
  async actors(actor: Actor, groupId: string, q: string | undefined) {
    const tx = this.dataSource.manager;
    await this.groups.requireRole(tx, actor, groupId);
    return this.cases.groupActors(tx, groupId, q?.trim() || undefined);
  }

  /** The current `seq` of a case the actor may see, or null (for `case:join`). */
  async seqFor(actor: Actor, caseId: string): Promise<{ seq: number; groupId: string } | null> {
    const row = await this.cases.findRow(this.dataSource.manager, caseId, actor.id);
    return row ? { seq: Number(row.last_seq), groupId: row.group_id } : null;
  }

  // Tasks

  private async requireAssignee(tx: EntityManager, groupId: string, assigneeId: string | null) {
    if (assigneeId && !(await this.cases.isMember(tx, groupId, assigneeId)))
      throw invalid('assigneeId', 'must be a member of the group');
  }

  /**
   * Appends an event and tells the case's room; `board` also tells the group's board, whose
   * cards count open tasks and show their assignees.
   */
  private async logged(
    tx: EntityManager,
    actor: Actor,
    caseRow: CaseRow,
    [type, payload]: [string, Record<string, unknown>],
    notify: (notice: CaseNotice) => void,
    board = false,
  ): Promise<void> {
    const event = await this.cases.appendEvent(tx, caseRow.id, type, payload, actor.id);
    notify({ kind: 'event', groupId: caseRow.group_id, caseId: caseRow.id, event });
    if (!board) return;
    const row = await this.reread(tx, actor, caseRow.id);
    notify({
      kind: 'updated',
      groupId: caseRow.group_id,
      summary: toCaseSummary(row),
      changes: ['tasks'],
      event,
    });
  }

  async createTask(actor: Actor, caseId: string, input: CreateTask): Promise<Task> {
    return this.write(async (tx, notify) => {
      const current = await this.requireCase(tx, actor, caseId, true);
      await this.requireAssignee(tx, current.group_id, input.assigneeId ?? null);
      const [row] = await tx.query<{ id: string }[]>(
        `INSERT INTO case_tasks (case_id, title, assignee_id, due_date, created_by)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [caseId, input.title, input.assigneeId ?? null, input.dueDate ?? null, actor.id],
      );
      const task = (await this.cases.task(tx, caseId, row!.id))!;
      await this.logged(
        tx,
        actor,
        current,
        ['task.created', { taskId: task.id, title: task.title }],
        notify,
        true,
      );
      return task;
    });
  }

  async updateTask(actor: Actor, caseId: string, taskId: string, input: UpdateTask): Promise<Task> {
    return this.write(async (tx, notify) => {
      const current = await this.requireCase(tx, actor, caseId, true);
      const before = await this.cases.task(tx, caseId, taskId);
      if (!before) throw new AppError('not_found', `No task ${taskId} in this case.`);
      if (input.assigneeId !== undefined)
        await this.requireAssignee(tx, current.group_id, input.assigneeId);
      await tx.query(
        `UPDATE case_tasks SET
           title = COALESCE($3, title),
           assignee_id = CASE WHEN $4 THEN $5::uuid ELSE assignee_id END,
           due_date = CASE WHEN $6 THEN $7::date ELSE due_date END,
           done = COALESCE($8, done),
           done_at = CASE WHEN $8 IS NULL THEN done_at WHEN $8 THEN COALESCE(done_at, now()) ELSE NULL END,
           updated_at = now()
         WHERE case_id = $1 AND id = $2`,
        [
          caseId,
          taskId,
          input.title ?? null,
          input.assigneeId !== undefined,
          input.assigneeId ?? null,
          input.dueDate !== undefined,
          input.dueDate ?? null,
          input.done ?? null,
        ],
      );
      const after = (await this.cases.task(tx, caseId, taskId))!;
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      if (after.title !== before.title) changes.title = { from: before.title, to: after.title };
      if (after.assignee?.id !== before.assignee?.id)
        changes.assignee = { from: before.assignee, to: after.assignee };
      if (after.dueDate !== before.dueDate)
        changes.dueDate = { from: before.dueDate, to: after.dueDate };
      const base = { taskId, title: after.title };
      const events: [string, Record<string, unknown>][] = [];
      if (after.done !== before.done)
        events.push([after.done ? 'task.completed' : 'task.reopened', base]);
      if (Object.keys(changes).length > 0) events.push(['task.updated', { ...base, changes }]);
      // The board hears once, after the last event, with the case as it ends up.
      for (const [index, event] of events.entries())
        await this.logged(tx, actor, current, event, notify, index === events.length - 1);
      return after;
    });
  }

  async deleteTask(actor: Actor, caseId: string, taskId: string): Promise<void> {
    await this.write(async (tx, notify) => {
      const current = await this.requireCase(tx, actor, caseId, true);
      const task = await this.cases.task(tx, caseId, taskId);
      if (!task) throw new AppError('not_found', `No task ${taskId} in this case.`);
      await tx.query('DELETE FROM case_tasks WHERE id = $1', [taskId]);
      await this.logged(
        tx,
        actor,
        current,
        ['task.deleted', { taskId, title: task.title }],
        notify,
        true,
      );
    });
  }

  // Timeline

  /** A timeline entry cites a document of its own case, or none. */
  private async requireDocument(
    tx: EntityManager,
    caseId: string,
    documentId: string | null | undefined,
  ): Promise<void> {
    if (!documentId) return;
    const rows = await tx.query<unknown[]>(
      'SELECT 1 FROM documents WHERE id = $1 AND case_id = $2',
      [documentId, caseId],
    );
    if (rows.length === 0) throw invalid('documentId', `no document ${documentId} in this case`);
  }

  async createTimelineEntry(
    actor: Actor,
    caseId: string,
    input: CreateTimelineEntry,
  ): Promise<TimelineEntry> {
    return this.write(async (tx, notify) => {
      const current = await this.requireCase(tx, actor, caseId, true);
      await this.requireDocument(tx, caseId, input.documentId);
      const [row] = await tx.query<{ id: string }[]>(
        `INSERT INTO case_timeline (case_id, date, title, document_id, created_by)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [caseId, input.date, input.title, input.documentId ?? null, actor.id],
      );
      const entry = (await this.cases.timelineEntry(tx, caseId, row!.id))!;
      await this.logged(
        tx,
        actor,
        current,
        ['timeline.created', { entryId: entry.id, date: entry.date, title: entry.title }],
        notify,
      );
      return entry;
    });
  }

  async updateTimelineEntry(
    actor: Actor,
    caseId: string,
    entryId: string,
    input: UpdateTimelineEntry,
  ): Promise<TimelineEntry> {
    return this.write(async (tx, notify) => {
      const current = await this.requireCase(tx, actor, caseId, true);
      const before = await this.cases.timelineEntry(tx, caseId, entryId);
      if (!before) throw new AppError('not_found', `No timeline entry ${entryId} in this case.`);
      if (input.documentId !== undefined) await this.requireDocument(tx, caseId, input.documentId);
      await tx.query(
        `UPDATE case_timeline SET date = COALESCE($3::date, date), title = COALESCE($4, title),
           document_id = CASE WHEN $5 THEN $6::uuid ELSE document_id END
         WHERE case_id = $1 AND id = $2`,
        [
          caseId,
          entryId,
          input.date ?? null,
          input.title ?? null,
          input.documentId !== undefined,
          input.documentId ?? null,
        ],
      );
      const entry = (await this.cases.timelineEntry(tx, caseId, entryId))!;
      const same =
        entry.date === before.date &&
        entry.title === before.title &&
        entry.documentId === before.documentId;
      if (same) return entry;
      await this.logged(
        tx,
        actor,
        current,
        ['timeline.updated', { entryId, date: entry.date, title: entry.title }],
        notify,
      );
      return entry;
    });
  }

  async deleteTimelineEntry(actor: Actor, caseId: string, entryId: string): Promise<void> {
    await this.write(async (tx, notify) => {
      const current = await this.requireCase(tx, actor, caseId, true);
      const entry = await this.cases.timelineEntry(tx, caseId, entryId);
      if (!entry) throw new AppError('not_found', `No timeline entry ${entryId} in this case.`);
      await tx.query('DELETE FROM case_timeline WHERE id = $1', [entryId]);
      await this.logged(
        tx,
        actor,
        current,
        ['timeline.deleted', { entryId, title: entry.title }],
        notify,
      );
    });
  }
}
