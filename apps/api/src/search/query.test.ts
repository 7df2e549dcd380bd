import { describe, expect, it } from 'vitest';
import { loosen, parseSearch } from './query.js';

describe('parseSearch', () => {
  it('keeps what websearch_to_tsquery reads, and a loose form without phrases or exclusions', () => {
    expect(parseSearch('"reconnaissance faciale" -drone thales', false)).toEqual({
      text: '"reconnaissance faciale" -drone thales',
      loose: 'reconnaissance faciale thales',
      prefix: null,
    });
    expect(loosen('-"vidéo protection" caméras or drones')).toBe('caméras or drones');
    expect(loosen('"contrat thales')).toBe('contrat thales');
  });

  it('reads the last unfinished word as a prefix when searching as one types', () => {
    expect(parseSearch('contrat thal', true)).toMatchObject({ text: 'contrat', prefix: 'thal' });
    expect(parseSearch('contrat thal ', true)).toMatchObject({
      text: 'contrat thal',
      prefix: null,
    });
    expect(parseSearch('"contrat thal', true)).toMatchObject({ prefix: null });
    expect(parseSearch('caméras -dro', true)).toMatchObject({ prefix: null });
    expect(parseSearch('l’été', true).prefix).toBe('lété');
  });

  it('drops control characters and cuts what is too long', () => {
    expect(parseSearch('caméra\u0000\u0007', false).text).toBe('caméra');
    expect(parseSearch('a'.repeat(5000), false).text).toHaveLength(300);
  });
});
