import { Search, SearchX, UsersRound } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../components/EmptyState';
import { QueryErrorState } from '../components/ErrorState';
import { LoadingRegion, Skeleton } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { useGroups } from '../lib/identity';
import { useSearch } from '../features/search/api';
import { TYPE_PARAMS, usePageSearch } from '../features/search/params';
import { formatCount, formatTotal } from '../features/search/parts';
import { ResultList } from '../features/search/ResultList';
import { SearchFilters } from '../features/search/SearchFilters';
import { SyntaxHint } from '../features/search/SyntaxHint';
import { TypeTabs } from '../features/search/TypeTabs';

/** Results shown at once: the server's most, ranked (there is no next page). */
const PAGE_LIMIT = 50;

/** What people search for, to try with one click before the first search. */
const EXAMPLES = ['"contrat Thales"', 'caméras -drone', 'reconnaissance faciale'];

/**
 * `/recherche`: every case, post and document of my groups matching the words, by type with
 * their counts, narrowed by group, technology, author and dates; all of it in the address.
 */
export function SearchPage() {
  const { t } = useTranslation();
  const id = useId();
  const groups = useGroups();
  const { search, update, clear } = usePageSearch();
  const q = search.q.trim();

  // The field shows the address's words, also when they change elsewhere (palette, Back).
  const [typed, setTyped] = useState(search.q);
  const [shownQ, setShownQ] = useState(search.q);
  if (shownQ !== search.q) {
    setShownQ(search.q);
    setTyped(search.q);
  }

  // Every type, for the tabs' counts (and the results of the "Tout" tab); one type when chosen.
  const all = useSearch({ ...search, type: undefined, limit: PAGE_LIMIT });
  const oneType = useSearch({ ...search, limit: PAGE_LIMIT }, { enabled: Boolean(search.type) });
  const results = search.type ? oneType : all;
  const items = results.data?.items ?? [];
  const counts = q ? all.data?.counts : undefined;
  const matched = results.data
    ? search.type
      ? formatCount(results.data.counts[search.type] ?? 0)
      : formatTotal(results.data.counts)
    : '0';
  // The server ranks more than it sends: say so, and how to reach the others.
  const partial = matched !== String(items.length);
  const filtered = Boolean(
    search.groupId ||
    search.caseId ||
    search.authorId ||
    search.technology ||
    search.from ||
    search.to,
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update({ q: typed.trim() }, { push: true });
  };

  const header = (
    <PageHeader
      title={q ? t('search.page.titleFor', { q }) : t('search.page.title')}
      description={t('search.page.description')}
    />
  );

  const form = (
    <form className="search-form" role="search" onSubmit={submit}>
      <div className="search-form__bar">
        <Search size={20} aria-hidden="true" className="search-form__icon" />
        <input
          type="search"
          className="input search-form__input"
          aria-label={t('search.page.input')}
          aria-describedby={`${id}-hint`}
          placeholder={t('search.palette.placeholder')}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
        />
        <button type="submit" className="button button--primary search-form__submit">
          {t('search.page.submit')}
        </button>
      </div>
      <SyntaxHint id={`${id}-hint`} className="search-form__hint" />
    </form>
  );

  if (groups.data && groups.data.length === 0)
    return (
      <>
        {header}
        <EmptyState icon={UsersRound} title={t('search.page.noGroupTitle')}>
          <p>{t('search.page.noGroupBody')}</p>
          <div className="empty-state__actions">
            <Link to="/groupes" className="button button--primary">
              {t('search.page.noGroupAction')}
            </Link>
          </div>
        </EmptyState>
      </>
    );

  if (!q)
    return (
      <>
        {header}
        {form}
        <EmptyState icon={Search} title={t('search.page.startTitle')}>
          <p>{t('search.page.startBody')}</p>
          <div className="empty-state__extra">
            <h3 className="empty-state__subtitle">{t('search.page.examples')}</h3>
            <ul className="chip-list">
              {EXAMPLES.map((example) => (
                <li key={example}>
                  <button
                    type="button"
                    className="chip search-example"
                    onClick={() => update({ q: example }, { push: true })}
                  >
                    {example}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        </EmptyState>
      </>
    );

  const panelId = `${id}-panel`;
  return (
    <>
      {header}
      {form}
      <TypeTabs
        type={search.type}
        counts={counts}
        panelId={panelId}
        idPrefix={id}
        onChange={(type) => update({ type: type ? TYPE_PARAMS[type] : undefined })}
      />
      <div className="search-layout">
        <SearchFilters search={search} update={update} clear={clear} />
        <div
          id={panelId}
          role="tabpanel"
          aria-labelledby={`${id}-tab-${search.type ?? 'all'}`}
          className="search-layout__results"
        >
          {results.isPending ? (
            <LoadingRegion label={t('search.searching')}>
              <Skeleton className="skeleton--card search-skeleton" />
              <Skeleton className="skeleton--card search-skeleton" />
              <Skeleton className="skeleton--card search-skeleton" />
            </LoadingRegion>
          ) : results.isError ? (
            <QueryErrorState query={results} title={t('search.failed')} />
          ) : items.length === 0 ? (
            <EmptyState icon={SearchX} title={t('search.page.noResultsTitle')}>
              <p>{t('search.page.noResultsBody', { q })}</p>
              <p className="empty-state__hint">
                {filtered ? t('search.page.noResultsFiltered') : t('search.page.noResultsHint')}
              </p>
              {filtered ? (
                <div className="empty-state__actions">
                  <button type="button" className="button button--secondary" onClick={clear}>
                    {t('search.filters.clear')}
                  </button>
                </div>
              ) : null}
            </EmptyState>
          ) : (
            <section
              className="case-section search-results"
              aria-labelledby={`${id}-count`}
              aria-busy={results.isPlaceholderData}
              data-stale={results.isPlaceholderData || undefined}
            >
              <h2 id={`${id}-count`} className="search-results__count" aria-live="polite">
                {partial
                  ? t('search.page.countOf', { count: items.length, total: matched })
                  : t('search.page.count', { count: items.length })}
              </h2>
              <ResultList items={items} withType={!search.type} />
              {partial ? <p className="search-results__more">{t('search.page.more')}</p> : null}
            </section>
          )}
        </div>
      </div>
    </>
  );
}
