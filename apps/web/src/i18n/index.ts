import i18n, { type BackendModule, type ResourceKey } from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { LANGUAGES, type Label, type Language } from '@technopolice/shared';
import {
  app,
  auth,
  board,
  cases,
  common,
  errors,
  forms,
  forum,
  language,
  nav,
  notFound,
  notifications,
  search,
  skipLink,
  status,
  userMenu,
  validation,
} from './fr.json';

/** Where the chosen language is remembered between visits. */
export const LANGUAGE_STORAGE_KEY = 'technopolice.language';
/** The language of the interface when nothing else was chosen. */
export const DEFAULT_LANGUAGE: Language = 'fr';

/**
 * The French the first page needs: the shell's and the case board's sections (a test checks it
 * against their code). The other sections load with the other pages (see `loadTranslations`).
 */
const firstPage = {
  app,
  auth,
  board,
  cases,
  common,
  errors,
  forms,
  forum,
  language,
  nav,
  notFound,
  notifications,
  search,
  skipLink,
  status,
  userMenu,
  validation,
};
export const FIRST_PAGE_SECTIONS: readonly string[] = Object.keys(firstPage);

/** The default language travels with the app; it is also every other language's fallback. */
export const resources = {
  fr: { translation: firstPage },
} as const;

let french: Promise<void> | null = null;

/**
 * Every section of the default language (the fallback of the others): pages other than the case
 * board wait for it before they render (routes.tsx). As text (`?raw`), a module apart from the
 * first page's sections above.
 */
export function loadTranslations(): Promise<void> {
  french ??= import('./fr.json?raw').then(
    (module) => {
      const all = JSON.parse(module.default) as ResourceKey;
      i18n.addResourceBundle(DEFAULT_LANGUAGE, 'translation', all, true, false);
    },
    (error: unknown) => {
      // Offline at that moment: the next page tries again.
      french = null;
      throw error;
    },
  );
  return french;
}

/** The other languages, each in its own chunk, fetched when first chosen. */
const otherLanguages: Partial<Record<Language, () => Promise<{ default: ResourceKey }>>> = {
  en: () => import('./en.json'),
};

/**
 * i18next asks for a language it does not hold yet before switching to it, so the interface
 * changes language once, with every label there (`changeLanguage` resolves after it).
 */
const lazyLanguages: BackendModule = {
  type: 'backend',
  callbackApi: true,
  init: () => undefined,
  read(language, _namespace, callback) {
    const load = isLanguage(language) ? otherLanguages[language] : undefined;
    if (!load) {
      callback(new Error(`No translations for ${language}`), null);
      return;
    }
    load().then(
      (module) => callback(null, module.default),
      (error: unknown) => callback(error instanceof Error ? error : String(error), null),
    );
  },
};

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

// French is there from the start (`initAsync: false` keeps its first render synchronous);
// starting in another language, the first render waits for it (react-i18next suspends).
void i18n
  .use(lazyLanguages)
  .use(initReactI18next)
  .init({
    resources,
    partialBundledLanguages: true,
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
