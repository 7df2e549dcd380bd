import {
  CASE_STAGE_IDS,
  CASE_STAGES,
  PROJECT_STATUS_IDS,
  TECHNOLOGIES,
  type CaseSummary,
  type Label,
} from '@technopolice/shared';
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLabel, useLanguage } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { DEFAULT_ORDER, type ListSort, type SortOrder } from '../params';
import { casePath, cityLabel, ProjectStatusBadge, TechnologyChips } from './CaseCard';

const COLLATOR_OPTIONS: Intl.CollatorOptions = { sensitivity: 'base', numeric: true };

/** Compares two cases by one column of the list, ascending. */
export function compareBy(
  sort: ListSort,
  collator: Intl.Collator,
  label: (entry: Label) => string,
): (a: CaseSummary, b: CaseSummary) => number {
  const technologyName = (item: CaseSummary) =>
    item.technologies.map((id) => label(TECHNOLOGIES[id])).join(', ');
  switch (sort) {
    case 'titre':
      return (a, b) => collator.compare(a.title, b.title);
    case 'ville':
      return (a, b) => collator.compare(a.city.name, b.city.name);
    case 'etape':
      return (a, b) => CASE_STAGE_IDS.indexOf(a.stage) - CASE_STAGE_IDS.indexOf(b.stage);
    case 'statut':
      return (a, b) =>
        PROJECT_STATUS_IDS.indexOf(a.projectStatus) - PROJECT_STATUS_IDS.indexOf(b.projectStatus);
    case 'technos':
      return (a, b) => collator.compare(technologyName(a), technologyName(b));
    case 'taches':
      return (a, b) => a.openTasks - b.openTasks;
    case 'maj':
      return (a, b) => a.updatedAt.localeCompare(b.updatedAt);
  }
}

/** The list in the chosen order; ties keep the most recently updated first. */
export function sortCases(
  items: readonly CaseSummary[],
  sort: ListSort,
  order: SortOrder,
  language: string,
  label: (entry: Label) => string,
): CaseSummary[] {
  const collator = new Intl.Collator(language, COLLATOR_OPTIONS);
  const compare = compareBy(sort, collator, label);
  const sign = order === 'asc' ? 1 : -1;
  return [...items].sort((a, b) => sign * compare(a, b) || b.updatedAt.localeCompare(a.updatedAt));
}

const COLUMNS: readonly { sort: ListSort; className?: string }[] = [
  { sort: 'titre', className: 'case-table__title' },
  { sort: 'ville' },
  { sort: 'etape' },
  { sort: 'statut' },
  { sort: 'technos' },
  { sort: 'taches', className: 'case-table__number' },
  { sort: 'maj' },
];

interface CaseTableProps {
  items: readonly CaseSummary[];
  sort: ListSort;
  order: SortOrder;
  onSort: (sort: ListSort, order: SortOrder) => void;
}

/** The cases as a table; each header is a button that sorts by its column (`aria-sort`). */
export function CaseTable({ items, sort, order, onSort }: CaseTableProps) {
  const { t } = useTranslation();
  const label = useLabel();
  const language = useLanguage();
  const rows = useMemo(
    () => sortCases(items, sort, order, language, label),
    // `label` changes with `language`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [items, sort, order, language],
  );

  return (
    <div className="case-table-wrap">
      <table className="case-table">
        <caption className="visually-hidden">
          {t('board.list.caption', { count: items.length })}
        </caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => {
              const active = column.sort === sort;
              const Icon = active ? (order === 'asc' ? ArrowUp : ArrowDown) : ArrowUpDown;
              const next: SortOrder = active
                ? order === 'asc'
                  ? 'desc'
                  : 'asc'
                : DEFAULT_ORDER[column.sort];
              return (
                <th
                  key={column.sort}
                  scope="col"
                  className={column.className}
                  aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  <button
                    type="button"
                    className="case-table__sort"
                    data-active={active || undefined}
                    onClick={() => onSort(column.sort, next)}
                  >
                    {t(`board.list.columns.${column.sort}`)}
                    <Icon size={14} aria-hidden="true" />
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((item) => (
            <tr key={item.id} data-case-id={item.id}>
              <td className="case-table__title">
                <Link to={casePath(item.id)}>{item.title}</Link>
                {item.tags.length > 0 ? (
                  <span className="case-table__tags">
                    {item.tags.map((tag) => `#${tag}`).join(' ')}
                  </span>
                ) : null}
              </td>
              <td>{cityLabel(item.city)}</td>
              <td>
                <span className="stage-label">
                  <span className="stage-dot" data-tone={item.stage} aria-hidden="true" />
                  {label(CASE_STAGES[item.stage])}
                </span>
              </td>
              <td>
                <ProjectStatusBadge status={item.projectStatus} />
              </td>
              <td>
                <TechnologyChips technologies={item.technologies} max={2} />
              </td>
              <td className="case-table__number">{item.openTasks}</td>
              <td className="case-table__date">
                <time dateTime={item.updatedAt}>{formatDateTime(item.updatedAt, language)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
