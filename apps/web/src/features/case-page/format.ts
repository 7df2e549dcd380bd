import type { Language } from '@technopolice/shared';
import { useEffect, useState } from 'react';

/** Number and date formats of the case page, in the interface language. */

const LOCALES: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

/** An amount in euros: `1 250 000,00 €` in French. */
export function formatEuros(amount: number, language: Language): string {
  return new Intl.NumberFormat(LOCALES[language], { style: 'currency', currency: 'EUR' }).format(
    amount,
  );
}

/**
 * What someone typed as an amount in euros: spaces and a decimal comma allowed, a trailing `€`
 * too. Null when empty, NaN when it is not a number.
 */
export function parseEuros(text: string): number | null {
  const cleaned = text
    .replace(/[\s\u00a0\u202f€]/g, '')
    .replace(/,(\d{1,2})$/, '.$1')
    .replace(/,/g, '');
  if (cleaned === '') return null;
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return Number.NaN;
  return Number(cleaned);
}

/** The local calendar day of a date, `YYYY-MM-DD`. */
export function isoDay(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function dayOf(day: string): Date {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year ?? 1970, (month ?? 1) - 1, date ?? 1);
}

/** A calendar day (`YYYY-MM-DD`), read as that day wherever the reader is: `12 mars 2025`. */
export function formatDay(day: string, language: Language, style: 'long' | 'medium' = 'long') {
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: style }).format(dayOf(day));
}

/** A short day for compact rows: `12 mars`, with the year when it is not this year's. */
export function formatShortDay(day: string, language: Language, today: string): string {
  const sameYear = day.slice(0, 4) === today.slice(0, 4);
  return new Intl.DateTimeFormat(LOCALES[language], {
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(dayOf(day));
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** How long ago a moment was: `il y a 5 minutes`, `hier`, `à l’instant`. */
export function formatRelative(iso: string, now: number, language: Language): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const format = new Intl.RelativeTimeFormat(LOCALES[language], { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, 'second');
}

/** A list in the interface language: `Thales, Engie et la Ville`. */
export function formatList(items: readonly string[], language: Language): string {
  return new Intl.ListFormat(LOCALES[language], { style: 'long', type: 'conjunction' }).format(
    items,
  );
}

/** The current time, refreshed every `interval` ms, so that relative dates stay true. */
export function useNow(interval = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), interval);
    return () => window.clearInterval(timer);
  }, [interval]);
  return now;
}
