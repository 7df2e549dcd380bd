import { SEARCH_TYPES, type SearchAnswer, type SearchType } from '@technopolice/shared';
import { Layers, type LucideIcon } from 'lucide-react';
import { type KeyboardEvent, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount, formatTotal, TYPE_ICONS } from './parts';

/** A tab: every type, or one. */
type Tab = SearchType | 'all';
const TABS: readonly Tab[] = ['all', ...SEARCH_TYPES];
const ICONS: Record<Tab, LucideIcon> = { all: Layers, ...TYPE_ICONS };

function countOf(tab: Tab, counts: SearchAnswer['counts'] | undefined): string | null {
  if (!counts) return null;
  return tab === 'all' ? formatTotal(counts) : formatCount(counts[tab] ?? 0);
}

/**
 * Every type of result, then each one, with how many matched: tabs over the one results panel,
 * arrows to move between them (and the results follow).
 */
export function TypeTabs({
  type,
  counts,
  panelId,
  idPrefix,
  onChange,
}: {
  type: SearchType | undefined;
  counts: SearchAnswer['counts'] | undefined;
  panelId: string;
  idPrefix: string;
  onChange: (type: SearchType | undefined) => void;
}) {
  const { t } = useTranslation();
  const refs = useRef(new Map<Tab, HTMLButtonElement>());
  const current: Tab = type ?? 'all';

  const select = (tab: Tab) => onChange(tab === 'all' ? undefined : tab);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = TABS.indexOf(current);
    const next =
      event.key === 'ArrowRight'
        ? TABS[(index + 1) % TABS.length]
        : event.key === 'ArrowLeft'
          ? TABS[(index - 1 + TABS.length) % TABS.length]
          : event.key === 'Home'
            ? TABS[0]
            : event.key === 'End'
              ? TABS[TABS.length - 1]
              : undefined;
    if (!next) return;
    event.preventDefault();
    select(next);
    refs.current.get(next)?.focus();
  };

  return (
    <div
      className="case-tabs search-tabs"
      role="tablist"
      aria-label={t('search.page.types')}
      onKeyDown={onKeyDown}
    >
      {TABS.map((tab) => {
        const Icon = ICONS[tab];
        const count = countOf(tab, counts);
        return (
          <button
            key={tab}
            ref={(node) => {
              if (node) refs.current.set(tab, node);
              else refs.current.delete(tab);
            }}
            type="button"
            role="tab"
            id={`${idPrefix}-tab-${tab}`}
            className="case-tabs__tab"
            aria-selected={current === tab}
            aria-controls={current === tab ? panelId : undefined}
            tabIndex={current === tab ? 0 : -1}
            data-keep-focus
            onClick={() => select(tab)}
          >
            <Icon size={16} aria-hidden="true" />
            {tab === 'all' ? t('search.types.all') : t(`search.types.${tab}.other`)}
            {count !== null ? <span className="case-tabs__count">{count}</span> : null}
          </button>
        );
      })}
    </div>
  );
}
