import type { Post, RichTextBody, RichTextDoc, Thread } from '@technopolice/shared';
import { CornerDownRight, Lock, SendHorizontal, X } from 'lucide-react';
import { type Ref, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState';
import { Skeleton } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import { type ApiError } from '../../lib/api';
import { useCreatePost, useReplyDraft } from '../../lib/discussions';
import {
  asBody,
  asDoc,
  type EditorHandle,
  type EditorSources,
  isEmptyDoc,
  LazyRichTextEditor,
} from './editor';
import { useTypingSignal } from './typing';
import { useDraftSaver } from './useDraftSaver';

/** What the thread view asks of its composer. */
export interface ComposerHandle {
  /** Quotes a post and answers it. */
  quote: (post: Post) => void;
  focus: () => void;
}

/** Why a post was refused, in words. */
function SendError({ error }: { error: ApiError }) {
  const { t } = useTranslation();
  if (error.code === 'thread_locked')
    return (
      <Notice tone="warning" role="alert">
        {t('discussions.composer.locked')}
      </Notice>
    );
  if (error.code === 'rate_limited')
    return (
      <Notice tone="warning" role="alert">
        {t('discussions.composer.rateLimited')}
      </Notice>
    );
  return <ErrorState error={error} title={t('discussions.composer.failed')} />;
}

/** The reply box at the foot of a thread: draft kept on the server, Ctrl+Entrée sends. */
export function Composer({
  thread,
  sources,
  onSent,
  ref,
}: {
  thread: Thread;
  sources: EditorSources;
  onSent: (post: Post) => void;
  ref?: Ref<ComposerHandle>;
}) {
  const { t } = useTranslation();
  const draft = useReplyDraft(thread.id);
  const create = useCreatePost(thread.id);
  const editor = useRef<EditorHandle>(null);
  const [body, setBody] = useState<RichTextBody | null>(null);
  const [replyTo, setReplyTo] = useState<{ id: string; name: string } | null>(null);
  const saver = useDraftSaver({ threadId: thread.id });
  const signalTyping = useTypingSignal(thread.id);
  const { markStored } = saver;
  useEffect(() => {
    if (draft.data) markStored();
  }, [draft.data, markStored]);

  useImperativeHandle(
    ref,
    () => ({
      quote: (post) => {
        const name = post.author?.displayName ?? t('discussions.post.formerMember');
        editor.current?.insertQuote({
          postId: post.id,
          authorName: name,
          content: asDoc(post.body ?? { type: 'doc', content: [] }),
        });
        setReplyTo({ id: post.id, name });
        editor.current?.focus();
      },
      focus: () => editor.current?.focus(),
    }),
    [t],
  );

  const onChange = (next: RichTextDoc) => {
    const doc = asBody(next);
    setBody(doc);
    if (!isEmptyDoc(doc)) signalTyping();
    saver.schedule(isEmptyDoc(doc) ? null : { body: doc });
  };

  const send = (doc: RichTextBody | null = body) => {
    if (!doc || isEmptyDoc(doc) || create.isPending) return;
    create.mutate(
      { body: doc, ...(replyTo ? { replyTo: replyTo.id } : {}) },
      {
        onSuccess: (post) => {
          saver.settle();
          editor.current?.clear();
          setBody(null);
          setReplyTo(null);
          onSent(post);
        },
      },
    );
  };

  if (draft.isPending)
    return (
      <div className="composer">
        <Skeleton className="skeleton--card" />
      </div>
    );

  const empty = isEmptyDoc(body ?? draft.data?.body);
  return (
    <div className="composer">
      {replyTo ? (
        <p className="composer__reply">
          <CornerDownRight size={15} aria-hidden="true" />
          <span>{t('discussions.composer.replyingTo', { name: replyTo.name })}</span>
          <button
            type="button"
            className="icon-button composer__reply-cancel"
            aria-label={t('discussions.composer.cancelReply')}
            title={t('discussions.composer.cancelReply')}
            onClick={() => setReplyTo(null)}
          >
            <X size={15} aria-hidden="true" />
          </button>
        </p>
      ) : null}
      <LazyRichTextEditor
        ref={editor}
        initialContent={draft.data ? asDoc(draft.data.body) : undefined}
        onChange={onChange}
        onSubmit={(doc) => send(asBody(doc))}
        placeholder={t('discussions.composer.placeholder')}
        sources={sources}
        ariaLabel={t('discussions.composer.label', { title: thread.title })}
        disabled={create.isPending}
      />
      {create.error ? <SendError error={create.error} /> : null}
      <div className="composer__footer">
        <span className="composer__hint">
          {draft.data && body === null
            ? t('discussions.composer.draftRestored')
            : t('discussions.composer.shortcut')}
        </span>
        <button
          type="button"
          className="button button--primary"
          disabled={create.isPending || empty}
          onClick={() => send(body ?? draft.data?.body ?? null)}
        >
          <SendHorizontal size={16} aria-hidden="true" />
          {create.isPending ? t('discussions.composer.sending') : t('discussions.composer.send')}
        </button>
      </div>
    </div>
  );
}

/** Instead of the composer, in a locked thread (coordinators still see the composer). */
export function LockedNotice() {
  const { t } = useTranslation();
  return (
    <div className="composer composer--locked">
      <Lock size={18} aria-hidden="true" />
      <p>{t('discussions.composer.lockedNotice')}</p>
    </div>
  );
}
