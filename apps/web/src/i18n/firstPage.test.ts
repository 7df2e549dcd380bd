import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import fr from './fr.json';
import { FIRST_PAGE_SECTIONS } from './index';

const src = resolve(import.meta.dirname, '..');
const sections = new Set(Object.keys(fr));

function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = join(dirname(from), specifier);
  return [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')].find(
    (candidate) => /\.tsx?$/.test(candidate) && existsSync(candidate),
  );
}

/**
 * The app's modules the first page runs: everything main.tsx imports, statically or not, except
 * the pages of routes.tsx other than the case board (they wait for every section).
 */
function firstPageModules(): Map<string, string> {
  const seen = new Map<string, string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    // Comments may name a section (`discussions.ts`): only code counts.
    const code = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/(^|\s)\/\/.*$/gm, '$1');
    seen.set(file, code);
    const imports = /(?:\bfrom\s+|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g;
    for (const [statement, specifier = ''] of code.matchAll(imports)) {
      const lazyPage = file.endsWith('routes.tsx') && statement.includes('(');
      if (lazyPage && !specifier.endsWith('/CasesPage')) continue;
      const target = resolveImport(file, specifier);
      if (target) visit(target);
    }
  };
  visit(join(src, 'main.tsx'));
  return seen;
}

describe('the translations the first page starts with', () => {
  it('hold every section the shell and the case board use', () => {
    const modules = firstPageModules();
    expect(modules.has(join(src, 'features/cases/CaseBoardPage.tsx'))).toBe(true);
    const used = new Map<string, string>();
    const keys = /['"`]([a-zA-Z]+)\.[\w.${}]+['"`]|\bt\(\s*['"`]([a-zA-Z]+)['"`]/g;
    for (const [file, code] of modules) {
      for (const [, prefix, whole] of code.matchAll(keys)) {
        const section = prefix ?? whole ?? '';
        if (sections.has(section) && !used.has(section)) used.set(section, file.slice(src.length));
      }
    }
    const missing = [...used].filter(([section]) => !FIRST_PAGE_SECTIONS.includes(section));
    expect(
      missing.map(([section, file]) => `${section} (${file})`),
      'sections the first page uses, to add to `firstPage` in i18n/index.ts',
    ).toEqual([]);
  });
});
