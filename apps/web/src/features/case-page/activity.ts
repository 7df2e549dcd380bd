import {
  CASE_STAGES,
  PROJECT_STATUSES,
  TECHNOLOGIES,
  type CaseEvent,
  type Label,
  type Language,
} from '@technopolice/shared';
import {
  ArrowRightLeft,
  BadgeCheck,
  BadgeX,
  CalendarClock,
  CalendarMinus,
  CalendarPlus,
  CircleCheck,
  CircleDot,
  FileMinus,
  FilePen,
  FilePlus,
  FileText,
  FileX,
  FolderPlus,
  Globe,
  GlobeLock,
  ListPlus,
  ListX,
  MessageSquareCheck,
  MessageSquarePlus,
  MessageSquareText,
  MessagesSquare,
  NotebookPen,
  PencilLine,
  RefreshCcw,
  RotateCcw,
  Send,
  Undo2,
  type LucideIcon,
} from 'lucide-react';
import { formatDay, formatEuros, formatList } from './format';

/**
 * The activity feed in words: each event of the case's log, from its type and payload, becomes
 * a sentence key of `casePage.activity` and its values. Only the payload keys documented for the
 * type are read; an unknown type still reads as "changed the case".
 */

/** The fields of a case a `case.updated` event may name, in the order sentences list them. */
export const CASE_FIELDS = [
  'title',
  'cityCode',
  'technologies',
  'projectStatus',
  'description',
  'tags',
  'budgetEuros',
  'budgetSource',
  'actors',
] as const;
export type CaseField = (typeof CASE_FIELDS)[number];

/**
 * A sentence of the feed: who (its subject, shown first in both languages; empty for what the
 * server did by itself), its key under `casePage.activity` and its values.
 */
export interface Phrase {
  name: string;
  key: string;
  values: Record<string, string>;
  icon: LucideIcon;
  /** Where `key` lives when not under `casePage.activity`: the summary's and review's sentences. */
  scope?: 'review.activity';
}

/** The full translation key of a phrase. */
export function phraseKey(phrase: Pick<Phrase, 'key' | 'scope'>): string {
  return `${phrase.scope ?? 'casePage.activity'}.${phrase.key}`;
}

type Sentence = Omit<Phrase, 'name'>;

export interface PhraseContext {
  language: Language;
  /** "Someone", for events of a former member or of the system. */
  someone: string;
  /** "nobody" / "not set", for emptied values. */
  nothing: string;
  /** Display names of the group's members by id, for assignees named by id. */
  names: ReadonlyMap<string, string>;
  /** A field of the case as a sentence names it: "le titre", "la ville". */
  fieldNoun: (field: CaseField) => string;
  /** A field of a document as a sentence names it: "le type", "la date". */
  documentFieldNoun?: (field: DocumentField) => string;
}

type Change = { from?: unknown; to?: unknown; fromName?: unknown; toName?: unknown };

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

function labelOf(table: Record<string, Label>, value: unknown, language: Language): string {
  const id = text(value);
  return Object.hasOwn(table, id) ? (table[id] as Label)[language] : id;
}

/** A field's value in words: labels for identifiers, euros for budgets, lists joined. */
function valueOf(field: string, value: unknown, context: PhraseContext, name?: unknown): string {
  const { language, nothing } = context;
  if (value === null || value === undefined || value === '') return nothing;
  switch (field) {
    case 'projectStatus':
      return labelOf(PROJECT_STATUSES, value, language);
    case 'stage':
      return labelOf(CASE_STAGES, value, language);
    case 'cityCode':
      return text(name) || text(value);
    case 'budgetEuros':
      return typeof value === 'number' ? formatEuros(value, language) : text(value);
    case 'technologies':
    case 'tags':
    case 'actors': {
      if (!Array.isArray(value)) return text(value);
      const items = value
        .map((item: unknown) =>
          field === 'technologies'
            ? labelOf(TECHNOLOGIES, item, language)
            : field === 'actors'
              ? text(record(item).name) || text(item)
              : text(item),
        )
        .filter(Boolean);
      return items.length > 0 ? formatList(items, language) : nothing;
    }
    case 'dueDate':
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(text(value))
        ? formatDay(text(value), language)
        : text(value);
    case 'assigneeId':
    case 'assignee': {
      const person = record(value);
      return (
        text(person.displayName) ||
        context.names.get(text(value)) ||
        context.names.get(text(person.id)) ||
        context.someone
      );
    }
    default:
      return text(value);
  }
}

