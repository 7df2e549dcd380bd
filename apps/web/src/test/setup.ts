import { cleanup } from '@testing-library/react';
import { LANGUAGES } from '@technopolice/shared';
import { afterEach } from 'vitest';
import i18n, { DEFAULT_LANGUAGE, loadTranslations } from '../i18n';

// The app fetches the translations beyond the first page's, and a language other than French,
// when needed; tests have them all at once (some ask for an English sentence without switching).
await Promise.all([loadTranslations(), i18n.loadLanguages([...LANGUAGES])]);

afterEach(async () => {
  cleanup();
  window.localStorage.clear();
  await i18n.changeLanguage(DEFAULT_LANGUAGE);
});
