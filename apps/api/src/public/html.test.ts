import { describe, expect, it } from 'vitest';
import { excerpt } from './html.js';

describe('excerpt', () => {
  it('runs a heading into its paragraph with a dash, sentences with a space', () => {
    expect(excerpt('Le projet\nDes caméras analysent la foule.\nActeurs\nThales')).toBe(
      'Le projet — Des caméras analysent la foule. Acteurs — Thales',
    );
  });

  it('cuts at a word with an ellipsis', () => {
    expect(excerpt('Vidéosurveillance algorithmique à Marseille depuis 2025', 40)).toBe(
      'Vidéosurveillance algorithmique à…',
    );
  });
});
