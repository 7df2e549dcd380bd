import { DOCUMENT_KIND_IDS, type DocumentKind } from '@technopolice/shared';
import { FileText, SearchX, UsersRound } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { EmptyState } from '../components/EmptyState';
import { QueryErrorState } from '../components/ErrorState';
import { LoadingRegion, Skeleton } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { useLabel } from '../i18n';
import { useTaxonomy } from '../lib/api';
import { useDocumentSearch } from '../lib/documents';
import { useGroups } from '../lib/identity';
import { useDebouncedValue } from '../features/cases/components/CityPicker';
import { DocumentRow } from '../features/documents/DocumentList';
import { useDocumentLabels } from '../features/documents/parts';

const SEARCH_DELAY_MS = 300;

function isKind(value: string | null): value is DocumentKind {
  return (DOCUMENT_KIND_IDS as readonly (string | null)[]).includes(value);
}

/** The filters, kept in the address (`?groupe=&type=&q=`) so that a link gives the same list. */
function useFilters() {
  const [params, setParams] = useSearchParams();
  const type = params.get('type');
  const filters = {
    groupId: params.get('groupe') ?? '',
    kind: isKind(type) ? type : null,
    q: params.get('q') ?? '',
  };
  const set = (name: 'groupe' | 'type' | 'q', value: string) =>
    setParams(
      (current) => {
        const copy = new URLSearchParams(current);
        if (value) copy.set(name, value);
        else copy.delete(name);
        return copy;
      },
      { replace: true },
    );
  const clear = () =>
    setParams(
      (current) => {
        const copy = new URLSearchParams(current);
        for (const name of ['groupe', 'type', 'q']) copy.delete(name);
        return copy;
      },
      { replace: true },
    );
  return { filters, set, clear };
}

/** Before any document exists: what will appear here, and where documents come from. */
function NothingYet() {
  const { t } = useTranslation();
  const label = useLabel();
  const taxonomy = useTaxonomy();
  return (
    <EmptyState icon={FileText} title={t('documents.emptyTitle')}>
      <p>{t('documents.emptyBody')}</p>
      <p className="empty-state__hint">{t('documents.emptyHint')}</p>
      <div className="empty-state__actions">
        <Link to="/dossiers" className="button button--primary">
          {t('documents.emptyAction')}
        </Link>
      </div>
      {taxonomy.data ? (
        <div className="empty-state__extra">
          <h3 className="empty-state__subtitle">{t('documents.kindsTitle')}</h3>
          <ul className="chip-list">
            {taxonomy.data.documentKinds.map((kind) => (
              <li key={kind.id} className="chip">
                {label(kind.label)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </EmptyState>
  );
}

/** `/documents`: the documents of every case of my groups, filtered and searched by title. */
export function DocumentsPage() {
  const { t } = useTranslation();
  const labels = useDocumentLabels();
  const id = useId();
  const groups = useGroups();
  const { filters, set, clear } = useFilters();
  const [typed, setTyped] = useState(filters.q);
  const q = useDebouncedValue(typed, SEARCH_DELAY_MS);
  const search = useDocumentSearch({
    groupId: filters.groupId || undefined,
    kind: filters.kind ?? undefined,
    q,
  });
  const filtered = Boolean(filters.groupId || filters.kind || q.trim());
  const items = search.data?.pages.flatMap((page) => page.items) ?? [];
  const header = (
    <PageHeader title={t('documents.title')} description={t('documents.description')} />
  );

  if (groups.data && groups.data.length === 0)
    return (
      <>
        {header}
        <EmptyState icon={UsersRound} title={t('documents.emptyTitle')}>
          <p>{t('documents.noGroupBody')}</p>
          <div className="empty-state__actions">
            <Link to="/groupes" className="button button--primary">
              {t('documents.noGroupAction')}
            </Link>
          </div>
        </EmptyState>
      </>
    );

  // Nothing at all, and no filter to blame: the honest empty state.
  if (search.isSuccess && items.length === 0 && !filtered && !typed.trim())
    return (
      <>
        {header}
        <NothingYet />
      </>
    );

  return (
    <>
      {header}
      <form
        className="documents-filters"
        role="search"
        aria-label={t('documents.filters')}
        onSubmit={(event) => event.preventDefault()}
      >
        <label className="documents-filters__field documents-filters__search">
          <span className="task-fields__label">{t('documents.search')}</span>
          <input
            type="search"
            className="input"
            value={typed}
            placeholder={t('documents.searchPlaceholder')}
            onChange={(event) => {
              setTyped(event.target.value);
              set('q', event.target.value.trim());
            }}
          />
        </label>
        {groups.data && groups.data.length > 1 ? (
          <label className="documents-filters__field">
            <span className="task-fields__label">{t('documents.group')}</span>
            <select
              className="input select"
              value={filters.groupId}
              onChange={(event) => set('groupe', event.target.value)}
            >
              <option value="">{t('documents.allGroups')}</option>
              {groups.data.map((group) => (
                <option key={group.id} value={group.id}>
                  {group.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="documents-filters__field">
          <span className="task-fields__label">{t('documents.kind')}</span>
          <select
            className="input select"
            value={filters.kind ?? ''}
            onChange={(event) => set('type', event.target.value)}
          >
            <option value="">{t('documents.allKinds')}</option>
            {DOCUMENT_KIND_IDS.map((kind) => (
              <option key={kind} value={kind}>
                {labels.kind(kind)}
              </option>
            ))}
          </select>
        </label>
      </form>

      {search.isPending ? (
        <LoadingRegion label={t('documents.loading')}>
          <Skeleton className="skeleton--card" />
        </LoadingRegion>
      ) : search.isError ? (
        <QueryErrorState query={search} title={t('documents.failed')} />
      ) : items.length === 0 ? (
        <EmptyState icon={SearchX} title={t('documents.noMatchTitle')}>
          <p>{t('documents.noMatchBody')}</p>
          <div className="empty-state__actions">
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setTyped('');
                clear();
              }}
            >
              {t('documents.clearFilters')}
            </button>
          </div>
        </EmptyState>
      ) : (
        <section className="case-section documents-results" aria-labelledby={`${id}-count`}>
          <h2 id={`${id}-count`} className="documents-results__count" aria-live="polite">
            {search.hasNextPage
              ? t('documents.label')
              : t('documents.count', { count: items.length })}
          </h2>
          <ul className="document-list">
            {items.map((document) => (
              <DocumentRow key={document.id} document={document} caseTitle={document.caseTitle} />
            ))}
          </ul>
          {search.hasNextPage ? (
            <button
              type="button"
              className="button button--secondary button--small documents-results__more"
              disabled={search.isFetchingNextPage}
              onClick={() => void search.fetchNextPage()}
            >
              {search.isFetchingNextPage ? t('common.loading') : t('documents.more')}
            </button>
          ) : null}
        </section>
      )}
    </>
  );
}
