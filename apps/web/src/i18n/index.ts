import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { LANGUAGES, type Label, type Language } from '@technopolice/shared';
import en from './en.json';
import fr from './fr.json';

/** Where the chosen language is remembered between visits. */
export const LANGUAGE_STORAGE_KEY = 'technopolice.language';
/** The language of the interface when nothing else was chosen. */
export const DEFAULT_LANGUAGE: Language = 'fr';

export const resources = {
  fr: { translation: fr },
  en: { translation: en },
} as const;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function readStoredLanguage(): Language | undefined {
  try {
    const stored = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(stored) ? stored : undefined;
  } catch {
    // Storage can be disabled (private browsing, hardened profiles): fall back silently.
    return undefined;
  }
}

function storeLanguage(language: Language): void {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not remembered across visits, still applied for this one.
  }
}

/**
 * `?lang=en` on any URL picks the language (and remembers it), so a link can be shared in a
 * given language. The parameter is then removed from the address bar.
 */
function takeLanguageFromUrl(): Language | undefined {
  const url = new URL(window.location.href);
  const requested = url.searchParams.get('lang');
  if (requested == null) return undefined;
  url.searchParams.delete('lang');
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  return isLanguage(requested) ? requested : undefined;
}

/** The language to start with: URL parameter, then the remembered choice, then French. */
export function detectInitialLanguage(): Language {
  const fromUrl = takeLanguageFromUrl();
  if (fromUrl) {
    storeLanguage(fromUrl);
    return fromUrl;
  }
  return readStoredLanguage() ?? DEFAULT_LANGUAGE;
}

function applyDocumentLanguage(language: string): void {
  document.documentElement.lang = language;
}

i18n.on('languageChanged', (language) => {
  applyDocumentLanguage(language);
  if (isLanguage(language)) storeLanguage(language);
});

const initialLanguage = detectInitialLanguage();

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLanguage,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});
applyDocumentLanguage(initialLanguage);

/** Switches the interface language; remembered in localStorage, reflected on `<html lang>`. */
export function setLanguage(language: Language): Promise<unknown> {
  return i18n.changeLanguage(language);
}

/** The current interface language, re-rendering when it changes. */
export function useLanguage(): Language {
  const { i18n: instance } = useTranslation();
  const current = instance.resolvedLanguage ?? instance.language;
  return isLanguage(current) ? current : DEFAULT_LANGUAGE;
}

/** Picks the label of a shared taxonomy entry in the current language. */
export function useLabel(): (label: Label) => string {
  const language = useLanguage();
  return (label) => label[language];
}

export default i18n;
