// Published cases as the publishing feature writes them (publications, immutable revisions,
// their public documents), generated deterministically: real communes (the gazetteer's largest),
// several groups, 1–3 revisions each, ~3 KB summaries in French (some in English too),
// vendors and public bodies, timelines citing documents. For public.bench.mjs and previews.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const TECHNOLOGIES = [
  'algorithmic-video-surveillance',
  'facial-recognition',
  'biometrics',
  'sound-sensors',
  'drones',
  'predictive-policing',
  'data-interconnection',
  'social-media-monitoring',
  'emotion-recognition',
  'thermal-cameras',
];
const STATUSES = ['announced', 'experiment', 'deployed', 'suspended', 'abandoned', 'contested'];
const KINDS = ['foi-answer', 'deliberation', 'contract', 'tender', 'vendor-material', 'press'];
const VENDORS = [
  ['Thales', 'Intégrateur de la plateforme de supervision'],
  ['Briefcam', 'Éditeur du logiciel d’analyse vidéo'],
  ['Wintics', 'Détection automatique d’« événements »'],
  ['Two-i', 'Analyse des flux vidéo en temps réel'],
  ['XXII', 'Vidéosurveillance algorithmique'],
  ['Idemia', 'Biométrie et comparaison faciale'],
  ['Genetec', 'Logiciel de gestion vidéo'],
  ['Sensivic', 'Capteurs sonores « intelligents »'],
  ['Datakalab', 'Détection du port du masque'],
  ['Axis Communications', 'Fourniture de caméras'],
];
const TITLES = {
  'algorithmic-video-surveillance': 'Vidéosurveillance algorithmique',
  'facial-recognition': 'Reconnaissance faciale',
  biometrics: 'Contrôles biométriques',
  'sound-sensors': 'Capteurs sonores',
  drones: 'Drones de police',
  'predictive-policing': 'Police prédictive',
  'data-interconnection': 'Centre d’hypervision',
  'social-media-monitoring': 'Surveillance des réseaux sociaux',
  'emotion-recognition': 'Détection des émotions',
  'thermal-cameras': 'Caméras thermiques',
};
const WORDS = (
  'la ville a voté une délibération pour le déploiement de caméras dans le centre et les quartiers ' +
  'le marché public attribué à la société prévoit un logiciel d’analyse automatique des images ' +
  'les données personnelles sont conservées trente jours selon la réponse de la mairie à notre ' +
  'demande cada la préfecture a autorisé l’expérimentation sans avis préalable de la cnil ' +
  'le centre de supervision urbaine relie les flux des caméras aux fichiers de la police ' +
  'municipale les associations du quartier ont demandé une réunion publique restée sans réponse ' +
  'le budget est financé par le fonds interministériel de prévention de la délinquance et la région'
).split(' ');

/** A small deterministic generator (mulberry32). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const slugify = (text) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
const escape = (text) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );

/** The `count` most populous communes of the gazetteer, as `citySchema` describes them. */
export function largestCities(root, count) {
  const file = JSON.parse(
    readFileSync(join(root, 'apps/api/src/geo/communes.generated.json'), 'utf8'),
  );
  return file.communes
    .filter((row) => row[5] !== null)
    .sort((a, b) => b[5] - a[5])
    .slice(0, count)
    .map(([code, name, departmentCode, lat, lng]) => ({
      code,
      name,
      departmentCode,
      departmentName: file.departments[departmentCode] ?? departmentCode,
      lat,
      lng,
    }));
}

function summaryOf(rnd, title, city, language) {
  const sentence = () => {
    const n = 14 + Math.floor(rnd() * 14);
    const words = Array.from({ length: n }, () => WORDS[Math.floor(rnd() * WORDS.length)]);
    const text = words.join(' ');
    return `${text[0].toUpperCase()}${text.slice(1)}.`;
  };
  const headings =
    language === 'fr'
      ? [
          'Le projet',
          'Technologies',
          'Acteurs et contrats',
          'Budget',
          'Base légale',
          'Ce que nous demandons',
        ]
      : [
          'The project',
          'Technologies',
          'Actors and contracts',
          'Budget',
          'Legal basis',
          'What we ask for',
        ];
  const parts = [];
  const text = [];
  for (const heading of headings) {
    const paragraph = Array.from({ length: 2 + Math.floor(rnd() * 2) }, sentence).join(' ');
    parts.push(`<h2>${escape(heading)}</h2><p>${escape(paragraph)}</p>`);
    text.push(heading, paragraph);
  }
  parts.splice(1, 0, `<blockquote><p>${escape(`${title} : ${city.name}.`)}</p></blockquote>`);
  return { html: parts.join(''), text: text.join('\n'), version: 1 + Math.floor(rnd() * 40) };
}

/**
 * Inserts `cases` publications spread over `groups` groups through `query(sql, params)` (a pg
 * client's or a TypeORM DataSource's). Returns the case paths and a few document paths.
 */
