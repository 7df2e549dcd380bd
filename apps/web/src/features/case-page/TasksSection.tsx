import {
  MAX_TITLE_LENGTH,
  createTaskSchema,
  updateTaskSchema,
  type Case,
  type Member,
  type Task,
} from '@technopolice/shared';
import { CalendarClock, ListChecks, Pencil, Plus, Trash2 } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Avatar } from '../../components/Avatar';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useLanguage } from '../../i18n';
import type { FieldErrors } from '../../lib/forms';
import { useCreateTask, useDeleteTask, useUpdateTask } from './api';
import { FormError } from './CaseHeader';
import { formatDay, formatShortDay, isoDay, useNow } from './format';
import { useItemForm } from './itemForm';
import { InlineActions } from './InlineActions';

const TASK_FIELDS = ['title', 'assigneeId', 'dueDate'] as const;

/** Open tasks first, the most urgent on top; done ones after, in their order. */
export function sortTasks(tasks: readonly Task[]): Task[] {
  const order = new Map(tasks.map((task, index) => [task.id, index]));
  return [...tasks].sort((a, b) => {
    if (a.done !== b.done) return a.done ? 1 : -1;
    if (!a.done) {
      if (a.dueDate && b.dueDate && a.dueDate !== b.dueDate) return a.dueDate < b.dueDate ? -1 : 1;
      if (a.dueDate && !b.dueDate) return -1;
      if (!a.dueDate && b.dueDate) return 1;
    }
    return (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0);
  });
}

interface TaskDraft {
  title: string;
  assigneeId: string;
  dueDate: string;
}

const EMPTY_DRAFT: TaskDraft = { title: '', assigneeId: '', dueDate: '' };

function toBody(draft: TaskDraft) {
  return {
    title: draft.title,
    assigneeId: draft.assigneeId || null,
    dueDate: draft.dueDate || null,
  };
}

