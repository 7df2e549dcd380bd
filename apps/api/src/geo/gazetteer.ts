import { readFileSync } from 'node:fs';

/** A current French commune, as the gazetteer gives it. */
export interface City {
  /** INSEE code (5 characters; Corsica 2A/2B…, overseas 97x/98x). */
  code: string;
  name: string;
  departmentCode: string;
  departmentName: string;
  /** Centre point, WGS84, 4 decimals. */
  lat: number;
  lng: number;
  /** Legal population (INSEE), null when unknown. */
  population: number | null;
  /**
   * True when no source placed this commune and its position is the mean of its
   * intercommunality's (or department's) located communes: median error ≈ 8 km, 90 % within
   * 16 km.
   */
  approximate?: true;
}

type Row = [string, string, string, number, number, number | null, 1?];

interface GazetteerFile {
  departments: Record<string, string>;
  communes: Row[];
}

interface Entry {
  city: City;
  /** Normalised name ("saint etienne"). */
  norm: string;
  /** Its words. */
  words: string[];
  population: number;
}

const DEFAULT_FILE = new URL('./communes.generated.json', import.meta.url);

/** Abbreviations that users type for whole words. */
const ABBREVIATIONS: Record<string, string> = {
  st: 'saint',
  ste: 'sainte',
  sts: 'saints',
  stes: 'saintes',
};

const CODE_PATTERN = /^(\d{5}|2[ab]\d{3})$/;

/** Lower case, accents and punctuation removed, ligatures spelled out, single spaces. */
export function normalizeName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Offline gazetteer of the current French communes (about 35,000), loaded from the file
 * that scripts/build-gazetteer.mjs generates. Plain class, no framework: construct once and
 * keep it (loading and indexing take a few hundred milliseconds).
 */
export class Gazetteer {
  private readonly byCode = new Map<string, Entry>();
  private readonly entries: Entry[] = [];
  private readonly departments: Record<string, string>;

  constructor(file: URL | string = DEFAULT_FILE) {
    const data = JSON.parse(readFileSync(file, 'utf8')) as GazetteerFile;
    this.departments = data.departments;
    for (const [code, name, departmentCode, lat, lng, population, approximate] of data.communes) {
      const city: City = {
        code,
        name,
        departmentCode,
        departmentName: data.departments[departmentCode] ?? departmentCode,
        lat,
        lng,
        population,
      };
      if (approximate) city.approximate = true;
      const norm = normalizeName(name);
      const entry: Entry = { city, norm, words: norm.split(' '), population: population ?? 0 };
      this.entries.push(entry);
      this.byCode.set(code, entry);
    }
  }

  /** Number of communes. */
  get size(): number {
    return this.entries.length;
  }

  /** Department name by code ("2A" → "Corse-du-Sud"), undefined when unknown. */
  departmentName(code: string): string | undefined {
    return this.departments[code.toUpperCase()];
  }

  /** The commune with this INSEE code ("2a004" is accepted for "2A004"). */
  get(code: string): City | undefined {
    return this.byCode.get(code.trim().toUpperCase())?.city;
  }

  /**
   * Communes whose name matches the query, best first: accent- and case-insensitive, on
   * whole-name prefix or word prefixes ("st etienne" finds Saint-Étienne); ranked by match
   * quality, then population. A 5-character INSEE code returns that commune. A department
   * code among the words ("13 marseille", "saint denis 974") restricts to that department.
   */
  search(query: string, limit = 10): City[] {
    if (limit <= 0) return [];
    const trimmed = query.trim();
    if (CODE_PATTERN.test(trimmed.toLowerCase())) {
      const city = this.get(trimmed);
      return city ? [city] : [];
    }
    let words = normalizeName(trimmed).split(' ').filter(Boolean);
    let department: string | undefined;
    if (words.length > 1) {
      const index = words.findIndex((w) => this.departments[w.toUpperCase()] !== undefined);
      if (index !== -1) {
        department = words[index]!.toUpperCase();
        words = words.filter((_, i) => i !== index);
      }
    } else if (words.length === 1 && this.departments[words[0]!.toUpperCase()] !== undefined) {
      // A bare department code: its communes, largest first.
      department = words[0]!.toUpperCase();
      words = [];
    }
    if (!words.length && !department) return [];

    // A complete word ("st " followed by more) is an abbreviation; the last one may be a prefix.
    const alternatives = words.map((w, i) => {
      const expanded = ABBREVIATIONS[w];
      if (!expanded) return [w];
      return i < words.length - 1 ? [expanded] : [expanded, w];
    });
    const phrases = alternatives.reduce<string[]>(
      (acc, options) =>
        acc.flatMap((prefix) => options.map((o) => (prefix ? `${prefix} ${o}` : o))),
      [''],
    );

    const scored: { entry: Entry; score: number }[] = [];
    for (const entry of this.entries) {
      if (department && entry.city.departmentCode !== department) continue;
      const score = words.length ? this.score(entry, phrases, alternatives) : 1;
      if (score > 0) scored.push({ entry, score });
    }
    scored.sort(
      (a, b) =>
        b.score - a.score ||
        b.entry.population - a.entry.population ||
        a.entry.city.name.localeCompare(b.entry.city.name, 'fr'),
    );
    return scored.slice(0, limit).map((s) => s.entry.city);
  }

  /** 0 when the entry does not match; higher is better. */
  private score(entry: Entry, phrases: string[], alternatives: string[][]): number {
    let best = 0;
    for (const phrase of phrases) {
      if (entry.norm === phrase) return 100;
      if (entry.norm.startsWith(phrase)) {
        // "marseille" before "marseille en beauvaisis": the next character ends a word.
        best = Math.max(best, entry.norm[phrase.length] === ' ' ? 80 : 70);
      }
    }
    if (best) return best;
    // Every query word is the prefix of a distinct word of the name, in order (60) or not (50).
    let position = 0;
    let inOrder = true;
    const used = new Set<number>();
    for (const options of alternatives) {
      let found = -1;
      for (let i = 0; i < entry.words.length && found === -1; i++) {
        if (used.has(i)) continue;
        if (options.some((o) => entry.words[i]!.startsWith(o))) found = i;
      }
      if (found === -1) return 0;
      if (found < position) inOrder = false;
      position = found;
      used.add(found);
    }
    return inOrder ? 60 : 50;
  }
}
