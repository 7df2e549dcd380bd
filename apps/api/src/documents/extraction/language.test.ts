import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language.js';

describe('detectLanguage', () => {
  it('tells French from English by their function words', () => {
    expect(
      detectLanguage('Le conseil municipal a voté pour les caméras dans le centre de la ville.'),
    ).toBe('fr');
    expect(detectLanguage('The council voted for the cameras in the centre of the town.')).toBe(
      'en',
    );
  });

  it('declines to guess on too little or evenly mixed text', () => {
    expect(detectLanguage('Vidéoprotection algorithmique à Marseille')).toBeNull();
    expect(detectLanguage('')).toBeNull();
    expect(detectLanguage('le conseil et la ville; the council and the town')).toBeNull();
  });
});
