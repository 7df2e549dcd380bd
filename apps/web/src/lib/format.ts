import type { Language } from '@technopolice/shared';

const LOCALES: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

/** A date and time, the way people of that language write them. */
export function formatDateTime(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

/** A day, without the time. */
export function formatDate(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'long' }).format(new Date(iso));
}
