import { z } from 'zod';
import {
  MAX_CASE_ACTORS,
  MAX_DESCRIPTION_LENGTH,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  MAX_TITLE_LENGTH,
} from '../limits/index.js';
import { cleanText as text } from '../schemas/text.js';
import { caseStageSchema, projectStatusSchema, technologySchema } from '../schemas/index.js';
import { CASE_STAGE_IDS, type CaseStage } from '../taxonomy/index.js';

/**
 * Cases: one surveillance project in one city, the unit a group investigates. Schemas of the
 * case routes, the board's moves and the case event log.
 */

const title = text(false)
  .pipe(z.string().min(1, 'must not be empty'))
  .pipe(z.string().max(MAX_TITLE_LENGTH, `must be at most ${MAX_TITLE_LENGTH} characters`));
const optionalText = text(true).pipe(
  z.string().max(MAX_DESCRIPTION_LENGTH, `must be at most ${MAX_DESCRIPTION_LENGTH} characters`),
);
/** A calendar day, `YYYY-MM-DD`, between 1900 and 2100. */
export const isoDateSchema = z.iso
  .date('must be a date as YYYY-MM-DD')
  .refine((value) => value >= '1900-01-01' && value <= '2100-12-31', {
    message: 'must be between 1900 and 2100',
  });
const person = z.object({ id: z.uuid(), displayName: z.string() });

/** An INSEE commune code: five characters, Corsica's `2A`/`2B` included. */
export const cityCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^(\d{5}|2[AB]\d{3})$/, 'must be an INSEE commune code such as 13055');

/** A French commune as the gazetteer describes it. */
export const citySchema = z.object({
  code: z.string(),
  name: z.string(),
  departmentCode: z.string(),
  departmentName: z.string(),
  lat: z.number(),
  lng: z.number(),
});
/** A French commune. */
export type City = z.infer<typeof citySchema>;

/** Who an actor is in the surveillance project. */
export const ACTOR_KINDS = ['vendor', 'public-body', 'other'] as const;
/** Kind of an actor. */
export const actorKindSchema = z.enum(ACTOR_KINDS);
/** Kind of an actor. */
export type ActorKind = z.infer<typeof actorKindSchema>;

/** A vendor or public body, reusable across the group's cases. */
export const actorSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: actorKindSchema,
});
/** A vendor or public body of the group. */
export type Actor = z.infer<typeof actorSchema>;

/** An actor as it takes part in one case. */
export const caseActorSchema = actorSchema.extend({ role: z.string() });
/** An actor in a case. */
export type CaseActor = z.infer<typeof caseActorSchema>;

/** How a case names its actors when written: by name, created in the group when new. */
export const caseActorInputSchema = z
  .object({
    name: text(false)
      .pipe(z.string().min(1, 'must not be empty'))
      .pipe(z.string().max(120, 'must be at most 120 characters')),
    kind: actorKindSchema.default('vendor'),
    role: text(false).pipe(z.string().max(200, 'must be at most 200 characters')).default(''),
  })
  .strict();

const tag = text(false)
  .pipe(z.string().toLowerCase().min(1, 'must not be empty'))
  .pipe(z.string().max(MAX_TAG_LENGTH, `must be at most ${MAX_TAG_LENGTH} characters`));
const tags = z
  .array(tag)
  .max(MAX_TAGS, `at most ${MAX_TAGS} tags`)
  .transform((values) => [...new Set(values)]);
const technologies = z
  .array(technologySchema)
  .min(1, 'choose at least one technology')
  .transform((values) => [...new Set(values)]);
const budgetEuros = z
  .number()
  .nonnegative('must not be negative')
  .max(999_999_999_999.99, 'is not a plausible budget')
  .multipleOf(0.01, 'has more than two decimals');

/** A dated event of the project (a council vote, a contract signed), optionally citing a document. */
export const timelineEntrySchema = z.object({
  id: z.uuid(),
  date: isoDateSchema,
  title: z.string(),
  documentId: z.uuid().nullable(),
});
/** A timeline entry. */
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

