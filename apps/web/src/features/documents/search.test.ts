import { describe, expect, it } from 'vitest';
import { findMatches, segmentsOf } from './search';

const pages = [
  { number: 1, text: 'La Délibération n° 24/118 du conseil\nmunicipal.' },
  { number: 2, text: 'Vu l’avis de la CNIL, la délibération est adoptée. Œuvre collective.' },
];

describe('find in the extracted text', () => {
  it('ignores case, accents and line breaks', () => {
    const matches = findMatches(pages, 'deliberation');
    expect(matches.map((match) => match.page)).toEqual([1, 2]);
    expect(
      matches.map((match) => pages[match.page - 1]?.text.slice(match.start, match.end)),
    ).toEqual(['Délibération', 'délibération']);

    const council = findMatches(pages, 'conseil municipal');
    expect(council).toHaveLength(1);
    expect(pages[0]?.text.slice(council[0]?.start, council[0]?.end)).toBe('conseil\nmunicipal');
  });

  it('matches straight apostrophes with typographic ones, and ligatures', () => {
    expect(findMatches(pages, "l'avis")).toEqual([{ page: 2, start: 3, end: 9 }]);
    const oeuvre = findMatches(pages, 'oeuvre')[0];
    expect(pages[1]?.text.slice(oeuvre?.start, oeuvre?.end)).toBe('Œuvre');
  });

  it('finds nothing for an empty query', () => {
    expect(findMatches(pages, '  ')).toEqual([]);
  });

  it('cuts a page around its occurrences, numbered across the document', () => {
    const matches = findMatches(pages, 'la');
    expect(segmentsOf(pages[1]?.text ?? '', 2, matches).filter((s) => s.match !== null)).toEqual([
      { text: 'la', match: 1 },
      { text: 'la', match: 2 },
    ]);
    expect(
      segmentsOf(pages[0]?.text ?? '', 1, matches)
        .map((segment) => segment.text)
        .join(''),
    ).toBe(pages[0]?.text);
  });
});
