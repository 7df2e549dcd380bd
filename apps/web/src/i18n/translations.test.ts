import { describe, expect, it } from 'vitest';
import en from './en.json';
import fr from './fr.json';

/** Every leaf of a translation tree, as `dotted.key` → value. */
function leaves(tree: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (tree !== null && typeof tree === 'object' && !Array.isArray(tree)) {
    for (const [key, value] of Object.entries(tree)) {
      const path = prefix ? `${prefix}.${key}` : key;
      for (const [leafKey, leafValue] of leaves(value, path)) out.set(leafKey, leafValue);
    }
  } else {
    out.set(prefix, tree);
  }
  return out;
}

describe('translations', () => {
  const frLeaves = leaves(fr);
  const enLeaves = leaves(en);

  it('has the same keys in French and English', () => {
    expect([...enLeaves.keys()].sort()).toEqual([...frLeaves.keys()].sort());
  });

  it.each([
    ['fr', frLeaves],
    ['en', enLeaves],
  ] as const)('has only non-empty strings in %s', (_language, tree) => {
    expect(tree.size).toBeGreaterThan(20);
    for (const [key, value] of tree) {
      expect(typeof value, key).toBe('string');
      expect((value as string).trim(), key).not.toBe('');
    }
  });

  it('keeps interpolation placeholders identical across languages', () => {
    const placeholders = (value: unknown) =>
      [...String(value).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, value] of frLeaves) {
      expect(placeholders(enLeaves.get(key)), key).toEqual(placeholders(value));
    }
  });
});
