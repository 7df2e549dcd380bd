import type { City } from '@technopolice/shared';
import { LoaderCircle, MapPin, X } from 'lucide-react';
import { type KeyboardEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ControlProps } from '../../../components/Field';
import { useCities } from '../../../lib/cases';
import { cityLabel } from './CaseCard';

/** A value that follows `value` once it stopped changing for `delay` ms. */
export function useDebouncedValue<T>(value: T, delay: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

/** The smallest piece of a city the picker needs to show a chosen one. */
export type CityChoice = Pick<City, 'code' | 'name' | 'departmentCode'>;

interface CityPickerProps {
  /** Id and ARIA links from the surrounding {@link Field} (or an `aria-label`). */
  control?: ControlProps;
  ariaLabel?: string;
  value: CityChoice | null;
  onChange: (city: City | null) => void;
  placeholder?: string;
  /** Typing drops the current choice (a form field); a filter keeps it until another is chosen. */
  clearOnType?: boolean;
  compact?: boolean;
}

/** How long the picker waits after the last key before asking the gazetteer. */
export const CITY_SEARCH_DELAY_MS = 250;

/**
 * A commune, searched in the gazetteer as one types (`GET /api/cities?q=`): an ARIA 1.2
 * combobox with a listbox popup, arrows to move, Enter to choose, Escape to close.
 */
export function CityPicker({
  control,
  ariaLabel,
  value,
  onChange,
  placeholder,
  clearOnType = true,
  compact = false,
}: CityPickerProps) {
  const { t } = useTranslation();
  const fallbackId = useId();
  const id = control?.id ?? fallbackId;
  const listId = `${id}-listbox`;
  const [text, setText] = useState(value ? cityLabel(value) : '');
  const [shownValue, setShownValue] = useState(value);
  const [open, setOpen] = useState(false);
  const [activeIndex, setActiveIndex] = useState(-1);
  const term = useDebouncedValue(text, CITY_SEARCH_DELAY_MS);
  const searching = open && term.trim().length > 0 && term !== (value ? cityLabel(value) : '');
  const cities = useCities(searching ? term : '');
  const options = searching ? (cities.data ?? []) : [];

  // A choice made elsewhere (the address, a reset) shows in the input.
  if ((value ? cityLabel(value) : '') !== (shownValue ? cityLabel(shownValue) : '')) {
    setShownValue(value);
    setText(value ? cityLabel(value) : '');
  }

  function choose(city: City) {
    setText(cityLabel(city));
    setShownValue(city);
    setOpen(false);
    setActiveIndex(-1);
    onChange(city);
  }

  function clear() {
    setText('');
    setShownValue(null);
    setOpen(false);
    onChange(null);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        setOpen(true);
        setActiveIndex((index) => (options.length === 0 ? -1 : (index + 1) % options.length));
        break;
      case 'ArrowUp':
        event.preventDefault();
        setOpen(true);
        setActiveIndex((index) =>
          options.length === 0 ? -1 : (index - 1 + options.length) % options.length,
        );
        break;
      case 'Enter': {
        const option = options[activeIndex];
        if (open && option) {
          event.preventDefault();
          choose(option);
        }
        break;
      }
      case 'Escape':
        if (open) {
          event.preventDefault();
          setOpen(false);
          setActiveIndex(-1);
        } else if (text) {
          event.preventDefault();
          if (value) setText(cityLabel(value));
          else setText('');
        }
        break;
      default:
        break;
    }
  }

  const expanded = open && searching && (options.length > 0 || !cities.isFetching);
  const activeOption = options[activeIndex];
  return (
    <div className={compact ? 'city-picker city-picker--compact' : 'city-picker'}>
      <MapPin size={16} className="city-picker__icon" aria-hidden="true" />
      <input
        {...control}
        id={id}
        type="text"
        role="combobox"
        className="input city-picker__input"
        aria-label={ariaLabel}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={
          expanded && activeOption ? `${listId}-${activeOption.code}` : undefined
        }
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder ?? t('board.city.placeholder')}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActiveIndex(-1);
          if (clearOnType && value) onChange(null);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => {
          setOpen(false);
          setActiveIndex(-1);
        }}
        onKeyDown={onKeyDown}
      />
      {searching && cities.isFetching ? (
        <LoaderCircle size={16} className="city-picker__busy spin" aria-hidden="true" />
      ) : text ? (
        <button
          type="button"
          className="city-picker__clear"
          onClick={clear}
          aria-label={t('board.city.clear')}
        >
          <X size={14} aria-hidden="true" />
        </button>
      ) : null}
      <ul id={listId} role="listbox" className="city-picker__list" hidden={!expanded}>
        {options.map((city, index) => (
          <li
            key={city.code}
            id={`${listId}-${city.code}`}
            role="option"
            aria-selected={index === activeIndex}
            className="city-picker__option"
            // Keeps focus in the input, so that blur does not close the list before the click.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(city)}
            onMouseEnter={() => setActiveIndex(index)}
          >
            <span className="city-picker__name">{cityLabel(city)}</span>
            <span className="city-picker__department">{city.departmentName}</span>
          </li>
        ))}
        {expanded && options.length === 0 ? (
          <li className="city-picker__none" role="presentation">
            {t('board.city.none')}
          </li>
        ) : null}
      </ul>
      <span className="visually-hidden" role="status" aria-live="polite">
        {expanded ? t('board.city.results', { count: options.length }) : ''}
      </span>
    </div>
  );
}
