// Issue #8: search across a large group, the worst case. 100,000 posts and 10,000 documents of
// about 30 KB of extracted text each (10 pages of ~3 KB; about 400 MB in all) in one group, with
// words that recur as they do in real cases ("caméra" in one post out of eight). Each query
// runs through `GET /api/search` (HTTP, a real token, the API process against PostgreSQL),
// side by side with the two bare SQL queries of the issue on the same data in the same run:
// every match ranked with ts_rank (posts + pages), and matches unranked, newest first.
// Target: p95 under 50 ms for typical queries.
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import pg from 'pg';
import { signIn, startApi } from './lib/api-server.mjs';
import { createScratchDatabase } from './lib/scratch-database.mjs';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const POSTS = Number(process.env.BENCH_SEARCH_POSTS ?? 100_000);
const DOCUMENTS = Number(process.env.BENCH_SEARCH_DOCUMENTS ?? 10_000);
const PAGES = 10;
const WORDS_PER_PAGE = 430; // ~3 KB of French text a page
const RUNS = 30;
const TARGET_MS = 50;

// What such cases talk about, then the words of any French text: the first ones recur most.
const VOCABULARY = (
  'de la le et les des en un une du dans pour est que sur au par plus pas avec ne se qui ce il ' +
  'sont sa son ses ont mais nous vous ils elle été être fait leur aux comme tout cette ces ou ' +
  'ville mairie commune conseil municipal délibération projet marché public dispositif sécurité ' +
  'police municipale vidéoprotection vidéosurveillance surveillance algorithmique logiciel ' +
  'données personnelles traitement analyse images enregistrement stockage durée accès ' +
  'prestataire société contrat montant euros budget subvention région état préfecture ' +
  'expérimentation déploiement installation capteurs réseau centre supervision urbaine ' +
  'opérateurs agents visionnage flux temps réel alerte détection comportement anormal foule ' +
  'stationnement circulation véhicules plaques lecture automatique biométrie visage ' +
  'reconnaissance faciale identification drones survol autorisation arrêté cnil avis ' +
  'recours tribunal administratif juge référé liberté vie privée association quartier ' +
  'habitants réunion publique demande document administratif cada réponse refus communication ' +
  'annexe article alinéa marché appel offres lot attributaire candidat technique financier ' +
  'sonore microphones détecteurs cris bruit tir hypervision interconnexion fichiers plateforme ' +
  'maintenance formation licence serveur hébergement cloud sous-traitant garantie évaluation ' +
  'rapport bilan statistiques efficacité délinquance prévention tranquillité publique ' +
  'thales engie idemia briefcam anyvision xxii two-i wintics datakalab genetec axis hikvision'
).split(' ');
const CAMERA = 'caméra';

const QUERIES = [
  { label: 'caméra (1 post in 8)', q: 'caméra' },
  { label: 'contrat thales', q: 'contrat thales' },
  { label: '"reconnaissance faciale"', q: '"reconnaissance faciale"' },
  { label: 'délibération conseil municipal', q: 'délibération conseil municipal' },
  { label: 'caméras -drone', q: 'caméras -drone' },
  { label: 'wintics (rarest word of the vocabulary)', q: 'wintics' },
  { label: 'as you type: "vidéosurv" (bare: no prefix)', q: 'vidéosurv', prefix: true },
];

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const ms = (value) => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;

