/**
 * Find in a document's extracted text, the way people search a French text: without minding
 * case, accents, typographic apostrophes, ligatures or line breaks ("deliberation" finds
 * "Délibération", "l'etat" finds "l’État" split over two lines).
 */

/** One occurrence: its page and where it sits in that page's original text. */
export interface TextMatch {
  page: number;
  start: number;
  end: number;
}

const SPECIAL: Record<string, string> = {
  œ: 'oe',
  æ: 'ae',
  ß: 'ss',
  '’': "'",
  '‘': "'",
  ʼ: "'",
  '«': '"',
  '»': '"',
  '“': '"',
  '”': '"',
  '\u00a0': ' ',
  '\u202f': ' ',
};

/** The folded text, and for each of its characters where it came from in the original. */
function fold(text: string): { folded: string; starts: number[]; ends: number[] } {
  let folded = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let index = 0;
  for (const char of text) {
    const next = index + char.length;
    const lower = char.toLowerCase();
    let out = SPECIAL[lower] ?? lower.normalize('NFD').replace(/\p{M}/gu, '');
    if (/^\s+$/u.test(out)) out = ' ';
    // Runs of spaces and line breaks count as one space.
    if (out === ' ' && folded.endsWith(' ')) {
      ends[ends.length - 1] = next;
      index = next;
      continue;
    }
    for (const piece of out) {
      folded += piece;
      starts.push(index);
      ends.push(next);
    }
    index = next;
  }
  return { folded, starts, ends };
}

/** The query as the search compares it ('' finds nothing). */
export function foldQuery(query: string): string {
  return fold(query.trim()).folded;
}

/** Every occurrence of `query` in the pages, in reading order. */
export function findMatches(
  pages: readonly { number: number; text: string }[],
  query: string,
  limit = 2000,
): TextMatch[] {
  const needle = foldQuery(query);
  if (!needle) return [];
  const matches: TextMatch[] = [];
  for (const page of pages) {
    const { folded, starts, ends } = fold(page.text);
    let from = folded.indexOf(needle);
    while (from !== -1) {
      matches.push({
        page: page.number,
        start: starts[from] ?? 0,
        end: ends[from + needle.length - 1] ?? page.text.length,
      });
      if (matches.length >= limit) return matches;
      from = folded.indexOf(needle, from + needle.length);
    }
  }
  return matches;
}

/** A piece of a page's text: plain, or the occurrence number `match` of the whole list. */
export interface Segment {
  text: string;
  match: number | null;
}

/** Cuts a page's text around its occurrences, for `<mark>`s. */
export function segmentsOf(text: string, page: number, matches: readonly TextMatch[]): Segment[] {
  const out: Segment[] = [];
  let cursor = 0;
  matches.forEach((match, index) => {
    if (match.page !== page || match.start < cursor) return;
    if (match.start > cursor) out.push({ text: text.slice(cursor, match.start), match: null });
    out.push({ text: text.slice(match.start, match.end), match: index });
    cursor = match.end;
  });
  if (cursor < text.length) out.push({ text: text.slice(cursor), match: null });
  return out;
}
