import { Injectable } from '@nestjs/common';
import {
  type Case,
  type CaseActor,
  type CaseEvent,
  type CaseStage,
  type CaseSummary,
  type ProjectStatus,
  type Task,
  type Technology,
  type TimelineEntry,
} from '@technopolice/shared';
import { type EntityManager } from 'typeorm';

interface Person {
  id: string;
  displayName: string;
}

export interface CaseRow {
  id: string;
  group_id: string;
  slug: string;
  title: string;
  description: string;
  stage: CaseStage;
  position: number;
  project_status: ProjectStatus;
  city_code: string;
  city_name: string;
  department_code: string;
  department_name: string;
  lat: number;
  lng: number;
  technologies: Technology[];
  tags: string[];
  budget_euros: string | null;
  budget_source: string;
  version: number;
  last_seq: string;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date;
  updated_at: Date;
  open_tasks: string;
  assignees: Person[];
}

interface TaskRow {
  id: string;
  title: string;
  assignee_id: string | null;
  assignee_name: string | null;
  due_date: string | null;
  done: boolean;
}

interface TimelineRow {
  id: string;
  date: string;
  title: string;
  document_id: string | null;
}

interface EventRow {
  seq: string;
  type: string;
  payload: Record<string, unknown>;
  actor_id: string | null;
  actor_name: string | null;
  created_at: Date;
}

/** Columns of a case row with what the board shows beside it. */
const CASE_COLUMNS = `
  c.*, creator.display_name AS created_by_name,
  (SELECT count(*) FROM case_tasks t WHERE t.case_id = c.id AND NOT t.done) AS open_tasks,
  COALESCE((
    SELECT json_agg(json_build_object('id', a.id, 'displayName', a.display_name)
                    ORDER BY lower(a.display_name), a.id)
    FROM (SELECT DISTINCT u.id, u.display_name FROM case_tasks t JOIN users u ON u.id = t.assignee_id
          WHERE t.case_id = c.id AND NOT t.done) a
  ), '[]'::json) AS assignees`;

const SORT_COLUMNS = {
  updated: 'c.updated_at',
  created: 'c.created_at',
  title: 'lower(c.title)',
  city: 'lower(c.city_name)',
  stage: `array_position(ARRAY['open','investigating','drafting','review','published'], c.stage)`,
  status: `array_position(ARRAY['announced','experiment','deployed','suspended','abandoned','contested'], c.project_status)`,
} as const;

