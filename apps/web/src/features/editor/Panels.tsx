import { Link2Off } from 'lucide-react';
import { type KeyboardEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ItemIcon } from './SuggestionPopup';
import type { DocumentOption } from './types';

/**
 * The toolbar's panels: choosing a document of the case (as an image or as a reference), and
 * setting a link. Each opens under the toolbar with the focus in its field; Escape closes it
 * and gives the focus back to the text.
 */

const SEARCH_DELAY_MS = 150;
const MAX_RESULTS = 12;

export function DocumentPicker({
  kind,
  search,
  onPick,
  onClose,
}: {
  kind: 'image' | 'document';
  search: (query: string) => Promise<DocumentOption[]>;
  onPick: (document: DocumentOption) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const listboxId = `${id}-list`;
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<{
    status: 'loading' | 'ready' | 'failed';
    items: DocumentOption[];
  }>({ status: 'loading', items: [] });
  const [active, setActive] = useState(0);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      search(query.trim()).then(
        (documents) => {
          if (!current) return;
          const items = documents
            .filter((document) => kind === 'document' || document.mimeType.startsWith('image/'))
            .slice(0, MAX_RESULTS);
          setResult({ status: 'ready', items });
          setActive(0);
        },
        () => {
          if (current) setResult({ status: 'failed', items: [] });
        },
      );
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, kind, search]);

  const { items, status } = result;
  const optionId = (index: number) => `${id}-option-${index}`;
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    } else if (items.length === 0) {
      return;
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((active + 1) % items.length);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((active - 1 + items.length) % items.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const chosen = items[active];
      if (chosen) onPick(chosen);
    }
  };

  const title = kind === 'image' ? t('editor.picker.images') : t('editor.picker.documents');
  const empty = kind === 'image' ? t('editor.picker.noImages') : t('editor.picker.noDocuments');
  return (
    <div className="rt-panel" role="group" aria-label={title}>
      <input
        className="rt-panel__input"
        type="search"
        role="combobox"
        aria-label={t('editor.picker.search')}
        placeholder={t('editor.picker.search')}
        aria-expanded={items.length > 0}
        aria-controls={listboxId}
        aria-autocomplete="list"
        aria-activedescendant={items.length > 0 ? optionId(active) : undefined}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={onKeyDown}
        autoFocus
      />
      <ul role="listbox" id={listboxId} aria-label={title} className="rt-listbox">
        {items.map((document, index) => (
          <li
            key={document.id}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            className="rt-option"
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onPick(document)}
            onMouseMove={() => setActive(index)}
          >
            <ItemIcon
              item={{
                kind: 'document',
                id: document.id,
                label: document.title,
                mimeType: document.mimeType,
              }}
            />
            <span className="rt-option__label">{document.title}</span>
          </li>
        ))}
      </ul>
      {items.length === 0 ? (
        <p className="rt-popup__status" role="status">
          {status === 'loading'
            ? t('editor.picker.loading')
            : status === 'failed'
              ? t('editor.picker.failed')
              : empty}
        </p>
      ) : null}
    </div>
  );
}

export function LinkPanel({
  initialHref,
  normalize,
  onApply,
  onRemove,
  onClose,
}: {
  initialHref: string;
  normalize: (input: string) => string | null;
  onApply: (href: string) => void;
  /** Present when the selection is in a link. */
  onRemove?: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [value, setValue] = useState(initialHref);
  const [invalid, setInvalid] = useState(false);

  const apply = () => {
    const href = normalize(value);
    if (href === null) setInvalid(true);
    else onApply(href);
  };

  return (
    <form
      className="rt-panel rt-panel--link"
      aria-label={t('editor.link')}
      onSubmit={(event) => {
        event.preventDefault();
        apply();
      }}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        onClose();
      }}
    >
      <label className="visually-hidden" htmlFor={`${id}-href`}>
        {t('editor.linkPanel.label')}
      </label>
      <div className="rt-panel__row">
        <input
          id={`${id}-href`}
          className="rt-panel__input"
          type="text"
          inputMode="url"
          autoComplete="url"
          spellCheck={false}
          placeholder={t('editor.linkPanel.placeholder')}
          aria-invalid={invalid}
          aria-describedby={invalid ? `${id}-error` : undefined}
          value={value}
          onChange={(event) => {
            setValue(event.target.value);
            setInvalid(false);
          }}
          autoFocus
        />
        <button type="submit" className="button button--primary button--small">
          {t('editor.linkPanel.apply')}
        </button>
        {onRemove ? (
          <button
            type="button"
            className="rt-tool"
            aria-label={t('editor.linkPanel.remove')}
            title={t('editor.linkPanel.remove')}
            onClick={onRemove}
          >
            <Link2Off size={16} aria-hidden="true" />
          </button>
        ) : null}
      </div>
      {invalid ? (
        <p id={`${id}-error`} className="rt-panel__error" role="alert">
          {t('editor.linkPanel.invalid')}
        </p>
      ) : null}
    </form>
  );
}
