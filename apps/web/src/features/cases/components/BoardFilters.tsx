import { useQueryClient } from '@tanstack/react-query';
import {
  PROJECT_STATUS_IDS,
  PROJECT_STATUSES,
  TECHNOLOGIES,
  TECHNOLOGY_IDS,
  type Member,
  type ProjectStatus,
  type Technology,
} from '@technopolice/shared';
import { ChevronDown, FilterX, Search } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TechnologyIcon } from '../../../components/TechnologyIcon';
import { useLabel } from '../../../i18n';
import { caseKeys, useCity } from '../../../lib/cases';
import { type BoardParams, hasFilters, type ParamChanges } from '../params';
import { CityPicker, useDebouncedValue } from './CityPicker';

interface BoardFiltersProps {
  params: BoardParams;
  update: (changes: ParamChanges, options?: { replace?: boolean }) => void;
  clearFilters: () => void;
  members: readonly Member[];
  /** Cases per technology, counted with every filter but the technology one. */
  technologyCounts: Record<Technology, number> | undefined;
  /** Cases per project status, counted with every filter but the status one. */
  statusCounts: Record<ProjectStatus, number> | undefined;
}

function toggled<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((entry) => entry !== value) : [...list, value];
}

/** The text filter: typed freely, written to the address once typing pauses. */
function SearchFilter({
  value,
  onCommit,
}: {
  value: string;
  onCommit: (q: string, replace: boolean) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  const debounced = useDebouncedValue(text, 300);
  const commit = useRef(onCommit);
  useEffect(() => {
    commit.current = onCommit;
  });

  // The address changed (back, forward, "clear filters"): the input follows.
  if (value !== seen) {
    setSeen(value);
    setText(value);
  }

  useEffect(() => {
    if (debounced.trim() !== value.trim()) commit.current(debounced, true);
    // Only a pause in typing writes the address; `value` changing alone must not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  return (
    <div className="search-filter">
      <Search size={16} className="search-filter__icon" aria-hidden="true" />
      <input
        type="search"
        className="input search-filter__input"
        aria-label={t('board.filters.search')}
        placeholder={t('board.filters.searchPlaceholder')}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            if (text.trim() !== value.trim()) onCommit(text, false);
          }
        }}
      />
    </div>
  );
}

/** A dropdown of checkboxes (a `<details>`, so that keyboards and screen readers know it). */
function StatusFilter({
  selected,
  counts,
  onChange,
}: {
  selected: readonly ProjectStatus[];
  counts: Record<ProjectStatus, number> | undefined;
  onChange: (next: ProjectStatus[]) => void;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const ref = useRef<HTMLDetailsElement>(null);

  useEffect(() => {
    function onPointerDown(event: PointerEvent) {
      const details = ref.current;
      if (details?.open && !details.contains(event.target as Node)) details.open = false;
    }
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, []);

  return (
    <details
      ref={ref}
      className="filter-menu"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && ref.current?.open) {
          ref.current.open = false;
          ref.current.querySelector('summary')?.focus();
        }
      }}
    >
      <summary className="filter-menu__summary" data-active={selected.length > 0 || undefined}>
        {t('board.filters.status')}
        {selected.length > 0 ? <span className="filter-menu__badge">{selected.length}</span> : null}
        <ChevronDown size={15} aria-hidden="true" />
      </summary>
      <fieldset className="filter-menu__panel">
        <legend className="visually-hidden">{t('board.filters.status')}</legend>
        {PROJECT_STATUS_IDS.map((status) => (
          <label key={status} className="filter-menu__option">
            <input
              type="checkbox"
              checked={selected.includes(status)}
              onChange={() => onChange(toggled(selected, status))}
            />
            <span className="project-status" data-status={status}>
              {label(PROJECT_STATUSES[status])}
            </span>
            {counts ? <span className="facet-count">{counts[status]}</span> : null}
          </label>
        ))}
      </fieldset>
    </details>
  );
}

/** Filters of the board, all kept in the address; technologies as facet chips with counts. */
export function BoardFilters({
  params,
  update,
  clearFilters,
  members,
  technologyCounts,
  statusCounts,
}: BoardFiltersProps) {
  const { t } = useTranslation();
  const label = useLabel();
  const queryClient = useQueryClient();
  const city = useCity(params.cityCode ?? undefined);
  const cityValue = params.cityCode
    ? (city.data ?? { code: params.cityCode, name: params.cityCode, departmentCode: '' })
    : null;

  const shownTechnologies = TECHNOLOGY_IDS.filter(
    (id) => params.technologies.includes(id) || (technologyCounts?.[id] ?? 0) > 0,
  );

  return (
    <div className="board-filters" role="search" aria-label={t('board.filters.label')}>
      <div className="board-filters__row">
        <SearchFilter value={params.q} onCommit={(q, replace) => update({ q }, { replace })} />
        <CityPicker
          compact
          clearOnType={false}
          ariaLabel={t('board.filters.city')}
          placeholder={t('board.filters.cityPlaceholder')}
          value={cityValue}
          onChange={(chosen) => {
            if (chosen) queryClient.setQueryData(caseKeys.city(chosen.code), chosen);
            update({ ville: chosen?.code ?? null });
          }}
        />
        <StatusFilter
          selected={params.projectStatuses}
          counts={statusCounts}
          onChange={(next) => update({ statut: next })}
        />
        <select
          className="input select select--compact board-filters__assignee"
          aria-label={t('board.filters.assignee')}
          value={params.assigneeId ?? ''}
          onChange={(event) => update({ membre: event.target.value || null })}
        >
          <option value="">{t('board.filters.anyAssignee')}</option>
          {members.map((member) => (
            <option key={member.userId} value={member.userId}>
              {member.displayName}
            </option>
          ))}
        </select>
        {hasFilters(params) ? (
          <button type="button" className="button button--ghost" onClick={clearFilters}>
            <FilterX size={16} aria-hidden="true" />
            {t('board.filters.clear')}
          </button>
        ) : null}
      </div>
      {shownTechnologies.length > 0 ? (
        <ul className="facets" aria-label={t('board.filters.technologies')}>
          {shownTechnologies.map((id) => {
            const pressed = params.technologies.includes(id);
            const count = technologyCounts?.[id] ?? 0;
            return (
              <li key={id}>
                <button
                  type="button"
                  className="facet"
                  aria-pressed={pressed}
                  onClick={() => update({ techno: toggled(params.technologies, id) })}
                >
                  <TechnologyIcon id={id} size={14} />
                  <span className="facet__label">{label(TECHNOLOGIES[id])}</span>
                  <span className="facet-count">
                    <span aria-hidden="true">{count}</span>
                    <span className="visually-hidden">
                      {t('board.filters.facetCount', { count })}
                    </span>
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
