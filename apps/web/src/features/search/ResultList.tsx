import type { SearchResult } from '@technopolice/shared';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isServerPage, resultHref } from './links';
import { ResultMeta, Snippet, TYPE_ICONS } from './parts';

/** One result: its kind at a glance, its title as the link, the words found, who and when. */
function ResultItem({ result, withType }: { result: SearchResult; withType: boolean }) {
  const { t } = useTranslation();
  const Icon = TYPE_ICONS[result.type];
  return (
    <li className="search-result">
      <span className="search-result__icon" data-type={result.type} aria-hidden="true">
        <Icon size={18} />
      </span>
      <div className="search-result__main">
        <h3 className="search-result__heading">
          <Link
            to={resultHref(result)}
            reloadDocument={isServerPage(resultHref(result))}
            className="search-result__title"
          >
            {result.title || t('search.untitled')}
          </Link>
        </h3>
        {result.snippet ? (
          <p className="search-result__snippet">
            <Snippet html={result.snippet} className="search-snippet" />
          </p>
        ) : null}
        <ResultMeta result={result} className="search-result__meta" withType={withType} />
      </div>
    </li>
  );
}

/** The results, ranked; each says its type unless they are all of one (a type's tab). */
export function ResultList({ items, withType }: { items: SearchResult[]; withType: boolean }) {
  return (
    <ol className="search-results__list">
      {items.map((result) => (
        <ResultItem key={`${result.type}-${result.id}`} result={result} withType={withType} />
      ))}
    </ol>
  );
}
