import { SEARCH_TYPES, type SearchResult } from '@technopolice/shared';
import { ArrowRight, CornerDownLeft, LoaderCircle, Search, SearchX } from 'lucide-react';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { trapTab } from '../../components/focusTrap';
import { useDebouncedValue } from '../cases/components/CityPicker';
import { useSearch } from './api';
import { isServerPage, resultHref, searchPageHref } from './links';
import {
  closeSearchPalette,
  isPaletteShortcut,
  openSearchPalette,
  useSearchPaletteOpen,
} from './paletteStore';
import { formatCount, formatTotal, ResultMeta, Snippet, TYPE_ICONS } from './parts';
import { SyntaxHint } from './SyntaxHint';

/** Quick enough to feel instant, slow enough not to search every keystroke of a fast typist. */
const SEARCH_DELAY_MS = 150;
/** Results the palette shows; the results page has the rest. */
const PALETTE_LIMIT = 8;

/** An entry of the list: a result, or "see all the results" at the end. */
type Option =
  { kind: 'result'; result: SearchResult; href: string } | { kind: 'all'; href: string };

function ResultOption({
  result,
  id,
  active,
  onActivate,
  onOpen,
}: {
  result: SearchResult;
  id: string;
  active: boolean;
  onActivate: () => void;
  onOpen: () => void;
}) {
  const { t } = useTranslation();
  const Icon = TYPE_ICONS[result.type];
  return (
    <div
      id={id}
      role="option"
      aria-selected={active}
      className="palette-option"
      onMouseMove={onActivate}
      onMouseDown={(event) => event.preventDefault()}
      onClick={onOpen}
    >
      <span className="palette-option__icon" data-type={result.type} aria-hidden="true">
        <Icon size={16} />
      </span>
      <span className="palette-option__main">
        <span className="palette-option__title">{result.title || t('search.untitled')}</span>
        <Snippet html={result.snippet} className="palette-option__snippet search-snippet" />
        <ResultMeta result={result} className="palette-option__meta" withType={false} />
      </span>
      <CornerDownLeft size={15} aria-hidden="true" className="palette-option__enter" />
    </div>
  );
}

