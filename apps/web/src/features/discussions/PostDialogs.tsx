import type { Post, Thread } from '@technopolice/shared';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState';
import { LoadingRegion, Skeleton } from '../../components/Loading';
import { useLanguage } from '../../i18n';
import {
  useCaseThreads,
  useFlagPost,
  useForumThreads,
  useModeratePost,
  useRevisions,
} from '../../lib/discussions';
import { formatDateTime } from '../../lib/format';
import { Dialog } from '../cases/components/Dialog';
import { RichTextView, type EditorSources } from './editor';

/** The buttons at the foot of a dialog's form. */
function DialogActions({
  onCancel,
  submitLabel,
  pending,
  danger = false,
}: {
  onCancel: () => void;
  submitLabel: string;
  pending: boolean;
  danger?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="dialog__actions">
      <button type="button" className="button button--secondary" onClick={onCancel}>
        {t('common.cancel')}
      </button>
      <button
        type="submit"
        className={danger ? 'button button--danger' : 'button button--primary'}
        disabled={pending}
      >
        {submitLabel}
      </button>
    </div>
  );
}

/** A reason, written in a text area: required to flag, optional to moderate. */
function ReasonField({
  value,
  onChange,
  label,
  hint,
  required = false,
}: {
  value: string;
  onChange: (value: string) => void;
  label: string;
  hint?: string;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
        {required ? null : <span className="field__optional"> {t('discussions.optional')}</span>}
      </label>
      <textarea
        id={id}
        className="input textarea"
        rows={3}
        maxLength={500}
        value={value}
        required={required}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** "Signaler": a member asks the coordinators to look at a post, and says why. */
export function FlagDialog({ post, onClose }: { post: Post; onClose: (sent: boolean) => void }) {
  const { t } = useTranslation();
  const flag = useFlagPost();
  const [reason, setReason] = useState('');

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) return;
    flag.mutate({ postId: post.id, reason: reason.trim() }, { onSuccess: () => onClose(true) });
  }

  return (
    <Dialog
      title={t('discussions.flag.title')}
      description={t('discussions.flag.description')}
      onClose={() => onClose(false)}
    >
      <form className="form dialog__form" onSubmit={onSubmit}>
        <ReasonField
          value={reason}
          onChange={setReason}
          label={t('discussions.flag.reason')}
          hint={t('discussions.flag.hint')}
          required
        />
        {flag.error ? <ErrorState error={flag.error} title={t('discussions.flag.failed')} /> : null}
        <DialogActions
          onCancel={() => onClose(false)}
          submitLabel={t('discussions.flag.submit')}
          pending={flag.isPending || !reason.trim()}
        />
      </form>
    </Dialog>
  );
}

/** A coordinator hides a post (with a reason, kept in the journal) or shows it again. */
export function HidePostDialog({
  post,
  action,
  onClose,
}: {
  post: Post;
  action: 'hide' | 'unhide';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const moderate = useModeratePost();
  const [reason, setReason] = useState('');

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    moderate.mutate(
      { post, action: { action, ...(reason.trim() ? { reason: reason.trim() } : {}) } },
      { onSuccess: onClose },
    );
  }

  return (
    <Dialog
      title={
        action === 'hide'
          ? t('discussions.moderation.hideTitle')
          : t('discussions.moderation.unhideTitle')
      }
      description={
        action === 'hide'
          ? t('discussions.moderation.hideBody')
          : t('discussions.moderation.unhideBody')
      }
      onClose={onClose}
    >
      <form className="form dialog__form" onSubmit={onSubmit}>
        <ReasonField
          value={reason}
          onChange={setReason}
          label={t('discussions.moderation.reason')}
        />
        {moderate.error ? (
          <ErrorState error={moderate.error} title={t('discussions.moderation.failed')} />
        ) : null}
        <DialogActions
          onCancel={onClose}
          submitLabel={
            action === 'hide' ? t('discussions.post.hide') : t('discussions.post.unhide')
          }
          pending={moderate.isPending}
          danger={action === 'hide'}
        />
      </form>
    </Dialog>
  );
}

