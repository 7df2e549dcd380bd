import { Search } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { CommandPalette } from './CommandPalette';
import { openSearchPalette, shortcutLabel } from './paletteStore';

/**
 * The header's search: a field-like button in the sidebar (an icon in the small screens' top
 * bar) showing its shortcut, and the palette it opens.
 */
export function SearchLauncher() {
  const { t } = useTranslation();
  const shortcut = shortcutLabel();
  return (
    <>
      <button
        type="button"
        className="search-trigger"
        aria-keyshortcuts="Control+K Meta+K"
        title={t('search.triggerTitle', { shortcut })}
        onClick={openSearchPalette}
      >
        <Search size={17} aria-hidden="true" className="search-trigger__icon" />
        <span className="search-trigger__label">{t('search.trigger')}</span>
        <kbd className="search-trigger__shortcut" aria-hidden="true">
          {shortcut}
        </kbd>
      </button>
      <CommandPalette />
    </>
  );
}
