import type { GroupSummary } from '@technopolice/shared';
import { FolderOpen, Kanban, List, MapIcon, Plus, SearchX } from 'lucide-react';
import { lazy, Suspense, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { QueryErrorState } from '../../components/ErrorState';
import { LoadingRegion, Skeleton } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useCases } from '../../lib/cases';
import { useMembers } from '../../lib/identity';
import { facetCounts } from './board';
import { BoardFilters } from './components/BoardFilters';
import { CaseBoard } from './components/CaseBoard';
import { CaseTable } from './components/CaseTable';
import { CreateCaseDialog } from './components/CreateCaseDialog';
import { ExportImport } from './components/ExportImport';
import { ToastProvider } from './components/Toasts';
import { filtersOf, hasFilters, type BoardView, useBoardParams, VIEWS } from './params';
import { useBoardLive } from './useBoardLive';

/** The map and its geometry (≈85 KB) load only when the map view is opened. */
const CaseMap = lazy(() => import('./map/CaseMap'));

const VIEW_ICONS = { tableau: Kanban, liste: List, carte: MapIcon } as const;

function ViewSwitch({ view, onChange }: { view: BoardView; onChange: (view: BoardView) => void }) {
  const { t } = useTranslation();
  return (
    <div className="view-switch" role="group" aria-label={t('board.views.label')}>
      {VIEWS.map((entry) => {
        const Icon = VIEW_ICONS[entry];
        return (
          <button
            key={entry}
            type="button"
            className="view-switch__button"
            aria-pressed={entry === view}
            onClick={() => onChange(entry)}
          >
            <Icon size={16} aria-hidden="true" />
            {t(`board.views.${entry}`)}
          </button>
        );
      })}
    </div>
  );
}

function LiveIndicator({ live }: { live: boolean }) {
  const { t } = useTranslation();
  return (
    <span
      className="live-indicator"
      data-live={live || undefined}
      title={live ? t('board.live.onHint') : t('board.live.offHint')}
    >
      <span className="live-indicator__dot" aria-hidden="true" />
      {live ? t('board.live.on') : t('board.live.off')}
    </span>
  );
}

function BoardSkeleton() {
  const { t } = useTranslation();
  return (
    <LoadingRegion label={t('board.loading')}>
      <div className="board">
        {[0, 1, 2, 3, 4].map((column) => (
          <div key={column} className="board-column">
            <Skeleton className="skeleton--text" />
            <Skeleton className="skeleton--card" />
            <Skeleton className="skeleton--card" />
          </div>
        ))}
      </div>
    </LoadingRegion>
  );
}

/** The case board of one of my groups: board, list or map, filtered from the address. */
function GroupBoard({ groups }: { groups: readonly GroupSummary[] }) {
  const { t } = useTranslation();
  const groupSelectId = useId();
  const { params, update, clearFilters } = useBoardParams();
  const group = groups.find((entry) => entry.id === params.groupId) ?? groups[0];
  const groupId = group?.id ?? '';
  const filters = filtersOf(params, groupId);
  const cases = useCases(filters);
  // Facets count each value with every other filter applied, so that choosing one technology
  // does not hide how many cases the others have. Without that filter, the same query.
  const technologyBase = useCases({ ...filters, technologies: [] });
  const statusBase = useCases({ ...filters, projectStatuses: [] });
  const members = useMembers(groupId);
  const { live } = useBoardLive(groupId || undefined);
  const [creating, setCreating] = useState(false);

  const items = useMemo(() => cases.data?.items ?? [], [cases.data]);
  const technologyCounts = useMemo(
    () => (technologyBase.data ? facetCounts(technologyBase.data.items).technologies : undefined),
    [technologyBase.data],
  );
  const statusCounts = useMemo(
    () => (statusBase.data ? facetCounts(statusBase.data.items).projectStatuses : undefined),
    [statusBase.data],
  );
  const canImport = group?.role === 'admin' || group?.role === 'coordinator';
  const filtered = hasFilters(params);

  let content;
  if (cases.isPending) content = <BoardSkeleton />;
  else if (cases.isError && !cases.data) content = <QueryErrorState query={cases} />;
  else if (items.length === 0 && !filtered)
    content = (
      <EmptyState icon={FolderOpen} title={t('cases.emptyTitle')}>
        <p>{t('cases.emptyBody')}</p>
        <div className="empty-state__actions">
          <button
            type="button"
            className="button button--primary"
            onClick={() => setCreating(true)}
          >
            <Plus size={16} aria-hidden="true" />
            {t('board.create.first')}
          </button>
        </div>
      </EmptyState>
    );
  else
    content = (
      <>
        {items.length === 0 ? (
          <div className="board-no-match" role="status">
            <SearchX size={18} aria-hidden="true" />
            <span>{t('board.noMatch')}</span>
            <button type="button" className="button button--ghost" onClick={clearFilters}>
              {t('board.filters.clear')}
            </button>
          </div>
        ) : null}
        {params.view === 'tableau' ? <CaseBoard items={items} /> : null}
        {params.view === 'liste' && items.length > 0 ? (
          <CaseTable
            items={items}
            sort={params.sort}
            order={params.order}
            onSort={(sort, order) => update({ tri: sort, ordre: order })}
          />
        ) : null}
        {params.view === 'carte' ? (
          <Suspense fallback={<LoadingRegion label={t('board.map.loading')}>{null}</LoadingRegion>}>
            <CaseMap items={items} />
          </Suspense>
        ) : null}
      </>
    );

  return (
    <div className="cases-page">
      <PageHeader
        title={t('cases.title')}
        description={t('cases.description')}
        actions={
          <>
            {groups.length > 1 ? (
              <div className="group-picker">
                <label htmlFor={groupSelectId} className="group-picker__label">
                  {t('board.group')}
                </label>
                <select
                  id={groupSelectId}
                  className="input select select--compact"
                  value={groupId}
                  onChange={(event) => update({ groupe: event.target.value, membre: null })}
                >
                  {groups.map((entry) => (
                    <option key={entry.id} value={entry.id}>
                      {entry.name}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            <ExportImport groupId={groupId} canImport={canImport} />
            <button
              type="button"
              className="button button--primary"
              onClick={() => setCreating(true)}
            >
              <Plus size={16} aria-hidden="true" />
              {t('board.create.open')}
            </button>
          </>
        }
      />
      <div className="board-toolbar">
        <ViewSwitch
          view={params.view}
          onChange={(view) => update({ vue: view === 'tableau' ? null : view })}
        />
        <p className="board-toolbar__summary" aria-live="polite">
          {cases.data
            ? filtered
              ? t('board.summaryFiltered', { count: items.length })
              : t('board.summary', { count: items.length })
            : null}
          {cases.isFetching && cases.data ? (
            <span className="board-toolbar__refreshing">{t('board.refreshing')}</span>
          ) : null}
        </p>
        <LiveIndicator live={live} />
      </div>
      <BoardFilters
        params={params}
        update={update}
        clearFilters={clearFilters}
        members={members.data ?? []}
        technologyCounts={technologyCounts}
        statusCounts={statusCounts}
      />
      {content}
      {creating ? <CreateCaseDialog groupId={groupId} onClose={() => setCreating(false)} /> : null}
    </div>
  );
}

/** `/dossiers`: the board of the group chosen in the address (default: my first group). */
export function CaseBoardPage({ groups }: { groups: readonly GroupSummary[] }) {
  return (
    <ToastProvider>
      <GroupBoard groups={groups} />
    </ToastProvider>
  );
}