/** Filters of the case list, already validated. */
export interface CaseFilters {
  groupId?: string;
  stages?: string[];
  technologies?: string[];
  projectStatuses?: string[];
  cityCodes?: string[];
  assigneeId?: string;
  q?: string;
  sort: keyof typeof SORT_COLUMNS;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

const iso = (value: Date) => value.toISOString();

/** Maps a row to what the board shows. */
export function toCaseSummary(row: CaseRow): CaseSummary {
  return {
    id: row.id,
    groupId: row.group_id,
    slug: row.slug,
    title: row.title,
    stage: row.stage,
    position: Number(row.position),
    projectStatus: row.project_status,
    city: {
      code: row.city_code,
      name: row.city_name,
      departmentCode: row.department_code,
      departmentName: row.department_name,
      lat: Number(row.lat),
      lng: Number(row.lng),
    },
    technologies: row.technologies,
    tags: row.tags,
    budgetEuros: row.budget_euros === null ? null : Number(row.budget_euros),
    assignees: row.assignees,
    openTasks: Number(row.open_tasks),
    version: row.version,
    seq: Number(row.last_seq),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

const toTask = (row: TaskRow): Task => ({
  id: row.id,
  title: row.title,
  assignee: row.assignee_id ? { id: row.assignee_id, displayName: row.assignee_name ?? '' } : null,
  dueDate: row.due_date,
  done: row.done,
});

const toTimelineEntry = (row: TimelineRow): TimelineEntry => ({
  id: row.id,
  date: row.date,
  title: row.title,
  documentId: row.document_id,
});

const toEvent = (row: EventRow): CaseEvent => ({
  seq: Number(row.seq),
  type: row.type,
  payload: row.payload,
  actor: row.actor_id ? { id: row.actor_id, displayName: row.actor_name ?? '' } : null,
  createdAt: iso(row.created_at),
});

/**
 * The queries of cases. Reads for a person go through their membership, so a case of another
 * group is never found; the service decides what that means (404).
 */
@Injectable()
export class CasesRepository {
  /** The case row as `userId` may see it, locked for the transaction when `forUpdate`. */
  async findRow(
    tx: EntityManager,
    caseId: string,
    userId: string,
    forUpdate = false,
  ): Promise<(CaseRow & { role: string }) | null> {
    if (forUpdate) {
      // Lock the case row first (plain, no aggregates), then read it with its extras.
      const locked = await tx.query<{ id: string }[]>(
        `SELECT c.id FROM cases c JOIN memberships m ON m.group_id = c.group_id AND m.user_id = $2
         WHERE c.id = $1 FOR UPDATE OF c`,
        [caseId, userId],
      );
      if (locked.length === 0) return null;
    }
    const [row] = await tx.query<(CaseRow & { role: string })[]>(
      `SELECT ${CASE_COLUMNS}, m.role
       FROM cases c JOIN memberships m ON m.group_id = c.group_id AND m.user_id = $2
       LEFT JOIN users creator ON creator.id = c.created_by
       WHERE c.id = $1`,
      [caseId, userId],
    );
    return row ?? null;
  }

  /** The whole case: facts, actors, timeline, tasks. */
  async details(tx: EntityManager, row: CaseRow): Promise<Case> {
    const [actors, timeline, tasks] = await Promise.all([
      this.actorsOf(tx, row.id),
      tx.query<TimelineRow[]>(
        `SELECT id, to_char(date, 'YYYY-MM-DD') AS date, title, document_id FROM case_timeline
         WHERE case_id = $1 ORDER BY date, created_at, id`,
        [row.id],
      ),
      tx.query<TaskRow[]>(
        `SELECT t.id, t.title, t.assignee_id, u.display_name AS assignee_name,
                to_char(t.due_date, 'YYYY-MM-DD') AS due_date, t.done
         FROM case_tasks t LEFT JOIN users u ON u.id = t.assignee_id
         WHERE t.case_id = $1 ORDER BY t.done, t.due_date NULLS LAST, t.created_at, t.id`,
        [row.id],
      ),
    ]);
    return {
      ...toCaseSummary(row),
      description: row.description,
      budgetSource: row.budget_source,
      actors,
      timeline: timeline.map(toTimelineEntry),
      tasks: tasks.map(toTask),
      createdBy: row.created_by
        ? { id: row.created_by, displayName: row.created_by_name ?? '' }
        : null,
    };
  }

  async actorsOf(tx: EntityManager, caseId: string): Promise<CaseActor[]> {
    return tx.query<CaseActor[]>(
      `SELECT a.id, a.name, a.kind, ca.role FROM case_actors ca JOIN actors a ON a.id = ca.actor_id
       WHERE ca.case_id = $1 ORDER BY ca.position, lower(a.name)`,
      [caseId],
    );
  }

  /** Cases of the groups `userId` belongs to, filtered and sorted. */
  async list(tx: EntityManager, userId: string, f: CaseFilters): Promise<CaseRow[]> {
    const where: string[] = [];
    const params: unknown[] = [userId];
    const add = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (f.groupId) where.push(`c.group_id = ${add(f.groupId)}`);
    if (f.stages?.length) where.push(`c.stage = ANY(${add(f.stages)}::text[])`);
    if (f.technologies?.length) where.push(`c.technologies && ${add(f.technologies)}::text[]`);
    if (f.projectStatuses?.length)
      where.push(`c.project_status = ANY(${add(f.projectStatuses)}::text[])`);
    if (f.cityCodes?.length) where.push(`c.city_code = ANY(${add(f.cityCodes)}::text[])`);
    if (f.assigneeId) {
      where.push(
        `EXISTS (SELECT 1 FROM case_tasks t WHERE t.case_id = c.id AND t.assignee_id = ${add(f.assigneeId)} AND NOT t.done)`,
      );
    }
    if (f.q) {
      const pattern = add(`%${f.q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`);
      where.push(`immutable_unaccent(lower(c.title || ' ' || c.city_name || ' ' || c.description || ' ' ||
        array_to_string(c.tags, ' '))) LIKE immutable_unaccent(lower(${pattern}))`);
    }
    const sort = SORT_COLUMNS[f.sort];
    const direction = f.order === 'asc' ? 'ASC' : 'DESC';
    return tx.query<CaseRow[]>(
      `SELECT ${CASE_COLUMNS}
       FROM cases c JOIN memberships m ON m.group_id = c.group_id AND m.user_id = $1
       LEFT JOIN users creator ON creator.id = c.created_by
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ${sort} ${direction}, c.position, c.id
       LIMIT ${add(f.limit + 1)} OFFSET ${add(f.offset)}`,
      params,
    );
  }

  /** The next free slug of the group for a title. */
  async freeSlug(tx: EntityManager, groupId: string, base: string): Promise<string> {
    const rows = await tx.query<{ slug: string }[]>(
      `SELECT slug FROM cases WHERE group_id = $1 AND (slug = $2 OR slug LIKE $3)`,
      [groupId, base, `${base}-%`],
    );
    const taken = new Set(rows.map((row) => row.slug));
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    return slug;
  }

  /** A position before every case of the column (new cases go on top). */
  async topPosition(tx: EntityManager, groupId: string, stage: CaseStage): Promise<number> {
    const [row] = await tx.query<{ p: number | null }[]>(
      'SELECT min(position) AS p FROM cases WHERE group_id = $1 AND stage = $2',
      [groupId, stage],
    );
    return row?.p === null || row?.p === undefined ? 0 : Number(row.p) - 1;
  }

  /** A position after every case of the column. */
  async bottomPosition(tx: EntityManager, groupId: string, stage: CaseStage): Promise<number> {
    const [row] = await tx.query<{ p: number | null }[]>(
      'SELECT max(position) AS p FROM cases WHERE group_id = $1 AND stage = $2',
      [groupId, stage],
    );
    return row?.p === null || row?.p === undefined ? 0 : Number(row.p) + 1;
  }

  /** Replaces the case's actors, creating the group's actors met for the first time. */
  async replaceActors(
    tx: EntityManager,
    groupId: string,
    caseId: string,
    actors: { name: string; kind: string; role: string }[],
  ): Promise<void> {
    await tx.query('DELETE FROM case_actors WHERE case_id = $1', [caseId]);
    const seen = new Set<string>();
    let position = 0;
    for (const actor of actors) {
      const key = actor.name.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      const [row] = await tx.query<{ id: string }[]>(
        `INSERT INTO actors (group_id, name, kind) VALUES ($1, $2, $3)
         ON CONFLICT (group_id, lower(name)) DO UPDATE SET kind = EXCLUDED.kind
         RETURNING id`,
        [groupId, actor.name, actor.kind],
      );
      await tx.query(
        'INSERT INTO case_actors (case_id, actor_id, role, position) VALUES ($1, $2, $3, $4)',
        [caseId, row!.id, actor.role, position++],
      );
    }
  }

  /** The group's actors whose name contains `q` (accents and case ignored). */
  async groupActors(tx: EntityManager, groupId: string, q: string | undefined) {
    return tx.query<{ id: string; name: string; kind: string }[]>(
      `SELECT id, name, kind FROM actors WHERE group_id = $1
       AND ($2::text IS NULL OR immutable_unaccent(lower(name)) LIKE '%' || immutable_unaccent(lower($2)) || '%')
       ORDER BY lower(name) LIMIT 50`,
      [groupId, q ?? null],
    );
  }

  /** Appends an event to the case's log with its next `seq`; the case row is locked by it. */
  async appendEvent(
    tx: EntityManager,
    caseId: string,
    type: string,
    payload: Record<string, unknown>,
    actorId: string | null,
  ): Promise<CaseEvent & { actorName?: string }> {
    const [row] = await tx.query<EventRow[]>(
      `WITH next AS (UPDATE cases SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq)
       INSERT INTO case_events (case_id, seq, type, payload, actor_id)
       SELECT $1, next.last_seq, $2, $3, $4 FROM next
       RETURNING seq, type, payload, actor_id, created_at,
         (SELECT display_name FROM users WHERE id = $4) AS actor_name`,
      [caseId, type, JSON.stringify(payload), actorId],
    );
    return toEvent(row!);
  }

  /** Events after `after` (ascending) or before `before` (descending, the newest first). */
  async events(
    tx: EntityManager,
    caseId: string,
    range: { after?: number; before?: number; limit: number },
  ): Promise<CaseEvent[]> {
    const ascending = range.after !== undefined;
    const rows = await tx.query<EventRow[]>(
      `SELECT e.seq, e.type, e.payload, e.actor_id, u.display_name AS actor_name, e.created_at
       FROM case_events e LEFT JOIN users u ON u.id = e.actor_id
       WHERE e.case_id = $1
         AND ($2::bigint IS NULL OR e.seq > $2) AND ($3::bigint IS NULL OR e.seq < $3)
       ORDER BY e.seq ${ascending ? 'ASC' : 'DESC'} LIMIT $4`,
      [caseId, range.after ?? null, range.before ?? null, range.limit],
    );
    return rows.map(toEvent);
  }

  async task(tx: EntityManager, caseId: string, taskId: string): Promise<Task | null> {
    const [row] = await tx.query<TaskRow[]>(
      `SELECT t.id, t.title, t.assignee_id, u.display_name AS assignee_name,
              to_char(t.due_date, 'YYYY-MM-DD') AS due_date, t.done
       FROM case_tasks t LEFT JOIN users u ON u.id = t.assignee_id
       WHERE t.case_id = $1 AND t.id = $2`,
      [caseId, taskId],
    );
    return row ? toTask(row) : null;
  }

  async timelineEntry(
    tx: EntityManager,
    caseId: string,
    entryId: string,
  ): Promise<TimelineEntry | null> {
    const [row] = await tx.query<TimelineRow[]>(
      `SELECT id, to_char(date, 'YYYY-MM-DD') AS date, title, document_id FROM case_timeline
       WHERE case_id = $1 AND id = $2`,
      [caseId, entryId],
    );
    return row ? toTimelineEntry(row) : null;
  }

  /** Whether the user is a member of the group (assignees must be). */
  async isMember(tx: EntityManager, groupId: string, userId: string): Promise<boolean> {
    const rows = await tx.query<unknown[]>(
      'SELECT 1 FROM memberships WHERE group_id = $1 AND user_id = $2',
      [groupId, userId],
    );
    return rows.length > 0;
  }
}