export async function seedPublications(query, { root, cases = 1000, groups = 12, seed = 42 }) {
  const rnd = random(seed);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const cities = largestCities(root, 400);
  const groupRows = [];
  for (let g = 0; g < groups; g++) {
    const city = cities[g];
    const name = `Technopolice ${city.name}`;
    const slug = `${slugify(name)}-${g + 1}`;
    const [row] = await query('INSERT INTO groups (slug, name) VALUES ($1, $2) RETURNING id', [
      slug,
      name,
    ]);
    groupRows.push({ id: row.id, slug, name });
  }
  const paths = [];
  const documentPaths = [];
  const start = Date.parse('2023-01-01T08:00:00Z');
  for (let n = 0; n < cases; n++) {
    const group = groupRows[n % groups];
    const city = cities[Math.floor(rnd() * rnd() * cities.length)];
    const technologies = [
      ...new Set([pick(TECHNOLOGIES), ...(rnd() < 0.4 ? [pick(TECHNOLOGIES)] : [])]),
    ];
    const title = `${TITLES[technologies[0]]} à ${city.name}`;
    const caseSlug = `${slugify(title)}-${n + 1}`;
    const revisions = 1 + Math.floor(rnd() * rnd() * 3);
    const firstAt = start + Math.floor(rnd() * 600) * 86_400_000 + n * 60_000;
    let publicationId = null;
    for (let r = 1; r <= revisions; r++) {
      const at = new Date(firstAt + (r - 1) * 20 * 86_400_000).toISOString();
      const documents = Array.from({ length: 2 + Math.floor(rnd() * 4) }, (_, i) => ({
        id: crypto.randomUUID(),
        title: `${['Délibération', 'Réponse CADA', 'Cahier des clauses techniques', 'Contrat', 'Article de presse'][i % 5]} n° ${n + 1}-${i + 1}`,
        kind: KINDS[i % KINDS.length],
        date: new Date(firstAt - (i + 1) * 40 * 86_400_000).toISOString().slice(0, 10),
        mime: i === 4 ? 'image/jpeg' : 'application/pdf',
        size: 20_000 + Math.floor(rnd() * 4_000_000),
        pages: i === 4 ? null : 1 + Math.floor(rnd() * 60),
      }));
      const vendor = pick(VENDORS);
      const facts = {
        title,
        description: `Le projet de ${TITLES[technologies[0]].toLowerCase()} de ${city.name}, tel que nos demandes de documents l’ont révélé.`,
        city,
        technologies,
        projectStatus: pick(STATUSES),
        tags: ['safe city', city.name.toLowerCase()].slice(0, 1 + Math.floor(rnd() * 2)),
        budgetEuros: rnd() < 0.8 ? Math.round(rnd() * 500) * 10_000 : null,
        budgetSource: rnd() < 0.8 ? `Délibération du conseil municipal n° ${n + 1}` : '',
        actors: [
          { name: vendor[0], kind: 'vendor', role: vendor[1] },
          { name: `Ville de ${city.name}`, kind: 'public-body', role: 'Maître d’ouvrage' },
          ...(rnd() < 0.5
            ? [
                {
                  name: `Préfecture (${city.departmentName})`,
                  kind: 'public-body',
                  role: 'Autorisation',
                },
              ]
            : []),
        ],
        timeline: documents.slice(0, 3).map((doc, i) => ({
          date: doc.date,
          title: [
            'Vote du conseil municipal',
            'Réponse à notre demande CADA',
            'Signature du marché',
          ][i],
          documentId: doc.id,
        })),
      };
      const summaries = { fr: summaryOf(rnd, title, city, 'fr') };
      if (rnd() < 0.2) summaries.en = summaryOf(rnd, title, city, 'en');
      if (r === 1) {
        const [row] = await query(
          `INSERT INTO publications (group_id, group_slug, case_slug, revision, title, city_code,
             department_code, technologies, project_status, first_published_at, last_published_at)
           VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $8, $9, $9) RETURNING id`,
          [
            group.id,
            group.slug,
            caseSlug,
            title,
            city.code,
            city.departmentCode,
            technologies,
            facts.projectStatus,
            at,
          ],
        );
        publicationId = row.id;
      } else {
        await query(
          `UPDATE publications SET revision = $2, project_status = $3, last_published_at = $4 WHERE id = $1`,
          [publicationId, r, facts.projectStatus, at],
        );
      }
      const [revision] = await query(
        `INSERT INTO publication_revisions (publication_id, number, facts, summaries, change_note, published_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [
          publicationId,
          r,
          JSON.stringify(facts),
          JSON.stringify(summaries),
          r > 1 ? 'Nouveaux documents obtenus' : null,
          at,
        ],
      );
      await query(
        `INSERT INTO publication_documents (revision_id, document_id, position, title, kind, date,
           file_name, sha256, mime_type, size, pages)
         SELECT $1, d.id, d.position, d.title, d.kind, d.date, d.file_name, d.sha256, d.mime_type, d.size, d.pages
         FROM jsonb_to_recordset($2::jsonb) AS d(id uuid, position int, title text, kind text,
           date date, file_name text, sha256 text, mime_type text, size bigint, pages int)`,
        [
          revision.id,
          JSON.stringify(
            documents.map((doc, position) => ({
              id: doc.id,
              position,
              title: doc.title,
              kind: doc.kind,
              date: doc.date,
              file_name: `${slugify(doc.title)}.${doc.mime === 'image/jpeg' ? 'jpg' : 'pdf'}`,
              sha256: createHash('sha256').update(doc.id).digest('hex'),
              mime_type: doc.mime,
              size: doc.size,
              pages: doc.pages,
            })),
          ),
        ],
      );
      if (r === revisions)
        documentPaths.push(`/p/${group.slug}/${caseSlug}/documents/${documents[0].id}`);
    }
    paths.push(`/p/${group.slug}/${caseSlug}`);
  }
  return { paths, documentPaths, groups: groupRows };
}
