import { describe, expect, it } from 'vitest';
import en from './en.json';
import fr from './fr.json';

/** The app's source files (not its tests), by path, as text. */
const SOURCES = import.meta.glob<string>(
  ['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}', '!../test/**'],
  { query: '?raw', import: 'default', eager: true },
);

/** i18next's plural suffixes: `t('key', { count })` reads `key_one`, `key_other`… */
const PLURALS = ['zero', 'one', 'two', 'few', 'many', 'other'];

/**
 * Keys the code asks for, where it writes them whole: `t('a.b')`, `i18n.t("a.b")`,
 * `i18nKey="a.b"`; and the shapes of the keys it builds: `` t(`a.${x}.b`) ``.
 */
function usedKeys(): { literal: Map<string, string>; built: Map<string, string> } {
  const literal = new Map<string, string>();
  const built = new Map<string, string>();
  for (const [where, code] of Object.entries(SOURCES)) {
    for (const match of code.matchAll(/\bt\(\s*(['"])([\w.-]+)\1/g)) literal.set(match[2]!, where);
    for (const match of code.matchAll(/\bi18nKey=\{?\s*(['"])([\w.-]+)\1/g))
      literal.set(match[2]!, where);
    for (const match of code.matchAll(/\bt\(\s*`([^`]*\$\{[^`]*)`/g)) built.set(match[1]!, where);
  }
  return { literal, built };
}

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

  it('has every key the code uses, in both languages', () => {
    const { literal, built } = usedKeys();
    // Enough to know the scan sees the code: the app asks for hundreds of keys.
    expect(literal.size).toBeGreaterThan(300);
    expect(built.size).toBeGreaterThan(20);
    const exists = (key: string) =>
      frLeaves.has(key) || PLURALS.some((plural) => frLeaves.has(`${key}_${plural}`));
    const missing = [...literal]
      .filter(([key]) => !exists(key))
      .map(([key, where]) => `${key} (${where})`);
    // A key built at run time must match at least one key of the files.
    const keys = [...frLeaves.keys()];
    const unmatched = [...built]
      .filter(([shape]) => {
        const pattern = shape
          .split(/\$\{[^}]*\}/)
          .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('.+');
        const regex = new RegExp(`^${pattern}(_(${PLURALS.join('|')}))?$`);
        return !keys.some((key) => regex.test(key));
      })
      .map(([shape, where]) => `\`${shape}\` (${where})`);
    // Parity (above) makes French enough here: English has the same keys.
    expect([...missing, ...unmatched]).toEqual([]);
  });

  it('keeps interpolation placeholders identical across languages', () => {
    const placeholders = (value: unknown) =>
      [...String(value).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, value] of frLeaves) {
      expect(placeholders(enLeaves.get(key)), key).toEqual(placeholders(value));
    }
  });
});