function caseUpdated(
  payload: Record<string, unknown>,
  context: PhraseContext,
  name: string,
): Sentence {
  const changes = record(payload.changes);
  const fields = CASE_FIELDS.filter((field) => field in changes);
  if (fields.length === 1) {
    const field = fields[0] as CaseField;
    const change = record(changes[field]) as Change;
    return {
      key: `updated.${field}`,
      values: {
        name,
        from: valueOf(field, change.from, context, change.fromName),
        to: valueOf(field, change.to, context, change.toName),
      },
      icon: PencilLine,
    };
  }
  if (fields.length === 0) return { key: 'updated.other', values: { name }, icon: PencilLine };
  return {
    key: 'updated.many',
    values: { name, fields: formatList(fields.map(context.fieldNoun), context.language) },
    icon: PencilLine,
  };
}

function taskUpdated(
  payload: Record<string, unknown>,
  context: PhraseContext,
  name: string,
): Sentence {
  const changes = record(payload.changes);
  const title = text(payload.title);
  const fields = Object.keys(changes).filter((field) => field !== 'done');
  const only = fields.length === 1 ? fields[0] : undefined;
  const change = only ? (record(changes[only]) as Change) : {};
  if (only === 'title')
    return {
      key: 'task.renamed',
      values: { name, from: text(change.from), to: text(change.to) || title },
      icon: PencilLine,
    };
  if (only === 'assigneeId' || only === 'assignee') {
    const emptied = change.to === null || change.to === undefined;
    return {
      key: emptied ? 'task.unassigned' : 'task.assigned',
      values: { name, title, assignee: valueOf('assignee', change.to, context) },
      icon: PencilLine,
    };
  }
  if (only === 'dueDate') {
    const emptied = change.to === null || change.to === undefined;
    return {
      key: emptied ? 'task.dueRemoved' : 'task.due',
      values: { name, title, date: valueOf('dueDate', change.to, context) },
      icon: CalendarClock,
    };
  }
  return { key: 'task.updated', values: { name, title }, icon: PencilLine };
}

/** The fields of a document a `document.updated` event may name, in sentence order. */
export const DOCUMENT_FIELDS = [
  'title',
  'kind',
  'date',
  'source',
  'obtainedBy',
  'description',
] as const;
type DocumentField = (typeof DOCUMENT_FIELDS)[number];

function documentUpdated(
  payload: Record<string, unknown>,
  context: PhraseContext,
  name: string,
): Sentence {
  const title = text(payload.title);
  // The API names the changed fields (`['title', 'kind']`); older entries may give from/to.
  const changes = payload.changes;
  const renamed = record(record(changes).title) as Change;
  if (typeof renamed.from === 'string' && typeof renamed.to === 'string')
    return {
      key: 'document.renamed',
      values: { name, from: renamed.from, to: renamed.to },
      icon: FilePen,
    };
  const named = Array.isArray(changes) ? changes.map(text) : Object.keys(record(changes));
  const fields = DOCUMENT_FIELDS.filter((field) => named.includes(field));
  if (fields.length === 1 && fields[0] === 'title')
    return { key: 'document.retitled', values: { name, title }, icon: FilePen };
  if (fields.length > 0 && context.documentFieldNoun)
    return {
      key: 'document.updatedFields',
      values: {
        name,
        title,
        fields: formatList(fields.map(context.documentFieldNoun), context.language),
      },
      icon: FilePen,
    };
  return { key: 'document.updated', values: { name, title }, icon: FilePen };
}

/** Text extraction is the server's work: its sentence names no one, unless someone relaunched it. */
function documentText(payload: Record<string, unknown>, name: string): Sentence {
  const title = text(payload.title);
  switch (text(payload.textStatus)) {
    case 'done':
      return { key: 'document.textDone', values: { title }, icon: FileText };
    case 'failed':
      return { key: 'document.textFailed', values: { title }, icon: FileX };
    default:
      return name
        ? { key: 'document.textRetried', values: { name, title }, icon: FileText }
        : { key: 'document.textPending', values: { title }, icon: FileText };
  }
}

/** Whether an event's sentence has no subject: what the server did by itself. */
function impersonal(event: CaseEvent): boolean {
  return (
    (event.type === 'document.text' &&
      (event.actor === null || text(event.payload.textStatus) !== 'pending')) ||
    event.type === 'review.approvals-reset'
  );
}

