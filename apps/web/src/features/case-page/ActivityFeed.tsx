import type { CaseEvent } from '@technopolice/shared';
import { History } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { QueryErrorState } from '../../components/ErrorState';
import { LoadingRegion, Skeleton } from '../../components/Loading';
import { useLanguage } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { type CaseField, feedEvents, phraseKey, phraseOf, type PhraseContext } from './activity';
import type { useCaseFeed } from './api';
import { FormError } from './CaseHeader';
import { formatRelative, useNow } from './format';

/** One event of the feed: what happened, in a sentence, and when. */
export function ActivityItem({
  event,
  context,
  now,
}: {
  event: CaseEvent;
  context: PhraseContext;
  now: number;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const phrase = phraseOf(event, context);
  const Icon = phrase.icon;
  return (
    <li className="activity__item" data-type={event.type}>
      <span className="activity__icon" aria-hidden="true">
        <Icon size={15} />
      </span>
      <p className="activity__text">
        {phrase.name ? (
          <>
            <strong className="activity__who">{phrase.name}</strong>{' '}
          </>
        ) : null}
        {t(
          phraseKey(phrase) as 'casePage.activity.moved',
          {
            ...phrase.values,
          } as { from: string; to: string },
        )}{' '}
        <time
          className="activity__when"
          dateTime={event.createdAt}
          title={formatDateTime(event.createdAt, language)}
        >
          {formatRelative(event.createdAt, now, language)}
        </time>
      </p>
    </li>
  );
}

/** The words the feed needs besides its sentences. */
export function usePhraseContext(names: ReadonlyMap<string, string>): PhraseContext {
  const { t } = useTranslation();
  const language = useLanguage();
  return {
    language,
    someone: t('casePage.activity.someone'),
    nothing: t('casePage.activity.nothing'),
    names,
    fieldNoun: (field: CaseField) => t(`casePage.activity.fields.${field}`),
    documentFieldNoun: (field) => t(`casePage.activity.documentFields.${field}`),
  };
}

/** "Activité": everything that happened to the case, latest first, live. */
export function ActivityFeed({
  feed,
  names,
}: {
  feed: ReturnType<typeof useCaseFeed>;
  names: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const now = useNow();
  const context = usePhraseContext(names);
  const query = feed.feed;

  return (
    <section className="case-section" aria-labelledby="case-activity-title">
      <div className="case-section__header">
        <h2 id="case-activity-title" className="case-section__title">
          <History size={19} aria-hidden="true" />
          {t('casePage.activity.title')}
        </h2>
      </div>
      {query.isPending ? (
        <LoadingRegion label={t('casePage.activity.loading')}>
          <Skeleton className="skeleton--card" />
        </LoadingRegion>
      ) : query.isError ? (
        <QueryErrorState query={query} title={t('casePage.activity.failed')} />
      ) : feedEvents(query.data.items).length === 0 ? (
        <p className="case-section__empty">{t('casePage.activity.empty')}</p>
      ) : (
        <>
          <ol className="activity">
            {feedEvents(query.data.items).map((event) => (
              <ActivityItem key={event.seq} event={event} context={context} now={now} />
            ))}
          </ol>
          {feed.older.isError ? <FormError error={feed.older.error} /> : null}
          {query.data.hasOlder ? (
            <button
              type="button"
              className="button button--secondary button--small activity__more"
              disabled={feed.older.isPending}
              onClick={() => feed.older.mutate()}
            >
              {feed.older.isPending ? t('common.loading') : t('casePage.activity.more')}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
