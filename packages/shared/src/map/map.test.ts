import { describe, expect, it } from 'vitest';
import {
  FRANCE_DEPARTMENT_PATHS,
  FRANCE_MAP_CHECKPOINTS,
  FRANCE_MAP_INSETS,
  FRANCE_MAP_VIEWBOX,
  projectToMap,
} from './index.js';

const PARIS = projectToMap(48.8566, 2.3522)!;
const MARSEILLE = projectToMap(43.2965, 5.3698)!;
const STRASBOURG = projectToMap(48.5734, 7.7521)!;
const BREST = projectToMap(48.3904, -4.4861)!;
const AJACCIO = projectToMap(41.9192, 8.7386)!;
const SAINT_DENIS_REUNION = projectToMap(-20.8821, 55.4507)!;

const [, , WIDTH, HEIGHT] = FRANCE_MAP_VIEWBOX.split(' ').map(Number) as [
  number,
  number,
  number,
  number,
];
const inside = (p: { x: number; y: number }, [x, y, w, h]: readonly number[]) =>
  p.x >= x! && p.x <= x! + w! && p.y >= y! && p.y <= y! + h!;
const insideAnyInset = (p: { x: number; y: number }) =>
  Object.values(FRANCE_MAP_INSETS).some((box) => inside(p, box));

describe('projectToMap', () => {
  it('places metropolitan cities inside the frame, not in an inset', () => {
    for (const p of [PARIS, MARSEILLE, STRASBOURG, BREST, AJACCIO]) {
      expect(inside(p, [0, 0, WIDTH, HEIGHT])).toBe(true);
      expect(insideAnyInset(p)).toBe(false);
    }
  });

  it('keeps the relative positions of cities', () => {
    // Marseille is south-east of Paris (y grows downwards).
    expect(MARSEILLE.x).toBeGreaterThan(PARIS.x);
    expect(MARSEILLE.y).toBeGreaterThan(PARIS.y);
    expect(STRASBOURG.x).toBeGreaterThan(PARIS.x + 200);
    expect(Math.abs(STRASBOURG.y - PARIS.y)).toBeLessThan(30);
    expect(BREST.x).toBeLessThan(PARIS.x - 300);
    expect(AJACCIO.x).toBeGreaterThan(MARSEILLE.x);
    expect(AJACCIO.y).toBeGreaterThan(MARSEILLE.y);
  });

  it('scales distances consistently (Paris–Marseille ≈ 660 km, Paris–Strasbourg ≈ 400 km)', () => {
    const d = (a: { x: number; y: number }, b: { x: number; y: number }) =>
      Math.hypot(a.x - b.x, a.y - b.y);
    expect(d(PARIS, MARSEILLE) / d(PARIS, STRASBOURG)).toBeCloseTo(661 / 397, 1);
  });

  it('puts Saint-Denis de La Réunion in the Réunion inset', () => {
    expect(inside(SAINT_DENIS_REUNION, FRANCE_MAP_INSETS['974']!)).toBe(true);
    expect(inside(projectToMap(16.2411, -61.5331)!, FRANCE_MAP_INSETS['971']!)).toBe(true);
    expect(inside(projectToMap(14.6161, -61.0588)!, FRANCE_MAP_INSETS['972']!)).toBe(true);
    expect(inside(projectToMap(4.9372, -52.326)!, FRANCE_MAP_INSETS['973']!)).toBe(true);
    expect(inside(projectToMap(-12.7806, 45.2278)!, FRANCE_MAP_INSETS['976']!)).toBe(true);
  });

  it('returns null outside every frame', () => {
    expect(projectToMap(40.4168, -3.7038)).toBeNull(); // Madrid
    expect(projectToMap(-22.2741, 166.4488)).toBeNull(); // Nouméa: no inset
    expect(projectToMap(Number.NaN, 2)).toBeNull();
  });

  it('agrees with the generator of the paths', () => {
    expect(FRANCE_MAP_CHECKPOINTS.length).toBeGreaterThan(0);
    for (const c of FRANCE_MAP_CHECKPOINTS) {
      const p = projectToMap(c.lat, c.lng)!;
      expect(p.x).toBeCloseTo(c.x, 2);
      expect(p.y).toBeCloseTo(c.y, 2);
    }
  });
});

describe('FRANCE_DEPARTMENT_PATHS', () => {
  it('has the 101 departments as SVG path data', () => {
    const codes = Object.keys(FRANCE_DEPARTMENT_PATHS);
    expect(codes).toHaveLength(101);
    for (const code of ['01', '13', '2A', '2B', '75', '95', '971', '972', '973', '974', '976']) {
      expect(FRANCE_DEPARTMENT_PATHS[code]).toMatch(/^M[\d.]+ [\d.]+l/);
    }
  });
});