/** A quoted text cut to a line of the feed. */
function excerpt(value: unknown, max = 90): string {
  const flat = text(value).replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

/** The sentences of the summary, its review and its publication (`review.activity`). */
function publishingSentence(event: CaseEvent, name: string): Sentence | null {
  const payload = event.payload;
  const scope = 'review.activity' as const;
  switch (event.type) {
    case 'summary.saved':
      return {
        key: text(payload.language) === 'en' ? 'savedEn' : 'savedFr',
        values: { name },
        icon: NotebookPen,
        scope,
      };
    case 'review.requested':
      return text(payload.note).trim()
        ? {
            key: 'requestedWithNote',
            values: { name, note: excerpt(payload.note) },
            icon: Send,
            scope,
          }
        : { key: 'requested', values: { name }, icon: Send, scope };
    case 'review.withdrawn':
      return { key: 'withdrawn', values: { name }, icon: Undo2, scope };
    case 'review.approved':
      return { key: 'approved', values: { name }, icon: BadgeCheck, scope };
    case 'review.approval-withdrawn':
      return { key: 'approvalWithdrawn', values: { name }, icon: BadgeX, scope };
    case 'review.approvals-reset':
      return { key: 'approvalsReset', values: {}, icon: RefreshCcw, scope };
    case 'review.commented':
      return {
        key: 'commented',
        values: { name, excerpt: excerpt(record(payload.comment).body) },
        icon: MessageSquarePlus,
        scope,
      };
    case 'review.comment-resolved':
      return {
        key: payload.resolved === false ? 'commentReopened' : 'commentResolved',
        values: { name },
        icon: MessageSquareCheck,
        scope,
      };
    case 'case.published': {
      const revision = typeof payload.revision === 'number' ? payload.revision : 1;
      return revision > 1
        ? { key: 'revised', values: { name, revision: String(revision) }, icon: Globe, scope }
        : { key: 'published', values: { name }, icon: Globe, scope };
    }
    case 'case.retracted':
      return {
        key: 'retracted',
        values: { name, reason: excerpt(payload.reason, 140) },
        icon: GlobeLock,
        scope,
      };
    default:
      return null;
  }
}

/**
 * Whether the feed tells an event. Edits, reactions and moderation of posts and threads are
 * part of the log (live clients catch up with them) but would drown the case's story.
 */
export function inFeed(event: CaseEvent): boolean {
  return event.type !== 'post.updated' && event.type !== 'thread.updated';
}

/**
 * The events the feed shows, latest first: those {@link inFeed}, and of a run of saves of the
 * summary by one person in one language only the latest (co-editing saves every few seconds).
 */
export function feedEvents(items: readonly CaseEvent[]): CaseEvent[] {
  const shown: CaseEvent[] = [];
  for (const event of items) {
    if (!inFeed(event)) continue;
    const newer = shown.at(-1);
    if (
      event.type === 'summary.saved' &&
      newer?.type === 'summary.saved' &&
      newer.actor?.id === event.actor?.id &&
      text(newer.payload.language) === text(event.payload.language)
    )
      continue;
    shown.push(event);
  }
  return shown;
}

/** The sentence of one event. */
export function phraseOf(event: CaseEvent, context: PhraseContext): Phrase {
  const name = impersonal(event) ? '' : (event.actor?.displayName ?? context.someone);
  return { name, ...sentenceOf(event, context, name) };
}

function sentenceOf(event: CaseEvent, context: PhraseContext, name: string): Sentence {
  const publishing = publishingSentence(event, name);
  if (publishing) return publishing;
  const payload = event.payload;
  const title = text(payload.title);
  switch (event.type) {
    case 'case.created':
      return { key: 'created', values: { name, title }, icon: FolderPlus };
    case 'case.moved':
      return {
        key: 'moved',
        values: {
          name,
          from: valueOf('stage', payload.from, context),
          to: valueOf('stage', payload.to, context),
        },
        icon: ArrowRightLeft,
      };
    case 'case.updated':
      return caseUpdated(payload, context, name);
    case 'task.created':
      return { key: 'task.created', values: { name, title }, icon: ListPlus };
    case 'task.completed':
      return { key: 'task.completed', values: { name, title }, icon: CircleCheck };
    case 'task.reopened':
      return { key: 'task.reopened', values: { name, title }, icon: RotateCcw };
    case 'task.deleted':
      return { key: 'task.deleted', values: { name, title }, icon: ListX };
    case 'task.updated':
      return taskUpdated(payload, context, name);
    case 'timeline.created':
    case 'timeline.updated':
      return {
        key: event.type === 'timeline.created' ? 'timeline.created' : 'timeline.updated',
        values: { name, title, date: valueOf('date', payload.date, context) },
        icon: CalendarPlus,
      };
    case 'timeline.deleted':
      return { key: 'timeline.deleted', values: { name, title }, icon: CalendarMinus };
    case 'document.added':
      return { key: 'document.added', values: { name, title }, icon: FilePlus };
    case 'document.updated':
      return documentUpdated(payload, context, name);
    case 'document.text':
      return documentText(payload, name);
    case 'document.deleted':
      return { key: 'document.deleted', values: { name, title }, icon: FileMinus };
    case 'thread.created':
      return {
        key: 'thread.created',
        values: { name, title: text(record(payload.thread).title) },
        icon: MessagesSquare,
      };
    case 'post.created':
      return {
        key: 'post.created',
        values: { name, title: text(payload.threadTitle) },
        icon: MessageSquareText,
      };
    default:
      return { key: 'unknown', values: { name }, icon: CircleDot };
  }
}
