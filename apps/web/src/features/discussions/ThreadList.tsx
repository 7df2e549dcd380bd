import type { Thread } from '@technopolice/shared';
import { EyeOff, Lock, MessageSquare, MessagesSquare, Pin } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Avatar } from '../../components/Avatar';
import { EmptyState } from '../../components/EmptyState';
import { QueryErrorState } from '../../components/ErrorState';
import { LoadingRegion, Skeleton } from '../../components/Loading';
import { useLanguage } from '../../i18n';
import type { ThreadList as ThreadListData } from '../../lib/discussions';
import { formatDateTime } from '../../lib/format';
import { formatRelative, useNow } from '../case-page/format';
import { useTyping } from './typing';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ApiError } from '../../lib/api';

function TypingHint({ threadId, meId }: { threadId: string; meId: string | undefined }) {
  const { t } = useTranslation();
  const typing = useTyping(threadId, meId);
  if (typing.length === 0) return null;
  return (
    <span className="thread-row__typing">
      {typing.length === 1
        ? t('discussions.typing.one', { name: typing[0]?.displayName ?? '' })
        : t('discussions.typing.many', { count: typing.length })}
    </span>
  );
}

/** One thread of a list: its state, title, who started it, how many posts, the latest one. */
function ThreadRow({
  thread,
  href,
  tag,
  now,
  meId,
}: {
  thread: Thread;
  href: string;
  tag: string | null;
  now: number;
  meId: string | undefined;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const unread = thread.unread > 0;
  const lastName = thread.lastAuthor?.displayName ?? t('discussions.post.formerMember');
  return (
    <li
      className="thread-row"
      data-unread={unread || undefined}
      data-hidden={thread.hidden || undefined}
    >
      <Avatar name={thread.author?.displayName ?? '?'} size="md" />
      <div className="thread-row__main">
        <p className="thread-row__title-line">
          {thread.pinned ? (
            <Pin
              size={15}
              className="thread-row__flag"
              aria-label={t('discussions.thread.pinned')}
              role="img"
            />
          ) : null}
          {thread.locked ? (
            <Lock
              size={15}
              className="thread-row__flag"
              aria-label={t('discussions.thread.locked')}
              role="img"
            />
          ) : null}
          {thread.hidden ? (
            <EyeOff
              size={15}
              className="thread-row__flag"
              aria-label={t('discussions.thread.hidden')}
              role="img"
            />
          ) : null}
          <Link to={href} className="thread-row__title">
            {thread.title}
          </Link>
          {tag ? <span className="thread-row__tag">{tag}</span> : null}
          {unread ? (
            <span
              className="unread-badge"
              aria-label={t('discussions.thread.unread', { count: thread.unread })}
            >
              {thread.unread}
            </span>
          ) : null}
        </p>
        <p className="thread-row__meta">
          <span>
            {t('discussions.thread.startedBy', {
              name: thread.author?.displayName ?? t('discussions.post.formerMember'),
            })}
          </span>
          <span aria-hidden="true"> · </span>
          <span className="thread-row__count">
            <MessageSquare size={13} aria-hidden="true" />
            {t('discussions.thread.posts', { count: thread.postCount })}
          </span>
          <span aria-hidden="true"> · </span>
          <span title={formatDateTime(thread.lastPostAt, language)}>
            {t('discussions.thread.lastPost', {
              when: formatRelative(thread.lastPostAt, now, language),
              name: lastName,
            })}
          </span>
          <TypingHint threadId={thread.id} meId={meId} />
        </p>
      </div>
    </li>
  );
}

/** A list of threads, pinned first then the latest activity, each a link to open it. */
export function ThreadList({
  query,
  hrefOf,
  tagOf,
  meId,
  empty,
  label,
  more,
}: {
  query: UseQueryResult<ThreadListData, ApiError>;
  hrefOf: (thread: Thread) => string;
  /** A label beside the title: the thread's category in a list of all of them. */
  tagOf?: (thread: Thread) => string | null;
  meId: string | undefined;
  /** What the list says before it holds anything. */
  empty: ReactNode;
  label: string;
  /** Loads the next page, when there is one. */
  more?: { load: () => void; pending: boolean };
}) {
  const { t } = useTranslation();
  const now = useNow();
  if (query.isPending)
    return (
      <LoadingRegion label={t('discussions.list.loading')}>
        <Skeleton className="skeleton--card" />
        <Skeleton className="skeleton--card" />
      </LoadingRegion>
    );
  if (query.isError) return <QueryErrorState query={query} title={t('discussions.list.failed')} />;
  if (query.data.items.length === 0) return <>{empty}</>;
  return (
    <>
      <ul className="thread-list" aria-label={label}>
        {query.data.items.map((thread) => (
          <ThreadRow
            key={thread.id}
            thread={thread}
            href={hrefOf(thread)}
            tag={tagOf?.(thread) ?? null}
            now={now}
            meId={meId}
          />
        ))}
      </ul>
      {query.data.nextCursor && more ? (
        <button
          type="button"
          className="button button--secondary button--small thread-list__more"
          disabled={more.pending}
          onClick={more.load}
        >
          {more.pending ? t('common.loading') : t('discussions.list.more')}
        </button>
      ) : null}
    </>
  );
}

/** The list's empty state: what threads are for. */
export function NoThreads({
  title,
  body,
  action,
}: {
  title: string;
  body: string;
  action?: ReactNode;
}) {
  return (
    <EmptyState icon={MessagesSquare} title={title} headingLevel={3}>
      <p>{body}</p>
      {action ? <div className="empty-state__actions">{action}</div> : null}
    </EmptyState>
  );
}
