import { FileText, MessagesSquare, NotebookPen, Search, type LucideIcon } from 'lucide-react';
import { type KeyboardEvent, type ReactNode, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

/** The parts of a case, as `?onglet=` names them (French, like the paths). */
export const CASE_TABS = ['enquete', 'documents', 'discussions', 'synthese'] as const;
export type CaseTab = (typeof CASE_TABS)[number];

const ICONS: Record<CaseTab, LucideIcon> = {
  enquete: Search,
  documents: FileText,
  discussions: MessagesSquare,
  synthese: NotebookPen,
};

function isTab(value: string | null): value is CaseTab {
  return (CASE_TABS as readonly (string | null)[]).includes(value);
}

/** The chosen tab, kept in the address so that a link opens the same part of the case. */
export function useCaseTab(): [CaseTab, (tab: CaseTab) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get('onglet');
  const tab = isTab(value) ? value : 'enquete';
  return [
    tab,
    (next) =>
      setParams(
        (current) => {
          const copy = new URLSearchParams(current);
          if (next === 'enquete') copy.delete('onglet');
          else copy.set('onglet', next);
          return copy;
        },
        { replace: true },
      ),
  ];
}

/** An ARIA tab list: arrows, Home and End move between tabs, the panel follows. */
export function CaseTabs({
  tab,
  onChange,
  counts = {},
  children,
}: {
  tab: CaseTab;
  onChange: (tab: CaseTab) => void;
  /** How many items a tab holds, shown beside its name once known. */
  counts?: Partial<Record<CaseTab, number>>;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const refs = useRef(new Map<CaseTab, HTMLButtonElement>());

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = CASE_TABS.indexOf(tab);
    const target =
      event.key === 'ArrowRight'
        ? CASE_TABS[(index + 1) % CASE_TABS.length]
        : event.key === 'ArrowLeft'
          ? CASE_TABS[(index - 1 + CASE_TABS.length) % CASE_TABS.length]
          : event.key === 'Home'
            ? CASE_TABS[0]
            : event.key === 'End'
              ? CASE_TABS[CASE_TABS.length - 1]
              : undefined;
    if (!target) return;
    event.preventDefault();
    onChange(target);
    refs.current.get(target)?.focus();
  }

  return (
    <>
      <div
        className="case-tabs"
        role="tablist"
        aria-label={t('casePage.tabs.label')}
        onKeyDown={onKeyDown}
      >
        {CASE_TABS.map((id) => {
          const Icon = ICONS[id];
          return (
            <button
              key={id}
              ref={(node) => {
                if (node) refs.current.set(id, node);
                else refs.current.delete(id);
              }}
              type="button"
              role="tab"
              id={`case-tab-${id}`}
              className="case-tabs__tab"
              aria-selected={tab === id}
              aria-controls={tab === id ? `case-panel-${id}` : undefined}
              tabIndex={tab === id ? 0 : -1}
              onClick={() => onChange(id)}
            >
              <Icon size={16} aria-hidden="true" />
              {t(`casePage.tabs.${id}`)}
              {counts[id] !== undefined ? (
                <>
                  {' '}
                  <span className="case-tabs__count">{counts[id]}</span>
                </>
              ) : null}
            </button>
          );
        })}
      </div>
      <div
        role="tabpanel"
        id={`case-panel-${tab}`}
        aria-labelledby={`case-tab-${tab}`}
        className="case-tabs__panel"
      >
        {children}
      </div>
    </>
  );
}