/** Title, assignee and due date of a task: the add form and the edit form alike. */
function TaskFields({
  idPrefix,
  draft,
  onChange,
  errors,
  members,
  meId,
  autoFocus = false,
}: {
  idPrefix: string;
  draft: TaskDraft;
  onChange: (draft: TaskDraft) => void;
  errors: FieldErrors;
  members: readonly Member[];
  meId: string | undefined;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const control = (field: (typeof TASK_FIELDS)[number]) => ({
    id: `${idPrefix}-${field}`,
    'aria-invalid': errors[field] ? (true as const) : undefined,
    'aria-describedby': errors[field] ? `${idPrefix}-${field}-error` : undefined,
  });
  const error = (field: (typeof TASK_FIELDS)[number]) =>
    errors[field] ? (
      <p id={`${idPrefix}-${field}-error`} className="field__error">
        {errors[field]}
      </p>
    ) : null;
  return (
    <div className="task-fields">
      <div className="task-fields__title">
        <label htmlFor={`${idPrefix}-title`} className="task-fields__label">
          {t('casePage.tasks.titleLabel')}
        </label>
        <input
          {...control('title')}
          className="input"
          maxLength={MAX_TITLE_LENGTH}
          placeholder={t('casePage.tasks.titlePlaceholder')}
          autoFocus={autoFocus}
          value={draft.title}
          onChange={(event) => onChange({ ...draft, title: event.target.value })}
        />
        {error('title')}
      </div>
      <div>
        <label htmlFor={`${idPrefix}-assigneeId`} className="task-fields__label">
          {t('casePage.tasks.assignee')}
        </label>
        <select
          {...control('assigneeId')}
          className="input select"
          value={draft.assigneeId}
          onChange={(event) => onChange({ ...draft, assigneeId: event.target.value })}
        >
          <option value="">{t('casePage.tasks.nobody')}</option>
          {members.map((member) => (
            <option key={member.userId} value={member.userId}>
              {member.userId === meId
                ? t('casePage.tasks.meOption', { name: member.displayName })
                : member.displayName}
            </option>
          ))}
        </select>
        {error('assigneeId')}
      </div>
      <div>
        <label htmlFor={`${idPrefix}-dueDate`} className="task-fields__label">
          {t('casePage.tasks.dueDate')}
        </label>
        <input
          {...control('dueDate')}
          type="date"
          className="input"
          value={draft.dueDate}
          onChange={(event) => onChange({ ...draft, dueDate: event.target.value })}
        />
        {error('dueDate')}
      </div>
    </div>
  );
}

function TaskRow({
  caseId,
  task,
  today,
  members,
  meId,
  onDelete,
}: {
  caseId: string;
  task: Task;
  today: string;
  members: readonly Member[];
  meId: string | undefined;
  onDelete: (task: Task) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const id = useId();
  const update = useUpdateTask(caseId);
  const form = useItemForm(TASK_FIELDS);
  const [draft, setDraft] = useState<TaskDraft | null>(null);
  const overdue = !task.done && task.dueDate !== null && task.dueDate < today;
  const dueToday = !task.done && task.dueDate === today;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!draft) return;
    const body = form.check(updateTaskSchema, toBody(draft));
    if (!body) return;
    update.mutate(
      { taskId: task.id, patch: body },
      { onSuccess: () => setDraft(null), onError: form.fail },
    );
  }

  if (draft) {
    return (
      <li className="task-row task-row--editing">
        <form className="task-form" noValidate onSubmit={onSubmit}>
          <TaskFields
            idPrefix={`${id}-edit`}
            draft={draft}
            onChange={setDraft}
            errors={form.errors}
            members={members}
            meId={meId}
            autoFocus
          />
          {form.formError ? <FormError error={form.formError} /> : null}
          <InlineActions
            className="task-form__actions"
            pending={update.isPending}
            onCancel={() => {
              form.clear();
              setDraft(null);
            }}
          />
        </form>
      </li>
    );
  }

  return (
    <li className="task-row" data-done={task.done} data-overdue={overdue || undefined}>
      <input
        id={`${id}-done`}
        type="checkbox"
        className="task-row__check"
        checked={task.done}
        onChange={(event) =>
          update.mutate({ taskId: task.id, patch: { done: event.target.checked } })
        }
      />
      <div className="task-row__main">
        <label htmlFor={`${id}-done`} className="task-row__title">
          {task.title}
        </label>
        <div className="task-row__meta">
          {task.assignee ? (
            <span className="task-row__assignee">
              <Avatar name={task.assignee.displayName} size="sm" />
              <span>
                {task.assignee.id === meId ? t('casePage.tasks.you') : task.assignee.displayName}
              </span>
            </span>
          ) : null}
          {task.dueDate ? (
            <span
              className="task-row__due"
              data-state={overdue ? 'overdue' : dueToday ? 'today' : undefined}
              title={formatDay(task.dueDate, language)}
            >
              <CalendarClock size={14} aria-hidden="true" />
              {overdue
                ? t('casePage.tasks.overdue', {
                    date: formatShortDay(task.dueDate, language, today),
                  })
                : dueToday
                  ? t('casePage.tasks.dueToday')
                  : t('casePage.tasks.due', {
                      date: formatShortDay(task.dueDate, language, today),
                    })}
            </span>
          ) : null}
        </div>
        {update.isError && !draft ? <FormError error={update.error} /> : null}
      </div>
      <div className="task-row__actions">
        <button
          type="button"
          className="icon-button"
          onClick={() => {
            form.clear();
            update.reset();
            setDraft({
              title: task.title,
              assigneeId: task.assignee?.id ?? '',
              dueDate: task.dueDate ?? '',
            });
          }}
          aria-label={t('casePage.tasks.edit', { title: task.title })}
          title={t('casePage.tasks.edit', { title: task.title })}
        >
          <Pencil size={15} aria-hidden="true" />
        </button>
        <button
          type="button"
          className="icon-button icon-button--danger"
          onClick={() => onDelete(task)}
          aria-label={t('casePage.tasks.delete', { title: task.title })}
          title={t('casePage.tasks.delete', { title: task.title })}
        >
          <Trash2 size={15} aria-hidden="true" />
        </button>
      </div>
    </li>
  );
}