/** A task or lead of the investigation ("send a FOI request to the city"). */
export const taskSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  assignee: person.nullable(),
  dueDate: isoDateSchema.nullable(),
  done: z.boolean(),
});
/** A task or lead. */
export type Task = z.infer<typeof taskSchema>;

/** A case as the board and the list show it. */
export const caseSummarySchema = z.object({
  id: z.uuid(),
  groupId: z.uuid(),
  slug: z.string(),
  title: z.string(),
  stage: caseStageSchema,
  /** Order within its board column, ascending. */
  position: z.number(),
  projectStatus: projectStatusSchema,
  city: citySchema,
  technologies: z.array(technologySchema),
  tags: z.array(z.string()),
  budgetEuros: z.number().nullable(),
  /** Members who hold an open task of the case. */
  assignees: z.array(person),
  openTasks: z.number().int(),
  version: z.number().int(),
  /** The case's last event number (`seq`). */
  seq: z.number().int(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
/** A case on the board. */
export type CaseSummary = z.infer<typeof caseSummarySchema>;

/** A case with all its facts, as its page shows it. */
export const caseSchema = caseSummarySchema.extend({
  description: z.string(),
  budgetSource: z.string(),
  actors: z.array(caseActorSchema),
  timeline: z.array(timelineEntrySchema),
  tasks: z.array(taskSchema),
  createdBy: person.nullable(),
});
/** A case with its facts. */
export type Case = z.infer<typeof caseSchema>;

/** `POST /api/groups/:groupId/cases`. */
export const createCaseSchema = z
  .object({
    title,
    cityCode: cityCodeSchema,
    technologies,
    description: optionalText.optional(),
    projectStatus: projectStatusSchema.optional(),
    stage: caseStageSchema.optional(),
    tags: tags.optional(),
    budgetEuros: budgetEuros.nullable().optional(),
    budgetSource: optionalText.optional(),
    actors: z.array(caseActorInputSchema).max(MAX_CASE_ACTORS).optional(),
  })
  .strict();
/** `POST /api/groups/:groupId/cases`. */
export type CreateCase = z.input<typeof createCaseSchema>;

/** `PATCH /api/cases/:caseId`: the fields to change and the `version` they were read at. */
export const updateCaseSchema = z
  .object({
    version: z.number().int().nonnegative(),
    title: title.optional(),
    cityCode: cityCodeSchema.optional(),
    technologies: technologies.optional(),
    description: optionalText.optional(),
    projectStatus: projectStatusSchema.optional(),
    stage: caseStageSchema.optional(),
    /** Where to put the case in its (new) column; the board sends the midpoint of its neighbours. */
    position: z.number().finite().optional(),
    tags: tags.optional(),
    budgetEuros: budgetEuros.nullable().optional(),
    budgetSource: optionalText.optional(),
    actors: z.array(caseActorInputSchema).max(MAX_CASE_ACTORS).optional(),
  })
  .strict();
/** `PATCH /api/cases/:caseId`. */
export type UpdateCase = z.input<typeof updateCaseSchema>;

/** `POST /api/cases/:caseId/tasks`. */
export const createTaskSchema = z
  .object({
    title,
    assigneeId: z.uuid().nullable().optional(),
    dueDate: isoDateSchema.nullable().optional(),
  })
  .strict();
/** `POST /api/cases/:caseId/tasks`. */
export type CreateTask = z.input<typeof createTaskSchema>;

/** `PATCH /api/cases/:caseId/tasks/:taskId`. */
export const updateTaskSchema = z
  .object({
    title: title.optional(),
    assigneeId: z.uuid().nullable().optional(),
    dueDate: isoDateSchema.nullable().optional(),
    done: z.boolean().optional(),
  })
  .strict();
/** `PATCH /api/cases/:caseId/tasks/:taskId`. */
export type UpdateTask = z.input<typeof updateTaskSchema>;

/** `POST /api/cases/:caseId/timeline`. */
export const createTimelineEntrySchema = z
  .object({ date: isoDateSchema, title, documentId: z.uuid().nullable().optional() })
  .strict();
/** `POST /api/cases/:caseId/timeline`. */
export type CreateTimelineEntry = z.input<typeof createTimelineEntrySchema>;

/** `PATCH /api/cases/:caseId/timeline/:entryId`. */
export const updateTimelineEntrySchema = createTimelineEntrySchema.partial().strict();
/** `PATCH /api/cases/:caseId/timeline/:entryId`. */
export type UpdateTimelineEntry = z.input<typeof updateTimelineEntrySchema>;

/** Sort orders of the case list. */
export const CASE_SORTS = ['updated', 'created', 'title', 'city', 'stage', 'status'] as const;

/** `GET /api/cases` query: every filter optional, several values comma-separated. */
export const caseQuerySchema = z
  .object({
    groupId: z.uuid().optional(),
    stage: z.string().optional(),
    technology: z.string().optional(),
    projectStatus: z.string().optional(),
    cityCode: z.string().optional(),
    assigneeId: z.uuid().optional(),
    q: z.string().trim().max(200).optional(),
    sort: z.enum(CASE_SORTS).default('updated'),
    order: z.enum(['asc', 'desc']).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: z.string().max(200).optional(),
  })
  .strict();
/** `GET /api/cases` query. */
export type CaseQuery = z.input<typeof caseQuerySchema>;

/** `GET /api/cities?q=`: communes matching a name, for the city picker. */
export const cityQuerySchema = z
  .object({
    q: z.string().trim().min(1).max(100),
    limit: z.coerce.number().int().min(1).max(50).default(10),
  })
  .strict();

/** What `POST /api/groups/:groupId/cases/import` answers: good rows kept, bad rows explained. */
export const importReportSchema = z.object({
  created: z.array(z.object({ row: z.number().int(), id: z.uuid(), title: z.string() })),
  rejected: z.array(
    z.object({
      row: z.number().int(),
      errors: z.array(z.object({ path: z.string(), message: z.string() })),
    }),
  ),
});
/** The report of a CSV import. */
export type ImportReport = z.infer<typeof importReportSchema>;

/** Columns of the CSV export, in order; the import reads the same names. */
export const CASE_CSV_COLUMNS = [
  'title',
  'cityCode',
  'city',
  'department',
  'stage',
  'projectStatus',
  'technologies',
  'tags',
  'budgetEuros',
  'budgetSource',
  'actors',
  'description',
  'createdAt',
  'updatedAt',
  'url',
] as const;

/** An entry of a case's event log, the source of live updates and of the activity feed. */
export const caseEventSchema = z.object({
  seq: z.number().int(),
  type: z.string(),
  payload: z.record(z.string(), z.unknown()),
  actor: person.nullable(),
  createdAt: z.iso.datetime({ offset: true }),
});
/** An entry of a case's event log. */
export type CaseEvent = z.infer<typeof caseEventSchema>;

/** `GET /api/cases/:caseId/events`: `after` for catch-up (ascending), `before` for the feed. */
export const caseEventQuerySchema = z
  .object({
    after: z.coerce.number().int().nonnegative().optional(),
    before: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

/** The case stages a board move may not reach or leave by hand, and why. */
export type StageMoveProblem =
  'published-needs-publication' | 'published-needs-retraction' | 'review-from-drafting';

/**
 * Whether a case may move by hand (board drag or `PATCH`) from one stage to another.
 * `published` is reached by publishing and left by retracting; a review is asked from `drafting`.
 */
export function stageMoveProblem(from: CaseStage, to: CaseStage): StageMoveProblem | null {
  if (from === to) return null;
  if (to === 'published') return 'published-needs-publication';
  if (from === 'published') return 'published-needs-retraction';
  if (to === 'review' && from !== 'drafting') return 'review-from-drafting';
  return null;
}

/** Board columns in order. */
export const BOARD_STAGES: readonly CaseStage[] = CASE_STAGE_IDS;
