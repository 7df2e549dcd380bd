import type { Flag } from '@technopolice/shared';
import { Check, EyeOff, ShieldCheck } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Avatar } from '../../components/Avatar';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState, QueryErrorState } from '../../components/ErrorState';
import { LoadingRegion, Skeleton } from '../../components/Loading';
import { useLanguage } from '../../i18n';
import { useFlags, useResolveFlag } from '../../lib/discussions';
import { formatDateTime } from '../../lib/format';
import { formatRelative, useNow } from '../case-page/format';
import { RichTextView, useEditorSources } from './editor';
import { threadHref } from './links';

function FlagCard({ flag, groupId, now }: { flag: Flag; groupId: string; now: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const resolve = useResolveFlag(groupId);
  const sources = useEditorSources(groupId);
  const author = flag.post.author?.displayName ?? t('discussions.post.formerMember');
  return (
    <li className="flag-card">
      <div className="flag-card__head">
        <p className="flag-card__where">
          <Link to={threadHref({ id: flag.threadId, caseId: flag.caseId }, flag.postId)}>
            {flag.threadTitle}
          </Link>
          <span className="flag-card__place">
            {flag.caseId ? t('forum.moderation.inCase') : t('forum.moderation.inForum')}
          </span>
        </p>
        <p className="flag-card__meta" title={formatDateTime(flag.createdAt, language)}>
          {t('forum.moderation.flaggedBy', {
            name: flag.flaggedBy?.displayName ?? t('discussions.post.formerMember'),
            when: formatRelative(flag.createdAt, now, language),
          })}
        </p>
      </div>
      <blockquote className="flag-card__reason">{flag.reason}</blockquote>
      <div className="flag-card__post">
        <Avatar name={author} size="sm" />
        <div>
          <p className="flag-card__author">{author}</p>
          {flag.post.deleted ? (
            <p className="post__tombstone">{t('discussions.post.deleted')}</p>
          ) : (
            <RichTextView
              html={flag.post.html}
              imageUrl={(id) => sources.imageUrl(id)}
              className="post__body"
            />
          )}
          {flag.post.hidden ? (
            <p className="post__moderation">
              <EyeOff size={15} aria-hidden="true" />
              <span>{t('forum.moderation.alreadyHidden')}</span>
            </p>
          ) : null}
        </div>
      </div>
      {resolve.error ? (
        <ErrorState error={resolve.error} title={t('forum.moderation.failed')} />
      ) : null}
      <div className="flag-card__actions">
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={resolve.isPending}
          onClick={() => resolve.mutate({ flag, action: 'dismiss' })}
        >
          <Check size={15} aria-hidden="true" />
          {t('forum.moderation.dismiss')}
        </button>
        {flag.post.hidden || flag.post.deleted ? null : (
          <button
            type="button"
            className="button button--danger button--small"
            disabled={resolve.isPending}
            onClick={() => resolve.mutate({ flag, action: 'hide' })}
          >
            <EyeOff size={15} aria-hidden="true" />
            {t('forum.moderation.hide')}
          </button>
        )}
      </div>
    </li>
  );
}

/** Coordinators: the open flags of the group's posts, to dismiss or to act on. */
export function ModerationQueue({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const now = useNow();
  const flags = useFlags(groupId, true);

  return (
    <section className="moderation" aria-labelledby="moderation-title">
      <h2 id="moderation-title" className="moderation__title">
        {t('forum.moderation.title')}
      </h2>
      <p className="moderation__intro">{t('forum.moderation.intro')}</p>
      {flags.isPending ? (
        <LoadingRegion label={t('common.loading')}>
          <Skeleton className="skeleton--card" />
        </LoadingRegion>
      ) : flags.isError ? (
        <QueryErrorState query={flags} title={t('forum.moderation.loadFailed')} />
      ) : flags.data.length === 0 ? (
        <EmptyState icon={ShieldCheck} title={t('forum.moderation.emptyTitle')} headingLevel={3}>
          <p>{t('forum.moderation.emptyBody')}</p>
        </EmptyState>
      ) : (
        <ul className="flag-list">
          {flags.data.map((flag) => (
            <FlagCard key={flag.id} flag={flag} groupId={groupId} now={now} />
          ))}
        </ul>
      )}
    </section>
  );
}
