import type { GroupSummary } from '@technopolice/shared';
import { Flag, FolderCog, Hash, Inbox, Plus, UsersRound } from 'lucide-react';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { EmptyState } from '../components/EmptyState';
import { QueryErrorState } from '../components/ErrorState';
import { LoadingRegion, Skeleton } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import {
  discussionKeys,
  threadListUrl,
  useCategories,
  useFlags,
  useForumThreads,
  useMoreThreads,
  useThread,
} from '../lib/discussions';
import { useGroups, useMe } from '../lib/identity';
import { CategoryManager } from '../features/discussions/CategoryManager';
import { forumHref, forumThreadHref, POST_PARAM } from '../features/discussions/links';
import { ModerationQueue } from '../features/discussions/ModerationQueue';
import { NewThreadForm } from '../features/discussions/NewThreadForm';
import { canModerate } from '../features/discussions/roles';
import { NoThreads, ThreadList } from '../features/discussions/ThreadList';
import { ThreadView } from '../features/discussions/ThreadView';
import { useForumLive } from '../features/discussions/useForumLive';

/** What the main column shows. */
type View =
  | { kind: 'list'; categoryId: string | null }
  | { kind: 'new'; categoryId: string | null }
  | { kind: 'moderation' }
  | { kind: 'thread'; threadId: string; postId: string | null };

function LiveDot({ live }: { live: boolean }) {
  const { t } = useTranslation();
  return (
    <span
      className="case-live"
      data-live={live}
      role="status"
      title={live ? t('forum.liveHint') : t('forum.offlineHint')}
    >
      <span className="case-live__dot" aria-hidden="true" />
      {live ? t('forum.live') : t('forum.offline')}
    </span>
  );
}

/** The forum's sections: all threads, each category, and the flags for coordinators. */
function ForumNav({
  groupId,
  view,
  moderator,
}: {
  groupId: string;
  view: View;
  moderator: boolean;
}) {
  const { t } = useTranslation();
  const categories = useCategories(groupId);
  const flags = useFlags(groupId, moderator);
  const [managing, setManaging] = useState(false);
  // A thread open: its category shows where one is.
  const open = useThread(view.kind === 'thread' ? view.threadId : undefined);
  const current =
    view.kind === 'list' || view.kind === 'new'
      ? view.categoryId
      : view.kind === 'thread'
        ? (open.data?.categoryId ?? null)
        : undefined;
  const here = view.kind === 'thread' ? 'true' : 'page';

  const item = (
    key: string,
    to: string,
    icon: ReactNode,
    label: string,
    active: boolean,
    badge?: number,
  ) => (
    <li key={key}>
      <Link to={to} className="forum-nav__link" aria-current={active ? here : undefined}>
        {icon}
        <span className="forum-nav__label">{label}</span>
        {badge ? <span className="unread-badge">{badge}</span> : null}
      </Link>
    </li>
  );

  return (
    <nav className="forum-nav" aria-label={t('forum.categories.navLabel')}>
      <ul className="forum-nav__list">
        {item(
          'all',
          forumHref(groupId),
          <Inbox size={17} aria-hidden="true" />,
          t('forum.categories.all'),
          current === null,
        )}
        {(categories.data ?? []).map((category) =>
          item(
            category.id,
            forumHref(groupId, category.id),
            <Hash size={17} aria-hidden="true" />,
            category.name,
            current === category.id,
            category.unread,
          ),
        )}
      </ul>
      {categories.isError ? (
        <QueryErrorState query={categories} title={t('forum.categories.loadFailed')} />
      ) : null}
      {moderator ? (
        <>
          <ul className="forum-nav__list forum-nav__list--tools">
            {item(
              'moderation',
              `${forumHref(groupId)}&vue=moderation`,
              <Flag size={17} aria-hidden="true" />,
              t('forum.moderation.nav'),
              view.kind === 'moderation',
              flags.data?.length,
            )}
          </ul>
          <button
            type="button"
            className="button button--ghost button--small forum-nav__manage"
            onClick={() => setManaging(true)}
          >
            <FolderCog size={16} aria-hidden="true" />
            {t('forum.categories.manage')}
          </button>
        </>
      ) : null}
      {managing ? (
        <CategoryManager
          groupId={groupId}
          categories={categories.data ?? []}
          onClose={() => setManaging(false)}
        />
      ) : null}
    </nav>
  );
}

