import { useQueryClient } from '@tanstack/react-query';
import type { Post, Thread } from '@technopolice/shared';
import { ArrowDown, ArrowLeft, MessageSquareOff } from 'lucide-react';
import { Fragment, type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState, QueryErrorState } from '../../components/ErrorState';
import { LoadingRegion, Skeleton } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import {
  type NotificationList,
  notificationKeys,
  useMarkRead,
  useMorePosts,
  useReadNotifications,
  useThread,
  useThreadPosts,
} from '../../lib/discussions';
import { useMe } from '../../lib/identity';
import { useNow } from '../case-page/format';
import { Composer, type ComposerHandle, LockedNotice } from './Composer';
import { useEditorSources } from './editor';
import { threadHref } from './links';
import { type PostContext, PostItem } from './PostItem';
import { canModerate } from './roles';
import { ThreadHeader } from './ThreadHeader';
import { useTyping } from './typing';

/** Where a thread is shown: the tab of its case, or the forum. */
export interface ThreadPlace {
  /** The case whose tab shows it; `null` in the forum. */
  caseId: string | null;
  backHref: string;
  backLabel: string;
  headingLevel?: 2 | 3;
}

/** Whether an element is on screen; true where the browser cannot tell (tests). */
function useVisible(element: HTMLElement | null): boolean {
  const [visible, setVisible] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    if (!element || typeof IntersectionObserver === 'undefined') return undefined;
    const observer = new IntersectionObserver((entries) => {
      setVisible(entries.some((entry) => entry.isIntersecting));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return visible;
}

function TypingLine({ threadId, meId }: { threadId: string; meId: string | undefined }) {
  const { t } = useTranslation();
  const typing = useTyping(threadId, meId);
  return (
    <p className="typing" aria-live="polite">
      {typing.length === 0 ? null : (
        <>
          <span className="typing__dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          {typing.length === 1
            ? t('discussions.typing.one', { name: typing[0]?.displayName ?? '' })
            : typing.length === 2
              ? t('discussions.typing.two', {
                  first: typing[0]?.displayName ?? '',
                  second: typing[1]?.displayName ?? '',
                })
              : t('discussions.typing.many', { count: typing.length })}
        </>
      )}
    </p>
  );
}

/** Opening a thread reads the notifications that pointed to it. */
function useReadThreadNotifications(threadId: string) {
  const queryClient = useQueryClient();
  const { mutate } = useReadNotifications();
  useEffect(() => {
    const list = queryClient.getQueryData<NotificationList>(notificationKeys.list);
    const ids = (list?.items ?? [])
      .filter((item) => item.threadId === threadId && item.readAt === null)
      .map((item) => item.id);
    if (ids.length > 0) mutate(ids);
  }, [threadId, queryClient, mutate]);
}

function scrollToElement(element: Element | null, block: ScrollLogicalPosition = 'center') {
  if (element && 'scrollIntoView' in element && typeof element.scrollIntoView === 'function')
    element.scrollIntoView({ block, behavior: 'auto' });
}

/** The posts, the "new" marker, reading up to the end, and the composer. */
function ThreadBody({
  thread,
  focusPostId,
  meId,
  moderator,
}: {
  thread: Thread;
  focusPostId: string | null;
  meId: string | undefined;
  moderator: boolean;
}) {
  const { t } = useTranslation();
  const now = useNow();
  // Where my reading stood when I opened the thread: the "new" marker stays there.
  const [openedAt] = useState(() => thread.lastReadSeq);
  const posts = useThreadPosts(thread.id, openedAt);
  const more = useMorePosts(thread.id);
  const markRead = useMarkRead(thread);
  useReadThreadNotifications(thread.id);
  const sources = useEditorSources(thread.groupId);
  const composer = useRef<ComposerHandle>(null);
  const [end, setEnd] = useState<HTMLDivElement | null>(null);
  const atEnd = useVisible(end);
  const listRef = useRef<HTMLOListElement>(null);
  // The foot of the thread, under the composer: scrolled to, the latest post shows above it.
  const bottomRef = useRef<HTMLDivElement>(null);
  const toBottom = useCallback(() => scrollToElement(bottomRef.current, 'end'), []);

  const items = useMemo(() => posts.data?.items ?? [], [posts.data]);
  const lastSeq = items.at(-1)?.seq ?? 0;
  const hasNewer = posts.data?.hasNewer ?? false;
  // Posts of others that were unread when I opened the thread (not those written since).
  const [openedLastSeq] = useState(() => thread.lastSeq);
  const firstNew = items.find(
    (post) => post.seq > openedAt && post.seq <= openedLastSeq && post.author?.id !== meId,
  );
  const showMarker = firstNew !== undefined && openedAt > 0;

  // Read up to what is on screen once the end of the thread shows.
  const sent = useRef(0);
  const { mutate: read } = markRead;
  const { mutate: load, isPending: loading } = more;
  useEffect(() => {
    if (!atEnd || posts.isPending) return;
    if (hasNewer) {
      if (!loading) load('newer');
      return;
    }
    if (lastSeq > thread.lastReadSeq && lastSeq > sent.current) {
      sent.current = lastSeq;
      read(lastSeq);
    }
  }, [atEnd, hasNewer, lastSeq, thread.lastReadSeq, posts.isPending, loading, load, read]);

  // The thread knows of posts the window lacks (a live event missed): fetch them.
  const filled = useRef(0);
  useEffect(() => {
    if (posts.isPending || hasNewer || loading) return;
    if (thread.lastSeq > lastSeq && filled.current < thread.lastSeq) {
      filled.current = thread.lastSeq;
      load('newer');
    }
  }, [thread.lastSeq, lastSeq, hasNewer, posts.isPending, loading, load]);

  // On opening: the post of the link, else the first new one, else the latest.
  const landed = useRef(false);
  useEffect(() => {
    if (landed.current || !posts.data) return;
    landed.current = true;
    if (focusPostId) {
      const target = document.getElementById(`post-${focusPostId}`);
      scrollToElement(target);
      target?.focus({ preventScroll: true });
    } else if (showMarker)
      scrollToElement(document.getElementById(`thread-${thread.id}-new`), 'start');
    else if (openedAt > 0) toBottom();
  }, [posts.data, focusPostId, showMarker, openedAt, thread.id, toBottom]);

  // New posts while reading at the end stay in view, as in a chat; others get a button.
  const previousLast = useRef(lastSeq);
  useEffect(() => {
    const before = previousLast.current;
    previousLast.current = lastSeq;
    if (!landed.current || lastSeq <= before) return;
    const mineOnly = items.every((post) => post.seq <= before || post.author?.id === meId);
    if (atEnd || mineOnly) toBottom();
  }, [lastSeq, items, atEnd, meId, toBottom]);
  // Posts of others written since the thread opened and not read yet.
  const arrived = items.filter(
    (post) => post.seq > Math.max(openedLastSeq, thread.lastReadSeq) && post.author?.id !== meId,
  );
  const latestArrival = items
    .filter((post) => post.seq > openedLastSeq && post.author?.id !== meId)
    .at(-1);
  const announcement = latestArrival
    ? t('discussions.thread.newPostFrom', {
        name: latestArrival.author?.displayName ?? t('discussions.post.formerMember'),
      })
    : '';
  const unseen = atEnd ? 0 : arrived.length;

  const onQuote = useCallback((post: Post) => composer.current?.quote(post), []);
  const context: PostContext = { thread, meId, moderator, sources, now, onQuote };

  let content: ReactNode;
  if (posts.isPending)
    content = (
      <LoadingRegion label={t('discussions.thread.loading')}>
        <Skeleton className="skeleton--card" />
        <Skeleton className="skeleton--card" />
      </LoadingRegion>
    );
  else if (posts.isError)
    content = <QueryErrorState query={posts} title={t('discussions.thread.postsFailed')} />;
  else
    content = (
      <>
        {posts.data.hasOlder ? (
          <button
            type="button"
            className="button button--secondary button--small thread__older"
            disabled={more.isPending}
            onClick={() => more.mutate('older')}
          >
            {more.isPending ? t('common.loading') : t('discussions.thread.older')}
          </button>
        ) : null}
        <ol
          className="posts"
          ref={listRef}
          aria-label={t('discussions.thread.postsLabel', { title: thread.title })}
        >
          {items.map((post) => (
            <Fragment key={post.id}>
              {showMarker && post.id === firstNew.id ? (
                <li className="posts__marker" id={`thread-${thread.id}-new`}>
                  <span>{t('discussions.thread.newMarker')}</span>
                </li>
              ) : null}
              <li className="posts__item">
                <PostItem post={post} context={context} highlighted={post.id === focusPostId} />
              </li>
            </Fragment>
          ))}
        </ol>
        {more.isError ? (
          <ErrorState error={more.error} title={t('discussions.thread.postsFailed')} />
        ) : null}
        {hasNewer ? (
          <button
            type="button"
            className="button button--secondary button--small thread__newer"
            disabled={more.isPending}
            onClick={() => more.mutate('newer')}
          >
            {more.isPending ? t('common.loading') : t('discussions.thread.newer')}
          </button>
        ) : null}
      </>
    );

  return (
    <div className="thread__body">
      {content}
      <div ref={setEnd} className="thread__end" aria-hidden="true" />
      <TypingLine threadId={thread.id} meId={meId} />
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {unseen > 0 ? (
        <button
          type="button"
          className="button button--primary button--small thread__jump"
          onClick={toBottom}
        >
          <ArrowDown size={15} aria-hidden="true" />
          {t('discussions.thread.unseen', { count: unseen })}
        </button>
      ) : null}
      {thread.locked && !moderator ? (
        <LockedNotice />
      ) : (
        <>
          {thread.locked ? (
            <Notice tone="warning" className="thread__locked-note">
              {t('discussions.composer.lockedModerator')}
            </Notice>
          ) : null}
          <Composer ref={composer} thread={thread} sources={sources} onSent={toBottom} />
        </>
      )}
      <div ref={bottomRef} className="thread__bottom" aria-hidden="true" />
    </div>
  );
}

/**
 * One thread, in a case's Discussions tab or in the forum: the same view for both. Opening it
 * lands on the first unread post (the "Nouveaux messages" marker), reading to the end marks it
 * read, and posts of others appear as they are written.
 */
export function ThreadView({
  threadId,
  place,
  focusPostId = null,
}: {
  threadId: string;
  place: ThreadPlace;
  focusPostId?: string | null;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const thread = useThread(threadId);

  if (thread.isPending)
    return (
      <LoadingRegion label={t('discussions.thread.loading')}>
        <Skeleton className="skeleton--heading" />
        <Skeleton className="skeleton--card" />
      </LoadingRegion>
    );
  if (thread.isError && !thread.data) {
    if (thread.error.statusCode === 404 || thread.error.statusCode === 403)
      return (
        <EmptyState
          icon={MessageSquareOff}
          title={t('discussions.thread.goneTitle')}
          headingLevel={place.headingLevel ?? 2}
        >
          <p>{t('discussions.thread.goneBody')}</p>
          <div className="empty-state__actions">
            <Link to={place.backHref} className="button button--primary">
              <ArrowLeft size={16} aria-hidden="true" />
              {place.backLabel}
            </Link>
          </div>
        </EmptyState>
      );
    return <QueryErrorState query={thread} title={t('discussions.thread.failed')} />;
  }
  const data = thread.data;
  const moderator = canModerate(me.data, data.groupId);
  // Moved elsewhere while open: say where it went.
  if (data.caseId !== place.caseId)
    return (
      <Notice tone="info" title={t('discussions.thread.movedTitle')}>
        <p>{t('discussions.thread.movedBody', { title: data.title })}</p>
        <Link to={threadHref(data)} className="button button--primary button--small">
          {t('discussions.thread.movedLink')}
        </Link>
      </Notice>
    );

  return (
    <section className="thread" aria-label={data.title}>
      <ThreadHeader
        thread={data}
        backHref={place.backHref}
        backLabel={place.backLabel}
        meId={me.data?.id}
        moderator={moderator}
        headingLevel={place.headingLevel}
      />
      <ThreadBody
        key={data.id}
        thread={data}
        focusPostId={focusPostId}
        meId={me.data?.id}
        moderator={moderator}
      />
    </section>
  );
}