/** A coordinator moves a post to another thread of the group (this case's or the forum's). */
export function MovePostDialog({
  post,
  thread,
  onClose,
}: {
  post: Post;
  thread: Thread;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const moderate = useModeratePost();
  const caseThreads = useCaseThreads(thread.caseId ?? '', thread.caseId !== null);
  const forumThreads = useForumThreads(thread.groupId, null);
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState('');
  const others = (items: readonly Thread[] | undefined) =>
    (items ?? []).filter((item) => item.id !== thread.id);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!target) return;
    moderate.mutate(
      {
        post,
        action: {
          action: 'move',
          threadId: target,
          ...(reason.trim() ? { reason: reason.trim() } : {}),
        },
      },
      { onSuccess: onClose },
    );
  }

  return (
    <Dialog
      title={t('discussions.moderation.moveTitle')}
      description={t('discussions.moderation.moveBody')}
      onClose={onClose}
    >
      <form className="form dialog__form" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor={id} className="field__label">
            {t('discussions.moderation.moveTarget')}
          </label>
          <select
            id={id}
            className="input select"
            value={target}
            required
            onChange={(event) => setTarget(event.target.value)}
          >
            <option value="">{t('discussions.moderation.chooseThread')}</option>
            {thread.caseId !== null && others(caseThreads.data?.items).length > 0 ? (
              <optgroup label={t('discussions.moderation.thisCase')}>
                {others(caseThreads.data?.items).map((item) => (
                  <option key={item.id} value={item.id}>
                    {item.title}
                  </option>
                ))}
              </optgroup>
            ) : null}
            {others(forumThreads.data?.items).length > 0 ? (
              <optgroup label={t('discussions.moderation.forum')}>
                {others(forumThreads.data?.items).map((item) => (
                  <option key={item.id} value={item.id}>
                    {item.title}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
        </div>
        <ReasonField
          value={reason}
          onChange={setReason}
          label={t('discussions.moderation.reason')}
        />
        {moderate.error ? (
          <ErrorState error={moderate.error} title={t('discussions.moderation.failed')} />
        ) : null}
        <DialogActions
          onCancel={onClose}
          submitLabel={t('discussions.moderation.moveSubmit')}
          pending={moderate.isPending || !target}
        />
      </form>
    </Dialog>
  );
}

/** "Modifié": every earlier version of a post, the latest first after the current one. */
export function HistoryDialog({
  post,
  sources,
  onClose,
}: {
  post: Post;
  sources: EditorSources;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const revisions = useRevisions(post.id);

  return (
    <Dialog
      title={t('discussions.history.title')}
      description={t('discussions.history.description')}
      onClose={onClose}
      wide
    >
      <div className="dialog__body history">
        <section className="history__entry" data-current>
          <h3 className="history__title">
            {t('discussions.history.current')}
            {post.editedAt ? (
              <span className="history__date"> · {formatDateTime(post.editedAt, language)}</span>
            ) : null}
          </h3>
          <RichTextView
            html={post.html}
            imageUrl={(id) => sources.imageUrl(id)}
            className="history__body"
          />
        </section>
        {revisions.isPending ? (
          <LoadingRegion label={t('common.loading')}>
            <Skeleton className="skeleton--card" />
          </LoadingRegion>
        ) : revisions.isError ? (
          <ErrorState error={revisions.error} title={t('discussions.history.failed')} />
        ) : (
          [...revisions.data].reverse().map((revision) => (
            <section key={revision.version} className="history__entry">
              <h3 className="history__title">
                {t('discussions.history.version', { version: revision.version })}
                <span className="history__date">
                  {' · '}
                  {formatDateTime(revision.editedAt, language)}
                  {revision.editor ? ` · ${revision.editor.displayName}` : ''}
                </span>
              </h3>
              <RichTextView
                html={revision.html}
                imageUrl={(id) => sources.imageUrl(id)}
                className="history__body"
              />
            </section>
          ))
        )}
      </div>
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t('discussions.close')}
        </button>
      </div>
    </Dialog>
  );
}