async function time(fn) {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Fills the group with generated posts and documents, straight into the tables. */
async function generate(client, { groupId, caseIds, authorId, log }) {
  await client.query(`CREATE TEMP TABLE vocab AS SELECT $1::text[] AS words`, [VOCABULARY]);
  // `count` names the outer row (`n`, `p`): PostgreSQL then draws new words for every row.
  const words = (
    count,
  ) => `(SELECT string_agg(v.words[1 + floor(pow(random(), 2.2) * cardinality(v.words))::int], ' ')
     FROM vocab v, generate_series(1, ${count}) g)`;
  const { rows: threads } = await client.query(
    `INSERT INTO threads (group_id, case_id, title, author_id, last_author_id)
     SELECT $1, ($2::uuid[])[1 + n % cardinality($2::uuid[])], 'Fil ' || n, $3, $3
     FROM generate_series(1, 1000) n RETURNING id`,
    [groupId, caseIds, authorId],
  );
  const threadIds = threads.map((row) => row.id);
  let started = Date.now();
  for (let from = 1; from <= POSTS; from += 10_000) {
    const to = Math.min(POSTS, from + 9_999);
    await client.query(
      `INSERT INTO posts (thread_id, group_id, seq, author_id, body, html, text, created_at)
       SELECT ($2::uuid[])[1 + n % cardinality($2::uuid[])], $1, n, $3,
         '{"type":"doc","content":[{"type":"paragraph"}]}', '', t.text,
         now() - make_interval(mins => $5 - n)
       FROM generate_series($4::int, $6::int) n,
       LATERAL (SELECT ${words('25 + n % 40')}
                || CASE WHEN n % 8 = 0 THEN ' ${CAMERA} ' || ${words('10 + n - n')} ELSE '' END AS text) t`,
      [groupId, threadIds, authorId, from, POSTS, to],
    );
  }
  log(`posts: ${POSTS} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  started = Date.now();
  for (let from = 1; from <= DOCUMENTS; from += 500) {
    const to = Math.min(DOCUMENTS, from + 499);
    const { rows } = await client.query(
      `INSERT INTO documents (case_id, group_id, title, kind, file_name, sha256, mime_type, size,
         pages, text_status, uploaded_by, created_at)
       SELECT ($2::uuid[])[1 + n % cardinality($2::uuid[])], $1, 'Document ' || n || ' ' || ${words('4 + n - n')},
         'foi-answer', 'document-' || n || '.pdf', encode(sha256(n::text::bytea), 'hex'),
         'application/pdf', 30000, ${PAGES}, 'done', $3, now() - make_interval(mins => $5 - n)
       FROM generate_series($4::int, $6::int) n RETURNING id`,
      [groupId, caseIds, authorId, from, DOCUMENTS, to],
    );
    await client.query(
      `INSERT INTO document_pages (document_id, number, text)
       SELECT d.id, p, ${words(`${WORDS_PER_PAGE} + p - p + length(d.id::text) - 36`)}
       FROM unnest($1::uuid[]) d(id), generate_series(1, ${PAGES}) p`,
      [rows.map((row) => row.id)],
    );
    // What the text job does once a document's pages are written.
    await client.query(
      `UPDATE documents SET text_lexemes = COALESCE((
         SELECT tsvector_union(strip(tsv)) FROM document_pages WHERE document_id = documents.id), '')
       WHERE id = ANY($1::uuid[])`,
      [rows.map((row) => row.id)],
    );
    if (to % 2500 === 0) log(`documents: ${to}/${DOCUMENTS}`);
  }
  log(
    `documents: ${DOCUMENTS} (${DOCUMENTS * PAGES} pages) in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  // The steady state autovacuum keeps: GIN pending lists merged, statistics current.
  await client.query('VACUUM ANALYZE');
  const { rows: size } = await client.query(
    `SELECT pg_size_pretty(sum(octet_length(text))) AS text,
       pg_size_pretty(pg_database_size(current_database())) AS db
     FROM (SELECT text FROM posts UNION ALL SELECT text FROM document_pages) x`,
  );
  return size[0];
}

// The issue's two bare queries, each over posts and document pages ("a query pair").
const BARE = {
  ranked: [
    `SELECT id FROM posts, websearch_to_tsquery('french_unaccent', $2) q
     WHERE group_id = $1 AND tsv @@ q ORDER BY ts_rank(tsv, q) DESC LIMIT 20`,
    `SELECT dp.document_id, dp.number FROM document_pages dp JOIN documents d ON d.id = dp.document_id,
       websearch_to_tsquery('french_unaccent', $2) q
     WHERE d.group_id = $1 AND dp.tsv @@ q ORDER BY ts_rank(dp.tsv, q) DESC LIMIT 20`,
  ],
  unranked: [
    `SELECT id FROM posts WHERE group_id = $1 AND tsv @@ websearch_to_tsquery('french_unaccent', $2)
     ORDER BY created_at DESC LIMIT 20`,
    `SELECT dp.document_id, dp.number FROM document_pages dp JOIN documents d ON d.id = dp.document_id
     WHERE d.group_id = $1 AND dp.tsv @@ websearch_to_tsquery('french_unaccent', $2)
     ORDER BY d.created_at DESC LIMIT 20`,
  ],
};

export async function run(context) {
  const { log } = context;
  const notes = [
    `load average at the start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  ];
  const database = await createScratchDatabase(context, ADMIN_URL, 'search');
  const api = await startApi(context, {
    dataDir: context.tempDir('search'),
    env: { DATABASE_URL: database.url },
  });
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const cases = [api.caseId];
    for (let n = 1; n < 20; n++)
      cases.push(
        (
          await api.authed('POST', `/api/groups/${api.groupId}/cases`, {
            title: `Dossier ${n}`,
            cityCode: '13055',
            technologies: ['algorithmic-video-surveillance'],
          })
        ).id,
      );
    const me = await api.authed('GET', '/api/me');
    log(`generating ${POSTS} posts and ${DOCUMENTS} documents of ${PAGES} pages…`);
    const size = await generate(client, {
      groupId: api.groupId,
      caseIds: cases,
      authorId: me.id,
      log,
    });
    notes.push(
      `data: ${POSTS.toLocaleString('en')} posts, ${DOCUMENTS.toLocaleString('en')} documents × ${PAGES} pages; ${size.text} of text, database ${size.db}`,
      `ours: GET /api/search?q=…&groupId=… over HTTP (API process on PostgreSQL 15, limit 20, all three types, snippets); bare: the two SQL statements (posts, then pages) from a pg client, no HTTP`,
      `each figure: ${RUNS} runs after 3 warm-up runs; p95 of the whole query (pair)`,
    );
    const token = await signIn(api.baseUrl, api.admin.username, api.admin.password);
    const rows = [];
    for (const query of QUERIES) {
      const url = `${api.baseUrl}/api/search?${new URLSearchParams({ q: query.q, groupId: api.groupId, ...(query.prefix ? { prefix: 'true' } : {}) })}`;
      const ours = [];
      let found = 0;
      for (let n = 0; n < RUNS + 3; n++) {
        const took = await time(async () => {
          const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
          const body = await res.json();
          if (!res.ok) throw new Error(`search ${query.q}: ${res.status} ${JSON.stringify(body)}`);
          found = body.items.length;
        });
        if (n >= 3) ours.push(took);
      }
      const bare = {};
      for (const [kind, statements] of Object.entries(BARE)) {
        bare[kind] = [];
        const text = query.q;
        for (let n = 0; n < RUNS + 3; n++) {
          const took = await time(async () => {
            for (const sql of statements) await client.query(sql, [api.groupId, text]);
          });
          if (n >= 3) bare[kind].push(took);
        }
      }
      const p95 = percentile(ours, 95);
      rows.push({
        benchmark: 'search p95',
        size: query.label,
        ours: `${ms(p95)} (p50 ${ms(percentile(ours, 50))}, ${found} results)`,
        baseline: `ranked all ${ms(percentile(bare.ranked, 95))} · unranked ${ms(percentile(bare.unranked, 95))}`,
        ratio: `${(p95 / percentile(bare.ranked, 95)).toFixed(2)}× ranked-all`,
        target: `< ${TARGET_MS} ms`,
        pass: p95 < TARGET_MS,
      });
      log(`${query.label}: ${rows.at(-1).ours} | ${rows.at(-1).baseline}`);
    }
    return { rows, notes };
  } finally {
    await client.end();
    await api.stop();
    // BENCH_KEEP_DATABASE=1 leaves the data for EXPLAIN ANALYZE (drop it by hand afterwards).
    if (process.env.BENCH_KEEP_DATABASE === '1') log(`kept the database: ${database.url}`);
    else await database.drop();
  }
}
