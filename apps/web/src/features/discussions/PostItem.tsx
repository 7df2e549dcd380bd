import {
  REACTION_EMOJI,
  REACTIONS,
  type Post,
  type Reaction,
  type RichTextBody,
  type Thread,
} from '@technopolice/shared';
import {
  ArrowRightLeft,
  Eye,
  EyeOff,
  Flag,
  History,
  Pencil,
  Quote,
  SmilePlus,
  Trash2,
} from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Avatar } from '../../components/Avatar';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorState } from '../../components/ErrorState';
import { Notice } from '../../components/Notice';
import { useLanguage } from '../../i18n';
import {
  isStalePost,
  refetchPost,
  useDeletePost,
  useEditPost,
  useReact,
} from '../../lib/discussions';
import { formatDateTime } from '../../lib/format';
import { useQueryClient } from '@tanstack/react-query';
import { formatList, formatRelative } from '../case-page/format';
import { ActionMenu, type MenuAction } from './ActionMenu';
import { FlagDialog, HistoryDialog, HidePostDialog, MovePostDialog } from './PostDialogs';
import {
  asBody,
  asDoc,
  type EditorHandle,
  type EditorSources,
  isEmptyDoc,
  LazyRichTextEditor,
  RichTextView,
} from './editor';

/** What a post needs to know about where it is shown and who looks at it. */
export interface PostContext {
  thread: Thread;
  meId: string | undefined;
  /** A coordinator (or admin) of the thread's group. */
  moderator: boolean;
  sources: EditorSources;
  now: number;
  /** Reply to this post: its quote goes into the composer. */
  onQuote: (post: Post) => void;
}

/** The author's name, or "a former member". */
function useAuthorName(post: Pick<Post, 'author'>): string {
  const { t } = useTranslation();
  return post.author?.displayName ?? t('discussions.post.formerMember');
}

/** My reactions on a post, and how to toggle one. */
function useReactions(post: Post, meId: string | undefined) {
  const react = useReact();
  const mineOf = (reaction: Reaction) =>
    post.reactions.some(
      (entry) => entry.reaction === reaction && entry.users.some((user) => user.id === meId),
    );
  const toggle = (reaction: Reaction) =>
    react.mutate({ postId: post.id, reaction, add: !mineOf(reaction) });
  return { react, mineOf, toggle };
}

type ReactionState = ReturnType<typeof useReactions>;

