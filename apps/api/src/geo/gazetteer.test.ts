import { beforeAll, describe, expect, it } from 'vitest';
import { Gazetteer, normalizeName } from './gazetteer.js';

let gazetteer: Gazetteer;

beforeAll(() => {
  gazetteer = new Gazetteer();
});

/** Within ~0.15° (about 10–15 km) of the expected point. */
function expectNear(actual: { lat: number; lng: number }, lat: number, lng: number) {
  expect(Math.abs(actual.lat - lat)).toBeLessThan(0.15);
  expect(Math.abs(actual.lng - lng)).toBeLessThan(0.15);
}

describe('Gazetteer.get', () => {
  it.each([
    ['13055', 'Marseille', '13', 'Bouches-du-Rhône', 43.2965, 5.3698],
    ['42218', 'Saint-Étienne', '42', 'Loire', 45.4397, 4.3872],
    ['06088', 'Nice', '06', 'Alpes-Maritimes', 43.7102, 7.262],
    ['31555', 'Toulouse', '31', 'Haute-Garonne', 43.6047, 1.4442],
    ['59606', 'Valenciennes', '59', 'Nord', 50.358, 3.5233],
    ['67482', 'Strasbourg', '67', 'Bas-Rhin', 48.5734, 7.7521],
    ['75056', 'Paris', '75', 'Paris', 48.8566, 2.3522],
    ['2A004', 'Ajaccio', '2A', 'Corse-du-Sud', 41.9192, 8.7386],
    ['97411', 'Saint-Denis', '974', 'La Réunion', -20.8821, 55.4507],
  ])('%s is %s (%s)', (code, name, departmentCode, departmentName, lat, lng) => {
    const city = gazetteer.get(code);
    expect(city).toMatchObject({ code, name, departmentCode, departmentName });
    expect(city!.approximate).toBeUndefined();
    expectNear(city!, lat, lng);
  });

  it('accepts a lower-case Corsican code and rejects unknown ones', () => {
    expect(gazetteer.get('2a004')?.name).toBe('Ajaccio');
    expect(gazetteer.get('00000')).toBeUndefined();
    // Municipal arrondissements are not communes.
    expect(gazetteer.get('13201')).toBeUndefined();
  });

  it('holds every current commune, each with a position', () => {
    expect(gazetteer.size).toBeGreaterThan(34_000);
    expect(gazetteer.size).toBeLessThan(36_000);
  });
});

describe('Gazetteer.search', () => {
  it('ranks the exact name first, then by population', () => {
    const names = gazetteer.search('marseille').map((c) => c.name);
    expect(names[0]).toBe('Marseille');
    expect(names).toContain('Marseillette');
    expect(names.indexOf('Marseille')).toBeLessThan(names.indexOf('Marseillette'));
  });

  it('folds accents, case and abbreviations', () => {
    expect(gazetteer.search('st etienne')[0]?.code).toBe('42218');
    expect(gazetteer.search('SAINT-ETIENNE')[0]?.code).toBe('42218');
    expect(gazetteer.search('saint étienne')[0]?.code).toBe('42218');
    expect(gazetteer.search('valenciennes')[0]?.code).toBe('59606');
    expect(gazetteer.search('strasb')[0]?.code).toBe('67482');
    expect(normalizeName('Saint-Étienne-du-Rouvray')).toBe('saint etienne du rouvray');
    expect(normalizeName('Œuilly')).toBe('oeuilly');
  });

  it('matches word prefixes inside the name', () => {
    const codes = gazetteer.search('etienne rouvray').map((c) => c.code);
    expect(codes[0]).toBe('76575'); // Saint-Étienne-du-Rouvray
  });

  it('returns the commune of a 5-character code', () => {
    expect(gazetteer.search('06088').map((c) => c.name)).toEqual(['Nice']);
    expect(gazetteer.search('2A004').map((c) => c.name)).toEqual(['Ajaccio']);
  });

  it('restricts to a department given among the words', () => {
    const reunion = gazetteer.search('saint denis 974');
    expect(reunion[0]?.code).toBe('97411');
    expect(reunion.every((c) => c.departmentCode === '974')).toBe(true);
    expect(gazetteer.search('93 saint denis')[0]?.code).toBe('93066');
    expect(gazetteer.search('2a ajaccio')[0]?.code).toBe('2A004');
    const nord = gazetteer.search('59', 3);
    expect(nord[0]?.name).toBe('Lille');
    expect(nord.map((c) => c.departmentCode)).toEqual(['59', '59', '59']);
  });

  it('honours the limit and returns nothing for nonsense', () => {
    expect(gazetteer.search('saint', 5)).toHaveLength(5);
    expect(gazetteer.search('saint').length).toBe(10);
    expect(gazetteer.search('zzqxw')).toEqual([]);
    expect(gazetteer.search('   ')).toEqual([]);
  });

  it('is fast enough for type-ahead', () => {
    const started = performance.now();
    for (const q of ['s', 'sa', 'sai', 'saint e', 'st etienne', 'mars', 'toul', 'la']) {
      gazetteer.search(q);
    }
    expect((performance.now() - started) / 8).toBeLessThan(50);
  });
});
