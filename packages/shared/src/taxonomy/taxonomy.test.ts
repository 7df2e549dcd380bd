import { describe, expect, it } from 'vitest';
import { taxonomySchema } from '../schemas/index.js';
import { taxonomy } from './index.js';

describe('the taxonomy', () => {
  it('has the shape GET /api/taxonomy promises', () => {
    expect(taxonomySchema.parse(taxonomy)).toEqual(taxonomy);
  });

  it('labels every entry in French and English, identifiers unique and kebab-case', () => {
    for (const [list, entries] of Object.entries(taxonomy)) {
      const ids = entries.map((entry) => entry.id);
      expect(new Set(ids).size, list).toBe(ids.length);
      for (const { id, label } of entries) {
        expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
        expect(label.fr.trim(), `${list}.${id}.fr`).not.toBe('');
        expect(label.en.trim(), `${list}.${id}.en`).not.toBe('');
      }
    }
  });
});
