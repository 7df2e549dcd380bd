import { MAX_TITLE_LENGTH, type Thread } from '@technopolice/shared';
import {
  ArrowLeft,
  ArrowRightLeft,
  Eye,
  EyeOff,
  Lock,
  LockOpen,
  Pencil,
  Pin,
  PinOff,
} from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorState } from '../../components/ErrorState';
import { useLanguage } from '../../i18n';
import { useCases } from '../../lib/cases';
import { useThreadSubscription, useUpdateThread } from '../../lib/discussions';
import { formatDateTime } from '../../lib/format';
import { useCategories } from '../../lib/discussions';
import { Dialog } from '../cases/components/Dialog';
import { ActionMenu, type MenuAction } from './ActionMenu';
import { threadHref } from './links';
import { SubscriptionSelect } from './SubscriptionSelect';

/** A coordinator hides a thread (or shows it again), saying why. */
function HideThreadDialog({ thread, onClose }: { thread: Thread; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const update = useUpdateThread(thread.id);
  const [reason, setReason] = useState('');
  const hide = !thread.hidden;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    update.mutate(
      { hidden: hide, ...(reason.trim() ? { reason: reason.trim() } : {}) },
      { onSuccess: onClose },
    );
  }

  return (
    <Dialog
      title={hide ? t('discussions.thread.hideTitle') : t('discussions.thread.unhideTitle')}
      description={hide ? t('discussions.thread.hideBody') : t('discussions.thread.unhideBody')}
      onClose={onClose}
    >
      <form className="form dialog__form" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor={id} className="field__label">
            {t('discussions.moderation.reason')}
            <span className="field__optional"> {t('discussions.optional')}</span>
          </label>
          <textarea
            id={id}
            className="input textarea"
            rows={3}
            maxLength={500}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        </div>
        {update.error ? (
          <ErrorState error={update.error} title={t('discussions.moderation.failed')} />
        ) : null}
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            className={hide ? 'button button--danger' : 'button button--primary'}
            disabled={update.isPending}
          >
            {hide ? t('discussions.thread.hide') : t('discussions.thread.unhide')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** A coordinator moves a thread to another case of the group, or to the forum (a category). */
function MoveThreadDialog({ thread, onClose }: { thread: Thread; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = useId();
  const categoryId = useId();
  const update = useUpdateThread(thread.id);
  const cases = useCases({ groupId: thread.groupId });
  const categories = useCategories(thread.groupId);
  const [target, setTarget] = useState(thread.caseId ? '' : 'forum');
  const [category, setCategory] = useState(thread.categoryId ?? '');
  const [reason, setReason] = useState('');
  const toForum = target === 'forum';
  const unchanged =
    target === '' ||
    (toForum
      ? thread.caseId === null && (thread.categoryId ?? '') === category
      : target === thread.caseId);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (unchanged) return;
    update.mutate(
      {
        caseId: toForum ? null : target,
        ...(toForum ? { categoryId: category || null } : {}),
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      },
      {
        onSuccess: (moved) => {
          onClose();
          void navigate(threadHref(moved));
        },
      },
    );
  }

  return (
    <Dialog
      title={t('discussions.thread.moveTitle')}
      description={t('discussions.thread.moveBody')}
      onClose={onClose}
    >
      <form className="form dialog__form" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor={id} className="field__label">
            {t('discussions.thread.moveTarget')}
          </label>
          <select
            id={id}
            className="input select"
            value={target}
            onChange={(event) => setTarget(event.target.value)}
          >
            <option value="">{t('discussions.thread.chooseTarget')}</option>
            <option value="forum">{t('discussions.thread.toForum')}</option>
            <optgroup label={t('discussions.thread.toCase')}>
              {(cases.data?.items ?? [])
                .filter((item) => item.id !== thread.caseId)
                .map((item) => (
                  <option key={item.id} value={item.id}>
                    {item.title}
                  </option>
                ))}
            </optgroup>
          </select>
        </div>
        {toForum ? (
          <div className="field">
            <label htmlFor={categoryId} className="field__label">
              {t('forum.categories.label')}
            </label>
            <select
              id={categoryId}
              className="input select"
              value={category}
              onChange={(event) => setCategory(event.target.value)}
            >
              <option value="">{t('forum.categories.none')}</option>
              {(categories.data ?? []).map((item) => (
                <option key={item.id} value={item.id}>
                  {item.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor={`${id}-reason`} className="field__label">
            {t('discussions.moderation.reason')}
            <span className="field__optional"> {t('discussions.optional')}</span>
          </label>
          <textarea
            id={`${id}-reason`}
            className="input textarea"
            rows={2}
            maxLength={500}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        </div>
        {update.error ? (
          <ErrorState error={update.error} title={t('discussions.moderation.failed')} />
        ) : null}
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            className="button button--primary"
            disabled={update.isPending || unchanged}
          >
            {t('discussions.thread.moveSubmit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The title, renamed in place by its author or a coordinator. */
function TitleForm({ thread, onDone }: { thread: Thread; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const update = useUpdateThread(thread.id);
  const [title, setTitle] = useState(thread.title);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (title.trim() === thread.title) {
      onDone();
      return;
    }
    update.mutate({ title }, { onSuccess: onDone });
  }

  return (
    <form className="thread-header__rename" onSubmit={onSubmit}>
      <label htmlFor={id} className="visually-hidden">
        {t('discussions.thread.titleLabel')}
      </label>
      <input
        id={id}
        className="input"
        value={title}
        maxLength={MAX_TITLE_LENGTH}
        autoFocus
        onChange={(event) => setTitle(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onDone();
        }}
      />
      <button type="button" className="button button--secondary button--small" onClick={onDone}>
        {t('common.cancel')}
      </button>
      <button
        type="submit"
        className="button button--primary button--small"
        disabled={update.isPending || !title.trim()}
      >
        {t('common.save')}
      </button>
      {update.error ? (
        <ErrorState error={update.error} title={t('discussions.thread.renameFailed')} />
      ) : null}
    </form>
  );
}

type Dialog = 'hide' | 'move' | null;

/** A thread's head: back to the list, title and state, my following level, moderation. */
export function ThreadHeader({
  thread,
  backHref,
  backLabel,
  meId,
  moderator,
  headingLevel = 2,
}: {
  thread: Thread;
  backHref: string;
  backLabel: string;
  meId: string | undefined;
  moderator: boolean;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const update = useUpdateThread(thread.id);
  const subscription = useThreadSubscription(thread.id);
  const [renaming, setRenaming] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const mine = thread.author?.id === meId;

  const actions: MenuAction[] = [];
  if (mine || moderator)
    actions.push({
      id: 'rename',
      label: t('discussions.thread.rename'),
      icon: Pencil,
      onSelect: () => setRenaming(true),
    });
  if (moderator)
    actions.push(
      thread.pinned
        ? {
            id: 'unpin',
            label: t('discussions.thread.unpin'),
            icon: PinOff,
            onSelect: () => update.mutate({ pinned: false }),
          }
        : {
            id: 'pin',
            label: t('discussions.thread.pin'),
            icon: Pin,
            onSelect: () => update.mutate({ pinned: true }),
          },
      thread.locked
        ? {
            id: 'unlock',
            label: t('discussions.thread.unlock'),
            icon: LockOpen,
            onSelect: () => update.mutate({ locked: false }),
          }
        : {
            id: 'lock',
            label: t('discussions.thread.lock'),
            icon: Lock,
            onSelect: () => update.mutate({ locked: true }),
          },
      thread.hidden
        ? {
            id: 'unhide',
            label: t('discussions.thread.unhide'),
            icon: Eye,
            onSelect: () => setDialog('hide'),
          }
        : {
            id: 'hide',
            label: t('discussions.thread.hide'),
            icon: EyeOff,
            onSelect: () => setDialog('hide'),
          },
      {
        id: 'move',
        label: t('discussions.thread.move'),
        icon: ArrowRightLeft,
        onSelect: () => setDialog('move'),
      },
    );

  return (
    <header className="thread-header">
      <Link to={backHref} className="thread-header__back">
        <ArrowLeft size={16} aria-hidden="true" />
        {backLabel}
      </Link>
      <div className="thread-header__top">
        {renaming ? (
          <TitleForm thread={thread} onDone={() => setRenaming(false)} />
        ) : (
          <Heading className="thread-header__title" tabIndex={-1}>
            {thread.title}
          </Heading>
        )}
        <div className="thread-header__actions">
          <SubscriptionSelect
            scope="thread"
            level={thread.subscription}
            pending={subscription.isPending}
            failed={subscription.isError}
            onChange={(level) => subscription.mutate(level)}
          />
          <ActionMenu label={t('discussions.thread.actions')} actions={actions} />
        </div>
      </div>
      <p className="thread-header__meta">
        {thread.pinned ? (
          <span className="thread-badge">
            <Pin size={13} aria-hidden="true" />
            {t('discussions.thread.pinned')}
          </span>
        ) : null}
        {thread.locked ? (
          <span className="thread-badge" data-tone="warning">
            <Lock size={13} aria-hidden="true" />
            {t('discussions.thread.locked')}
          </span>
        ) : null}
        {thread.hidden ? (
          <span className="thread-badge" data-tone="danger">
            <EyeOff size={13} aria-hidden="true" />
            {t('discussions.thread.hidden')}
          </span>
        ) : null}
        <span>
          {t('discussions.thread.openedBy', {
            name: thread.author?.displayName ?? t('discussions.post.formerMember'),
            date: formatDateTime(thread.createdAt, language),
          })}
        </span>
        <span aria-hidden="true">·</span>
        <span>{t('discussions.thread.posts', { count: thread.postCount })}</span>
      </p>
      {update.error ? (
        <ErrorState error={update.error} title={t('discussions.moderation.failed')} />
      ) : null}
      {dialog === 'hide' ? (
        <HideThreadDialog thread={thread} onClose={() => setDialog(null)} />
      ) : null}
      {dialog === 'move' ? (
        <MoveThreadDialog thread={thread} onClose={() => setDialog(null)} />
      ) : null}
    </header>
  );
}