function AddTask({
  caseId,
  members,
  meId,
}: {
  caseId: string;
  members: readonly Member[];
  meId: string | undefined;
}) {
  const { t } = useTranslation();
  const create = useCreateTask(caseId);
  const form = useItemForm(TASK_FIELDS);
  const [draft, setDraft] = useState<TaskDraft | null>(null);

  if (!draft) {
    return (
      <button
        type="button"
        className="button button--secondary button--small case-section__add"
        onClick={() => setDraft(EMPTY_DRAFT)}
      >
        <Plus size={15} aria-hidden="true" />
        {t('casePage.tasks.add')}
      </button>
    );
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!draft) return;
    const body = form.check(createTaskSchema, toBody(draft));
    if (!body) return;
    create.mutate(body, {
      // The form stays open for the next lead, empty.
      onSuccess: () => setDraft(EMPTY_DRAFT),
      onError: form.fail,
    });
  }

  return (
    <form className="task-form task-form--new" noValidate onSubmit={onSubmit}>
      <TaskFields
        idPrefix="case-new-task"
        draft={draft}
        onChange={setDraft}
        errors={form.errors}
        members={members}
        meId={meId}
        autoFocus
      />
      {form.formError ? <FormError error={form.formError} /> : null}
      <InlineActions
        className="task-form__actions"
        pending={create.isPending}
        onCancel={() => {
          form.clear();
          setDraft(null);
        }}
        label={t('casePage.tasks.addSubmit')}
        pendingLabel={t('casePage.tasks.adding')}
        cancelLabel={t('casePage.tasks.close')}
        icon={Plus}
      />
    </form>
  );
}

/** "Tâches et pistes": what is left to do on the case, who does it, by when. */
export function TasksSection({
  caseData,
  members,
  meId,
}: {
  caseData: Case;
  members: readonly Member[];
  meId: string | undefined;
}) {
  const { t } = useTranslation();
  const now = useNow();
  const today = isoDay(new Date(now));
  const [mine, setMine] = useState(false);
  const [deleting, setDeleting] = useState<Task | null>(null);
  const remove = useDeleteTask(caseData.id);
  const open = caseData.tasks.filter((task) => !task.done).length;
  const shown = sortTasks(
    mine ? caseData.tasks.filter((task) => task.assignee?.id === meId) : caseData.tasks,
  );

  return (
    <section className="case-section" aria-labelledby="case-tasks-title">
      <div className="case-section__header">
        <h2 id="case-tasks-title" className="case-section__title">
          <ListChecks size={19} aria-hidden="true" />
          {t('casePage.tasks.title')}
          <span className="case-section__count">
            {t('casePage.tasks.openCount', { count: open })}
          </span>
        </h2>
        <div className="segmented" role="group" aria-label={t('casePage.tasks.filter')}>
          <button
            type="button"
            className="segmented__button"
            aria-pressed={!mine}
            onClick={() => setMine(false)}
          >
            {t('casePage.tasks.all')}
          </button>
          <button
            type="button"
            className="segmented__button"
            aria-pressed={mine}
            onClick={() => setMine(true)}
          >
            {t('casePage.tasks.mine')}
          </button>
        </div>
      </div>
      {shown.length > 0 ? (
        <ul className="task-list">
          {shown.map((task) => (
            <TaskRow
              key={task.id}
              caseId={caseData.id}
              task={task}
              today={today}
              members={members}
              meId={meId}
              onDelete={(chosen) => {
                remove.reset();
                setDeleting(chosen);
              }}
            />
          ))}
        </ul>
      ) : (
        <p className="case-section__empty">
          {mine ? t('casePage.tasks.emptyMine') : t('casePage.tasks.empty')}
        </p>
      )}
      <AddTask caseId={caseData.id} members={members} meId={meId} />
      {deleting ? (
        <ConfirmDialog
          title={t('casePage.tasks.deleteTitle', { title: deleting.title })}
          confirmLabel={t('casePage.tasks.deleteConfirm')}
          danger
          busy={remove.isPending}
          error={remove.isError ? <FormError error={remove.error} /> : undefined}
          onCancel={() => setDeleting(null)}
          onConfirm={() =>
            remove.mutate({ taskId: deleting.id }, { onSuccess: () => setDeleting(null) })
          }
        >
          <p>{t('casePage.tasks.deleteBody')}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