/** "Réagir": the six reactions in a small panel, above the button. */
function ReactionPicker({ state }: { state: ReactionState }) {
  const { t } = useTranslation();
  const [picking, setPicking] = useState(false);
  const wrapperRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const pickerId = useId();

  useEffect(() => {
    if (!picking) return undefined;
    wrapperRef.current?.querySelector<HTMLButtonElement>('.reaction-picker__choice')?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!wrapperRef.current?.contains(event.target as Node)) setPicking(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [picking]);

  return (
    <div className="reaction-picker" ref={wrapperRef}>
      <button
        ref={buttonRef}
        type="button"
        className="icon-button reaction-picker__button"
        aria-expanded={picking}
        aria-controls={picking ? pickerId : undefined}
        aria-label={t('discussions.reactions.pick')}
        title={t('discussions.reactions.pick')}
        onClick={() => setPicking((value) => !value)}
      >
        <SmilePlus size={17} aria-hidden="true" />
      </button>
      {picking ? (
        <div
          id={pickerId}
          className="reaction-picker__panel"
          role="group"
          aria-label={t('discussions.reactions.pick')}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              setPicking(false);
              buttonRef.current?.focus();
            }
          }}
        >
          {REACTIONS.map((reaction) => (
            <button
              key={reaction}
              type="button"
              className="reaction-picker__choice"
              aria-pressed={state.mineOf(reaction)}
              aria-label={t(`discussions.reactions.names.${reaction}`)}
              title={t(`discussions.reactions.names.${reaction}`)}
              onClick={() => {
                setPicking(false);
                state.toggle(reaction);
              }}
            >
              {REACTION_EMOJI[reaction]}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}

/** The reactions a post received: each one's count, whether I left it, who did. */
function Reactions({
  post,
  meId,
  disabled,
  state,
}: {
  post: Post;
  meId: string | undefined;
  disabled: boolean;
  state: ReactionState;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const shown = post.reactions.filter((entry) => entry.count > 0);
  if (shown.length === 0 && !state.react.isError) return null;
  return (
    <div className="reactions" role="group" aria-label={t('discussions.reactions.label')}>
      {shown.map((entry) => {
        const mine = state.mineOf(entry.reaction);
        const names = formatList(
          entry.users.map((user) =>
            user.id === meId ? t('discussions.reactions.you') : user.displayName,
          ),
          language,
        );
        const who = t('discussions.reactions.who', {
          emoji: REACTION_EMOJI[entry.reaction],
          names,
        });
        return (
          <button
            key={entry.reaction}
            type="button"
            className="reaction"
            aria-pressed={mine}
            disabled={disabled || state.react.isPending}
            title={who}
            aria-label={`${who}. ${mine ? t('discussions.reactions.remove') : t('discussions.reactions.add')}`}
            onClick={() => state.toggle(entry.reaction)}
          >
            <span aria-hidden="true">{REACTION_EMOJI[entry.reaction]}</span>
            <span className="reaction__count" aria-hidden="true">
              {entry.count}
            </span>
          </button>
        );
      })}
      {state.react.isError ? (
        <span className="reactions__error" role="alert">
          {t('discussions.reactions.failed')}
        </span>
      ) : null}
    </div>
  );
}

/** The author edits their post in place, from the version they see. */
function PostEditor({
  post,
  sources,
  onDone,
}: {
  post: Post;
  sources: EditorSources;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const edit = useEditPost();
  const editor = useRef<EditorHandle>(null);
  const [body, setBody] = useState<RichTextBody | null>(post.body);
  const [base, setBase] = useState(post.version);
  const stale = edit.isError && isStalePost(edit.error);

  const save = (doc: RichTextBody | null = body) => {
    if (!doc || isEmptyDoc(doc)) return;
    edit.mutate({ postId: post.id, body: doc, version: base }, { onSuccess: onDone });
  };

  /** Reads the post again: its latest text replaces the draft (the reader chose to). */
  const reload = async () => {
    const latest = await refetchPost(queryClient, post.id);
    setBase(latest.version);
    if (latest.body) {
      setBody(latest.body);
      editor.current?.setContent(asDoc(latest.body));
    }
    edit.reset();
  };

  return (
    <div className="post__editor">
      <LazyRichTextEditor
        ref={editor}
        initialContent={post.body ? asDoc(post.body) : undefined}
        onChange={(doc) => setBody(asBody(doc))}
        onSubmit={(doc) => save(asBody(doc))}
        placeholder={t('discussions.composer.placeholder')}
        autofocus
        sources={sources}
        ariaLabel={t('discussions.post.editLabel')}
        disabled={edit.isPending}
      />
      {stale ? (
        <Notice tone="warning" role="alert" title={t('discussions.post.staleTitle')}>
          <p>{t('discussions.post.staleBody')}</p>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => void reload()}
          >
            {t('discussions.post.staleReload')}
          </button>
        </Notice>
      ) : edit.isError ? (
        <ErrorState error={edit.error} title={t('discussions.post.editFailed')} />
      ) : null}
      <div className="post__editor-actions">
        <span className="composer__hint">{t('discussions.composer.shortcut')}</span>
        <button type="button" className="button button--secondary button--small" onClick={onDone}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="button button--primary button--small"
          disabled={edit.isPending || !body || isEmptyDoc(body)}
          onClick={() => save()}
        >
          {edit.isPending ? t('common.saving') : t('common.save')}
        </button>
      </div>
    </div>
  );
}

/** The body of a post as its reader may see it: deleted, hidden, or its text. */
function PostBody({
  post,
  moderator,
  sources,
}: {
  post: Post;
  moderator: boolean;
  sources: EditorSources;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const follow = (href: string) => void navigate(href);
  if (post.deleted) return <p className="post__tombstone">{t('discussions.post.deleted')}</p>;
  if (post.hidden) {
    if (!moderator || post.body === null)
      return <p className="post__tombstone">{t('discussions.post.hidden')}</p>;
    return (
      <>
        <p className="post__moderation">
          <EyeOff size={15} aria-hidden="true" />
          <span>
            {post.hiddenReason
              ? t('discussions.post.hiddenWithReason', { reason: post.hiddenReason })
              : t('discussions.post.hiddenNoReason')}
          </span>
        </p>
        <RichTextView
          html={post.html}
          imageUrl={(id) => sources.imageUrl(id)}
          onNavigate={follow}
          className="post__body post__body--hidden"
        />
      </>
    );
  }
  return (
    <RichTextView
      html={post.html}
      imageUrl={(id) => sources.imageUrl(id)}
      onNavigate={follow}
      className="post__body"
    />
  );
}

type Dialog = 'delete' | 'flag' | 'hide' | 'unhide' | 'move' | 'history' | null;

/** One post of a thread: who, when, what, reactions, and what one may do with it. */
export function PostItem({
  post,
  context,
  highlighted = false,
}: {
  post: Post;
  context: PostContext;
  highlighted?: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const author = useAuthorName(post);
  const [editing, setEditing] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [flagged, setFlagged] = useState(false);
  const remove = useDeletePost();
  const { thread, meId, moderator } = context;
  const reactions = useReactions(post, meId);
  const mine = post.author !== null && post.author.id === meId;
  const gone = post.deleted;
  const canWrite = !thread.locked || moderator;

  const actions: MenuAction[] = [];
  if (!gone && !post.hidden && canWrite)
    actions.push({
      id: 'quote',
      label: t('discussions.post.quote'),
      icon: Quote,
      onSelect: () => context.onQuote(post),
    });
  if (mine && !gone && !post.hidden)
    actions.push({
      id: 'edit',
      label: t('discussions.post.edit'),
      icon: Pencil,
      onSelect: () => setEditing(true),
    });
  if (post.editedAt && !gone)
    actions.push({
      id: 'history',
      label: t('discussions.post.history'),
      icon: History,
      onSelect: () => setDialog('history'),
    });
  if (!mine && !gone && !post.hidden)
    actions.push({
      id: 'flag',
      label: t('discussions.post.flag'),
      icon: Flag,
      onSelect: () => setDialog('flag'),
    });
  if (moderator && !gone)
    actions.push(
      post.hidden
        ? {
            id: 'unhide',
            label: t('discussions.post.unhide'),
            icon: Eye,
            onSelect: () => setDialog('unhide'),
          }
        : {
            id: 'hide',
            label: t('discussions.post.hide'),
            icon: EyeOff,
            onSelect: () => setDialog('hide'),
          },
      {
        id: 'move',
        label: t('discussions.post.move'),
        icon: ArrowRightLeft,
        onSelect: () => setDialog('move'),
      },
    );
  if ((mine || moderator) && !gone)
    actions.push({
      id: 'delete',
      label: t('discussions.post.delete'),
      icon: Trash2,
      danger: true,
      onSelect: () => setDialog('delete'),
    });

  return (
    <article
      id={`post-${post.id}`}
      className="post"
      data-state={gone ? 'deleted' : post.hidden ? 'hidden' : undefined}
      data-highlighted={highlighted || undefined}
      data-mine={mine || undefined}
      aria-labelledby={`post-${post.id}-author`}
      tabIndex={-1}
    >
      <div className="post__avatar">
        <Avatar name={author} />
      </div>
      <div className="post__main">
        <header className="post__header">
          <span id={`post-${post.id}-author`} className="post__author">
            {author}
          </span>
          <time
            className="post__time"
            dateTime={post.createdAt}
            title={formatDateTime(post.createdAt, language)}
          >
            {formatRelative(post.createdAt, context.now, language)}
          </time>
          {post.editedAt && !gone ? (
            <button
              type="button"
              className="post__edited"
              title={t('discussions.post.editedAt', {
                date: formatDateTime(post.editedAt, language),
              })}
              onClick={() => setDialog('history')}
            >
              {t('discussions.post.edited')}
            </button>
          ) : null}
          {moderator && post.flags > 0 ? (
            <span
              className="post__flags"
              title={t('discussions.post.flagCount', { count: post.flags })}
            >
              <Flag size={13} aria-hidden="true" />
              {t('discussions.post.flagCount', { count: post.flags })}
            </span>
          ) : null}
          <div className="post__tools">
            {gone || post.hidden || !canWrite ? null : <ReactionPicker state={reactions} />}
            <ActionMenu
              className="post__menu"
              label={t('discussions.post.actions', { name: author })}
              actions={actions}
            />
          </div>
        </header>
        {editing ? (
          <PostEditor post={post} sources={context.sources} onDone={() => setEditing(false)} />
        ) : (
          <PostBody post={post} moderator={moderator} sources={context.sources} />
        )}
        {flagged ? (
          <Notice tone="success" role="status" className="post__notice">
            {t('discussions.flag.sent')}
          </Notice>
        ) : null}
        {gone || (post.hidden && !moderator) ? null : (
          <Reactions
            post={post}
            meId={meId}
            disabled={!canWrite || post.hidden}
            state={reactions}
          />
        )}
      </div>
      {dialog === 'delete' ? (
        <ConfirmDialog
          title={t('discussions.post.deleteTitle')}
          confirmLabel={t('discussions.post.deleteConfirm')}
          danger
          busy={remove.isPending}
          error={
            remove.error ? (
              <ErrorState error={remove.error} title={t('discussions.post.deleteFailed')} />
            ) : null
          }
          onCancel={() => {
            remove.reset();
            setDialog(null);
          }}
          onConfirm={() => remove.mutate(post, { onSuccess: () => setDialog(null) })}
        >
          <p>
            {mine
              ? t('discussions.post.deleteBodyMine')
              : t('discussions.post.deleteBody', { name: author })}
          </p>
        </ConfirmDialog>
      ) : null}
      {dialog === 'flag' ? (
        <FlagDialog
          post={post}
          onClose={(sent) => {
            setDialog(null);
            if (sent) setFlagged(true);
          }}
        />
      ) : null}
      {dialog === 'hide' || dialog === 'unhide' ? (
        <HidePostDialog post={post} action={dialog} onClose={() => setDialog(null)} />
      ) : null}
      {dialog === 'move' ? (
        <MovePostDialog post={post} thread={thread} onClose={() => setDialog(null)} />
      ) : null}
      {dialog === 'history' ? (
        <HistoryDialog post={post} sources={context.sources} onClose={() => setDialog(null)} />
      ) : null}
    </article>
  );
}