/** The dialog itself, mounted while open: a fresh query each time. */
function PaletteDialog() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  // What had focus before (the header's button, a field), to give it back on dismissal.
  const [opener] = useState(() =>
    document.activeElement instanceof HTMLElement ? document.activeElement : null,
  );
  const [typed, setTyped] = useState('');
  const q = useDebouncedValue(typed, SEARCH_DELAY_MS);
  const search = useSearch({ q, prefix: true, limit: PALETTE_LIMIT });
  const asked = typed.trim() !== '' && q.trim() !== '';
  const answer = asked ? search.data : undefined;

  // Results grouped by type, in a fixed order people learn; options numbered across groups.
  const grouped = SEARCH_TYPES.map((type) => ({
    type,
    items: (answer?.items ?? []).filter((result) => result.type === type),
  })).filter((group) => group.items.length > 0);
  const groups = grouped.map((group, index) => ({
    ...group,
    start: grouped.slice(0, index).reduce((sum, before) => sum + before.items.length, 0),
  }));
  const options: Option[] = groups.flatMap((group) =>
    group.items.map((result) => ({ kind: 'result' as const, result, href: resultHref(result) })),
  );
  if (options.length > 0) options.push({ kind: 'all', href: searchPageHref(typed) });

  // A new answer starts again from its first option.
  const [active, setActive] = useState(0);
  const [shown, setShown] = useState(answer);
  if (shown !== answer) {
    setShown(answer);
    setActive(0);
  }
  const optionId = (index: number) => `${id}-option-${index}`;
  const expanded = options.length > 0;

  useEffect(() => {
    // Everything behind the palette is inert while it is open, like the other dialogs.
    const root = document.getElementById('root');
    root?.setAttribute('inert', '');
    inputRef.current?.focus();
    return () => root?.removeAttribute('inert');
  }, []);

  useEffect(() => {
    if (!expanded) return;
    // The active option stays in view as the arrows move (jsdom has no scrollIntoView).
    document.getElementById(optionId(active))?.scrollIntoView?.({ block: 'nearest' });
  });

  const close = (restoreFocus: boolean) => {
    document.getElementById('root')?.removeAttribute('inert');
    if (restoreFocus) opener?.focus();
    closeSearchPalette();
  };

  const go = (href: string) => {
    close(false);
    if (isServerPage(href)) window.location.assign(href);
    else void navigate(href);
  };

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape' || isPaletteShortcut(event.nativeEvent)) {
      event.preventDefault();
      close(true);
      return;
    }
    trapTab(event, dialogRef.current);
  }

  function onInputKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        if (!expanded) return;
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((current) => (current + step + options.length) % options.length);
        break;
      }
      case 'Enter': {
        event.preventDefault();
        const option = options[active];
        if (option) go(option.href);
        else if (typed.trim()) go(searchPageHref(typed));
        break;
      }
      default:
    }
  }

  return (
    <div
      className="palette-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) close(true);
      }}
    >
      <div
        ref={dialogRef}
        className="palette"
        role="dialog"
        aria-modal="true"
        aria-label={t('search.palette.label')}
        onKeyDown={onKeyDown}
      >
        <div className="palette__field">
          {search.isFetching && asked ? (
            <LoaderCircle size={19} aria-hidden="true" className="palette__field-icon spin" />
          ) : (
            <Search size={19} aria-hidden="true" className="palette__field-icon" />
          )}
          <input
            ref={inputRef}
            type="text"
            className="palette__input"
            role="combobox"
            aria-label={t('search.palette.input')}
            aria-autocomplete="list"
            aria-expanded={expanded}
            aria-controls={expanded ? `${id}-list` : undefined}
            aria-activedescendant={expanded ? optionId(active) : undefined}
            aria-describedby={`${id}-hint`}
            autoComplete="off"
            spellCheck={false}
            placeholder={t('search.palette.placeholder')}
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            onKeyDown={onInputKeyDown}
          />
          <button
            type="button"
            className="palette__close"
            onClick={() => close(true)}
            aria-label={t('search.palette.close')}
          >
            <kbd aria-hidden="true">{t('search.palette.escape')}</kbd>
          </button>
        </div>

        <div className="palette__body">
          <p className="visually-hidden" role="status">
            {answer
              ? answer.items.length > 0
                ? t('search.palette.announce', { count: answer.items.length })
                : t('search.palette.noResults', { q: typed.trim() })
              : ''}
          </p>
          {!typed.trim() ? (
            <div className="palette__state">
              <Search size={22} aria-hidden="true" />
              <p>{t('search.palette.empty')}</p>
            </div>
          ) : search.isError && asked ? (
            <div className="palette__state palette__state--error" role="alert">
              <p>{t('search.failed')}</p>
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => void search.refetch()}
              >
                {t('common.retry')}
              </button>
            </div>
          ) : !answer ? (
            <div className="palette__state">
              <p>{t('search.searching')}</p>
            </div>
          ) : answer.items.length === 0 ? (
            <div className="palette__state">
              <SearchX size={22} aria-hidden="true" />
              <p>{t('search.palette.noResults', { q: typed.trim() })}</p>
              <p className="palette__state-hint">{t('search.palette.noResultsHint')}</p>
            </div>
          ) : (
            <div
              id={`${id}-list`}
              role="listbox"
              aria-label={t('search.palette.results')}
              className="palette__list"
            >
              {groups.map((group) => {
                const { start } = group;
                const headingId = `${id}-group-${group.type}`;
                return (
                  <div
                    key={group.type}
                    role="group"
                    aria-labelledby={headingId}
                    className="palette__group"
                  >
                    <div id={headingId} role="presentation" className="palette__group-title">
                      {t(`search.types.${group.type}.other`)}
                      <span className="palette__group-count">
                        {formatCount(answer.counts[group.type] ?? 0)}
                      </span>
                    </div>
                    {group.items.map((result, index) => (
                      <ResultOption
                        key={`${result.type}-${result.id}`}
                        id={optionId(start + index)}
                        result={result}
                        active={active === start + index}
                        onActivate={() => setActive(start + index)}
                        onOpen={() => go(resultHref(result))}
                      />
                    ))}
                  </div>
                );
              })}
              <div
                id={optionId(options.length - 1)}
                role="option"
                aria-selected={active === options.length - 1}
                className="palette-option palette-option--all"
                onMouseMove={() => setActive(options.length - 1)}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => go(searchPageHref(typed))}
              >
                <span className="palette-option__icon" aria-hidden="true">
                  <ArrowRight size={16} />
                </span>
                <span className="palette-option__main">
                  <span className="palette-option__title">
                    {t('search.palette.seeAll', { total: formatTotal(answer.counts) })}
                  </span>
                </span>
                <CornerDownLeft size={15} aria-hidden="true" className="palette-option__enter" />
              </div>
            </div>
          )}
        </div>

        <div className="palette__footer">
          <SyntaxHint id={`${id}-hint`} className="palette__hint" />
          <p className="palette__keys" aria-hidden="true">
            <span>
              <kbd>↑</kbd>
              <kbd>↓</kbd> {t('search.palette.keysMove')}
            </span>
            <span>
              <kbd>↵</kbd> {t('search.palette.keysOpen')}
            </span>
          </p>
        </div>
      </div>
    </div>
  );
}

/**
 * Search from anywhere in the signed-in app: Ctrl+K (⌘K) or the header's button opens a modal
 * palette that searches as one types, results grouped by type, arrows and Enter to open one.
 */
export function CommandPalette() {
  const open = useSearchPaletteOpen();

  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.defaultPrevented || !isPaletteShortcut(event)) return;
      // Another modal dialog holds the page: it keeps the keyboard.
      if (document.getElementById('root')?.hasAttribute('inert')) return;
      event.preventDefault();
      openSearchPalette();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  // Leaving the signed-in app (or a test ending) closes it.
  useEffect(() => closeSearchPalette, []);

  return open ? createPortal(<PaletteDialog />, document.body) : null;
}
