import { describe, expect, it } from 'vitest';
import { joinTextItems } from './pdf.extractor.js';

const item = (str: string, x: number, y: number, width: number, hasEOL = false) => ({
  str,
  dir: 'ltr',
  transform: [12, 0, 0, 12, x, y],
  width,
  height: 12,
  fontName: 'f',
  hasEOL,
});

describe('joinTextItems', () => {
  it('puts spaces between words positioned apart and breaks lines where the baseline moves', () => {
    const text = joinTextItems([
      item('Conseil', 50, 700, 40),
      item('municipal', 95, 700, 50), // 5 points apart: a word gap
      item('de', 145.5, 700, 10), // touching: same word run
      item('Nice', 50, 686, 25),
      item('Annexe', 50, 600, 40), // several lines down: a paragraph
      { type: 'beginMarkedContent', id: 'mc0' },
    ]);
    expect(text).toBe('Conseil municipalde\nNice\n\nAnnexe');
  });

  it('breaks once where pdfjs marks the end of a line', () => {
    expect(
      joinTextItems([
        item('Un', 50, 700, 15),
        item('', 50, 686, 0, true),
        item('Deux', 50, 686, 25),
      ]),
    ).toBe('Un\nDeux');
  });
});