/** The list of one category (or all), or the form of a new thread. */
function ForumThreads({
  groupId,
  view,
}: {
  groupId: string;
  view: Extract<View, { kind: 'list' | 'new' }>;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const threads = useForumThreads(groupId, view.categoryId);
  const categories = useCategories(groupId);
  const more = useMoreThreads(
    discussionKeys.forumThreads(groupId, view.categoryId),
    threadListUrl.forum(groupId, view.categoryId),
  );
  const category = categories.data?.find((entry) => entry.id === view.categoryId);
  const listHref = forumHref(groupId, view.categoryId);

  if (view.kind === 'new')
    return (
      <NewThreadForm
        scope={{ kind: 'forum', id: groupId }}
        groupId={groupId}
        initialCategoryId={view.categoryId}
        onCancel={() => void navigate(listHref)}
        onCreated={(thread) => void navigate(forumThreadHref(thread.id))}
      />
    );
  return (
    <section aria-labelledby="forum-list-title">
      <div className="forum-list__head">
        <h2 id="forum-list-title" className="forum-list__title">
          {category?.name ?? t('forum.categories.all')}
        </h2>
        {category?.description ? (
          <p className="forum-list__description">{category.description}</p>
        ) : null}
      </div>
      <ThreadList
        query={threads}
        hrefOf={(thread) => forumThreadHref(thread.id)}
        tagOf={
          view.categoryId
            ? undefined
            : (thread) =>
                categories.data?.find((entry) => entry.id === thread.categoryId)?.name ?? null
        }
        meId={me.data?.id}
        label={t('forum.listLabel', { name: category?.name ?? t('forum.categories.all') })}
        more={{ load: () => more.mutate(), pending: more.isPending }}
        empty={<NoThreads title={t('forum.emptyTitle')} body={t('forum.emptyBody')} />}
      />
    </section>
  );
}

/** The forum of one group: its sections beside the list, a thread or the flags. */
function GroupForum({
  groups,
  groupId,
  view,
}: {
  groups: readonly GroupSummary[];
  groupId: string;
  view: View;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const selectId = useId();
  const { live } = useForumLive(groupId);
  const moderator = canModerate(me.data, groupId);
  const categoryId = view.kind === 'list' || view.kind === 'new' ? view.categoryId : null;
  const newHref = `${forumHref(groupId, categoryId)}&vue=nouveau`;
  const open = useThread(view.kind === 'thread' ? view.threadId : undefined);

  let main: ReactNode;
  if (view.kind === 'thread')
    main = (
      <ThreadView
        key={view.threadId}
        threadId={view.threadId}
        focusPostId={view.postId}
        place={{
          caseId: null,
          backHref: forumHref(groupId, open.data?.categoryId),
          backLabel: t('forum.back'),
          headingLevel: 2,
        }}
      />
    );
  else if (view.kind === 'moderation')
    main = moderator ? <ModerationQueue groupId={groupId} /> : null;
  else main = <ForumThreads groupId={groupId} view={view} />;

  return (
    <div className="forum">
      <PageHeader
        title={t('forum.title')}
        description={t('forum.description')}
        actions={
          <>
            <LiveDot live={live} />
            {groups.length > 1 ? (
              <div className="group-picker">
                <label htmlFor={selectId} className="group-picker__label">
                  {t('forum.group')}
                </label>
                <select
                  id={selectId}
                  className="input select select--compact"
                  value={groupId}
                  onChange={(event) => void navigate(forumHref(event.target.value))}
                >
                  {groups.map((group) => (
                    <option key={group.id} value={group.id}>
                      {group.name}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            {view.kind === 'new' ? null : (
              <Link to={newHref} className="button button--primary">
                <Plus size={16} aria-hidden="true" />
                {t('discussions.newThread.open')}
              </Link>
            )}
          </>
        }
      />
      <div className="forum__layout">
        <ForumNav groupId={groupId} view={view} moderator={moderator} />
        <div className="forum__main">{main}</div>
      </div>
    </div>
  );
}

/** `/forum/:threadId`: the thread says which group's forum to show around it. */
function ForumThread({
  groups,
  threadId,
  postId,
}: {
  groups: readonly GroupSummary[];
  threadId: string;
  postId: string | null;
}) {
  const { t } = useTranslation();
  const thread = useThread(threadId);
  const groupId = thread.data?.groupId ?? (thread.isError ? groups[0]?.id : undefined);
  if (!groupId)
    return (
      <>
        <PageHeader title={t('forum.title')} description={t('forum.description')} />
        <LoadingRegion label={t('common.loading')}>
          <Skeleton className="skeleton--card" />
        </LoadingRegion>
      </>
    );
  return (
    <GroupForum groups={groups} groupId={groupId} view={{ kind: 'thread', threadId, postId }} />
  );
}

/**
 * `/forum` and `/forum/:threadId`: the group-wide discussions, by category (`?groupe=`,
 * `?categorie=`), a new thread (`?vue=nouveau`), the flags for coordinators (`?vue=moderation`).
 */
export function ForumPage() {
  const { t } = useTranslation();
  const groups = useGroups();
  const { threadId } = useParams();
  const [params] = useSearchParams();

  if (groups.isPending)
    return (
      <>
        <PageHeader title={t('forum.title')} description={t('forum.description')} />
        <LoadingRegion label={t('common.loading')}>
          <Skeleton className="skeleton--card" />
        </LoadingRegion>
      </>
    );
  if (groups.isError)
    return (
      <>
        <PageHeader title={t('forum.title')} description={t('forum.description')} />
        <QueryErrorState query={groups} />
      </>
    );
  if (groups.data.length === 0)
    return (
      <>
        <PageHeader title={t('forum.title')} description={t('forum.description')} />
        <EmptyState icon={UsersRound} title={t('forum.emptyTitle')}>
          <p>{t('forum.noGroupBody')}</p>
          <div className="empty-state__actions">
            <Link to="/groupes" className="button button--primary">
              {t('forum.noGroupAction')}
            </Link>
          </div>
        </EmptyState>
      </>
    );
  if (threadId)
    return <ForumThread groups={groups.data} threadId={threadId} postId={params.get(POST_PARAM)} />;

  const group = groups.data.find((entry) => entry.id === params.get('groupe')) ?? groups.data[0];
  const categoryId = params.get('categorie');
  const mode = params.get('vue');
  const view: View =
    mode === 'moderation'
      ? { kind: 'moderation' }
      : mode === 'nouveau'
        ? { kind: 'new', categoryId }
        : { kind: 'list', categoryId };
  return <GroupForum key={group?.id} groups={groups.data} groupId={group?.id ?? ''} view={view} />;
}
