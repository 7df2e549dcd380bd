import { createHash, randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type Case,
  type PublicCase,
  publicCaseSchema,
  type PublishedFacts,
  type Summary,
} from '@technopolice/shared';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BLOB_STORE } from '../src/documents/tokens.js';
import { type BlobStore } from '../src/documents/storage/index.js';
import { PublicPages } from '../src/public/public-pages.service.js';
import { textPdf } from './support/files.js';
import {
  ADMIN,
  ADMIN_ENV,
  join as joinGroup,
  newGroup,
  newPerson,
  tokenFor,
} from './support/identity.js';
import { backend, request, startTestApp, type TestApp } from './support/test-app.js';

const CSP =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

// ---- Seeding: rows exactly as the publishing feature writes them ------------------------------

interface SeedDocument {
  id: string;
  title: string;
  kind: string;
  date: string | null;
  fileName: string;
  mimeType: string;
  bytes: Buffer;
  pages: number | null;
}

interface SeedRevision {
  facts: PublishedFacts;
  summaries: Record<string, { html: string; text: string; version: number }>;
  documents: SeedDocument[];
  changeNote?: string | null;
  at: string;
}

const marseilleCity = {
  code: '13055',
  name: 'Marseille',
  departmentCode: '13',
  departmentName: 'Bouches-du-Rhône',
  lat: 43.2965,
  lng: 5.3698,
};
const niceCity = {
  code: '06088',
  name: 'Nice',
  departmentCode: '06',
  departmentName: 'Alpes-Maritimes',
  lat: 43.7031,
  lng: 7.2661,
};
const lyonCity = {
  code: '69123',
  name: 'Lyon',
  departmentCode: '69',
  departmentName: 'Rhône',
  lat: 45.758,
  lng: 4.835,
};

function facts(
  overrides: Partial<PublishedFacts> & Pick<PublishedFacts, 'title' | 'city'>,
): PublishedFacts {
  return {
    description: '',
    technologies: ['algorithmic-video-surveillance'],
    projectStatus: 'deployed',
    tags: [],
    budgetEuros: null,
    budgetSource: '',
    actors: [],
    timeline: [],
    ...overrides,
  };
}

function summary(html: string, text: string) {
  return { html, text, version: 3 };
}

function seeder(t: TestApp) {
  const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    t.dataSource.query<T[]>(sql, params);
  const store = t.app.get<BlobStore>(BLOB_STORE, { strict: false });

  async function storeBytes(bytes: Buffer): Promise<string> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const path = join(store.tempDir, `seed-${randomUUID()}`);
    await writeFile(path, bytes);
    await store.put(path, { sha256, size: bytes.length });
    return sha256;
  }

  return {
    q,
    async group(name: string, slug: string): Promise<{ id: string; slug: string; name: string }> {
      const [row] = await q<{ id: string }>(
        'INSERT INTO groups (slug, name) VALUES ($1, $2) RETURNING id',
        [slug, name],
      );
      return { id: row!.id, slug, name };
    },
    /** Publishes a revision: the publication row on the first one, a new number after. */
    async publish(
      group: { id: string; slug: string },
      caseSlug: string,
      revision: SeedRevision,
    ): Promise<{ publicationId: string; number: number }> {
      const f = revision.facts;
      const [existing] = await q<{ id: string; revision: number }>(
        'SELECT id, revision FROM publications WHERE group_slug = $1 AND case_slug = $2',
        [group.slug, caseSlug],
      );
      let publicationId: string;
      let number: number;
      if (existing) {
        publicationId = existing.id;
        number = existing.revision + 1;
        await q(
          `UPDATE publications SET revision = $2, title = $3, city_code = $4, department_code = $5,
             technologies = $6, project_status = $7, last_published_at = $8,
             retracted_at = NULL, retracted_reason = NULL WHERE id = $1`,
          [
            publicationId,
            number,
            f.title,
            f.city.code,
            f.city.departmentCode,
            f.technologies,
            f.projectStatus,
            revision.at,
          ],
        );
      } else {
        number = 1;
        const [row] = await q<{ id: string }>(
          `INSERT INTO publications (group_id, group_slug, case_slug, revision, title, city_code,
             department_code, technologies, project_status, first_published_at, last_published_at)
           VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $8, $9, $9) RETURNING id`,
          [
            group.id,
            group.slug,
            caseSlug,
            f.title,
            f.city.code,
            f.city.departmentCode,
            f.technologies,
            f.projectStatus,
            revision.at,
          ],
        );
        publicationId = row!.id;
      }
      const [rev] = await q<{ id: string }>(
        `INSERT INTO publication_revisions (publication_id, number, facts, summaries, change_note, published_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [
          publicationId,
          number,
          JSON.stringify(f),
          JSON.stringify(revision.summaries),
          revision.changeNote ?? null,
          revision.at,
        ],
      );
      for (const [position, doc] of revision.documents.entries()) {
        const sha256 = await storeBytes(doc.bytes);
        await q(
          `INSERT INTO publication_documents (revision_id, document_id, position, title, kind, date,
             file_name, sha256, mime_type, size, pages)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [
            rev!.id,
            doc.id,
            position,
            doc.title,
            doc.kind,
            doc.date,
            doc.fileName,
            sha256,
            doc.mimeType,
            doc.bytes.length,
            doc.pages,
          ],
        );
      }
      return { publicationId, number };
    },
    async retract(publicationId: string, reason: string, at = new Date().toISOString()) {
      await q('UPDATE publications SET retracted_at = $2, retracted_reason = $3 WHERE id = $1', [
        publicationId,
        at,
        reason,
      ]);
    },
  };
}

// ---- Checks --------------------------------------------------------------------------------

/**
 * A strict enough well-formedness check for the feed (no XML parser among our dependencies):
 * one root, balanced and properly nested tags, quoted attributes, no stray `<` or `&`.
 */
function assertWellFormedXml(xml: string): void {
  const entity = /&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/g;
  const checkText = (text: string, where: string) => {
    const stripped = text.replace(entity, '');
    if (/[<&]/.test(stripped))
      throw new Error(`unescaped < or & in ${where}: ${text.slice(0, 80)}`);
  };
  let rest = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  let roots = 0;
  const tag =
    /^<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/;
  while (rest.length > 0) {
    const lt = rest.indexOf('<');
    const text = lt === -1 ? rest : rest.slice(0, lt);
    if (stack.length === 0 && text.trim() !== '') throw new Error(`text outside the root: ${text}`);
    checkText(text, stack.at(-1) ?? 'prolog');
    if (lt === -1) break;
    rest = rest.slice(lt);
    const match = tag.exec(rest);
    if (!match) throw new Error(`malformed tag at: ${rest.slice(0, 80)}`);
    const [whole, closing, name, attributes, selfClosing] = match;
    for (const value of attributes!.matchAll(/=\s*(?:"([^"]*)"|'([^']*)')/g))
      checkText(value[1] ?? value[2] ?? '', `an attribute of ${name}`);
    if (closing) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open}>`);
    } else if (!selfClosing) {
      if (stack.length === 0) roots++;
      stack.push(name!);
    } else if (stack.length === 0) roots++;
    rest = rest.slice(whole.length);
  }
  if (stack.length > 0) throw new Error(`unclosed: ${stack.join(' > ')}`);
  if (roots !== 1) throw new Error(`${roots} root elements`);
}

const entries = (xml: string) =>
  [...xml.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map((m) => ({
    id: /<id>([^<]*)<\/id>/.exec(m[1]!)![1]!,
    title: /<title>([^<]*)<\/title>/.exec(m[1]!)![1]!,
    link: /<link rel="alternate" type="text\/html" href="([^"]*)"/.exec(m[1]!)![1]!,
    updated: /<updated>([^<]*)<\/updated>/.exec(m[1]!)![1]!,
    summary: /<summary type="text">([^<]*)<\/summary>/.exec(m[1]!)![1]!,
  }));

describe(`public pages on ${backend}`, () => {
  let t: TestApp;
  let seed: ReturnType<typeof seeder>;
  let publicUrl: string;
  const docs: Record<string, SeedDocument> = {};
  const ids: Record<string, string> = {};
  const pages: { url: string; text: string }[] = [];

  const get = async (path: string, init: RequestInit = {}) => {
    const res = await request(`${t.url}${path}`, init);
    if (res.headers.get('content-type')?.startsWith('text/html'))
      pages.push({ url: path, text: res.text });
    return res;
  };

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV, isolated: true });
    publicUrl = t.config.publicUrl;
    seed = seeder(t);
    const sud = await seed.group('Technopolice Marseille', 'technopolice-marseille');
    const azur = await seed.group('Technopolice <Côte> & "Azur"', 'technopolice-azur');

    docs.old = {
      id: randomUUID(),
      title: 'Ancienne note de la préfecture',
      kind: 'correspondence',
      date: '2022-11-02',
      fileName: 'note.txt',
      mimeType: 'text/plain',
      bytes: Buffer.from('Note retirée de la publication.\n'),
      pages: null,
    };
    docs.deliberation = {
      id: randomUUID(),
      title: 'Délibération 23/118 du conseil municipal',
      kind: 'deliberation',
      date: '2023-03-01',
      fileName: 'délibération 23-118.pdf',
      mimeType: 'application/pdf',
      bytes: await textPdf([['Délibération du conseil municipal'], ['Article 2 : caméras']]),
      pages: 2,
    };
    docs.budget = {
      id: randomUUID(),
      title: 'Tableau budgétaire',
      kind: 'contract',
      date: null,
      fileName: 'budget.csv',
      mimeType: 'text/csv',
      bytes: Buffer.from('poste;montant\ncaméras;1500000\n'),
      pages: null,
    };
    docs.lyon = {
      id: randomUUID(),
      title: 'Arrêté drones',
      kind: 'other',
      date: '2024-01-10',
      fileName: 'arrete.txt',
      mimeType: 'text/plain',
      bytes: Buffer.from('arrêté'),
      pages: null,
    };

    const marseilleFacts = facts({
      title: 'Vidéosurveillance algorithmique à Marseille',
      description: 'La ville déploie un logiciel d’analyse automatique des images.',
      city: marseilleCity,
      technologies: ['algorithmic-video-surveillance', 'data-interconnection'],
      projectStatus: 'deployed',
      tags: ['vsa', 'csu'],
      budgetEuros: 1_500_000,
      budgetSource: 'Délibération 23/118, annexe financière',
      actors: [
        { name: 'Thales', kind: 'vendor', role: 'Intégrateur du centre de supervision' },
        { name: 'Ville de Marseille', kind: 'public-body', role: 'Maître d’ouvrage' },
      ],
      timeline: [
        { date: '2023-06-01', title: 'Mise en service', documentId: null },
        {
          date: '2023-03-01',
          title: 'Vote du conseil municipal',
          documentId: docs.deliberation.id,
        },
      ],
    });
    const v1 = await seed.publish(sud, 'vsa-marseille', {
      facts: { ...marseilleFacts, budgetEuros: null, projectStatus: 'announced' },
      summaries: {
        fr: summary(
          '<h2>Le projet</h2><p>Première version du dossier.</p>',
          'Le projet Première version du dossier.',
        ),
      },
      documents: [docs.old],
      at: '2024-01-15T10:00:00Z',
    });
    ids.marseille = v1.publicationId;
    await seed.publish(sud, 'vsa-marseille', {
      facts: marseilleFacts,
      summaries: {
        fr: summary(
          `<h2>Le projet</h2><p>Des caméras « intelligentes » analysent la foule. Voir <a href="/p/technopolice-marseille/vsa-marseille/documents/${docs.deliberation.id}" class="rt-document">#Délibération 23/118</a>.</p>`,
          'Le projet Des caméras « intelligentes » analysent la foule. Voir #Délibération 23/118.',
        ),
        en: summary(
          '<h2>The project</h2><p>“Smart” cameras analyse the crowd.</p>',
          'The project “Smart” cameras analyse the crowd.',
        ),
      },
      documents: [docs.deliberation, docs.budget],
      changeNote: 'Ajout du budget & de la délibération',
      at: '2024-03-20T09:30:00Z',
    });

    const nice = await seed.publish(azur, 'reconnaissance-faciale-nice', {
      facts: facts({
        title: 'Nice : « reconnaissance » faciale <b>&</b> "tests"',
        city: niceCity,
        technologies: ['facial-recognition'],
        projectStatus: 'experiment',
        actors: [{ name: 'Anyvision', kind: 'vendor', role: 'Logiciel' }],
      }),
      summaries: {
        fr: summary('<p>Test au carnaval.</p>', 'Test au carnaval <script>alert(1)</script> & co.'),
      },
      documents: [],
      at: '2024-02-01T08:00:00Z',
    });
    ids.nice = nice.publicationId;

    const lyon = await seed.publish(sud, 'drones-lyon', {
      facts: facts({ title: 'Drones à Lyon', city: lyonCity, technologies: ['drones'] }),
      summaries: { fr: summary('<p>SECRET-SUMMARY-LYON</p>', 'SECRET-SUMMARY-LYON') },
      documents: [docs.lyon],
      at: '2024-02-10T08:00:00Z',
    });
    ids.lyon = lyon.publicationId;
    await seed.retract(
      lyon.publicationId,
      'Erreur sur le fournisseur : nous corrigeons.',
      '2024-04-02T12:00:00Z',
    );
  }, 120_000);
  afterAll(() => t?.close());

  it('shows a case as a reader sees it: facts, summary, timeline, documents, revisions', async () => {
    const res = await get('/p/technopolice-marseille/vsa-marseille');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const page = res.text;
    expect(page).toMatch(/^<!doctype html>\n<html lang="fr">/);
    expect(page).toContain('<h1>Vidéosurveillance algorithmique à Marseille</h1>');
    expect(page).toContain('Technopolice Marseille');
    expect(page).toContain('Marseille</a> (<a href="/p?department=13">Bouches-du-Rhône, 13</a>)');
    expect(page).toContain('Vidéosurveillance algorithmique</a>');
    expect(page).toContain('Interconnexion de données, hypervision');
    expect(page).toContain('status-deployed">Déployé');
    expect(page).toContain('1\u202f500\u202f000\u00a0€');
    expect(page).toContain('Délibération 23/118, annexe financière');
    expect(page).toContain(
      '<span class="actor-name">Thales</span> <span class="tag tag-plain">Fournisseur</span>',
    );
    expect(page).toContain('Intégrateur du centre de supervision');
    expect(page).toContain('Organisme public');
    expect(page).toContain('La ville déploie un logiciel d’analyse automatique des images.');
    // The summary HTML as the server rendered it at publication.
    expect(page).toContain(
      `<p>Des caméras « intelligentes » analysent la foule. Voir <a href="/p/technopolice-marseille/vsa-marseille/documents/${docs.deliberation!.id}" class="rt-document">#Délibération 23/118</a>.</p>`,
    );
    // Timeline, in date order; an entry citing a public document links to it.
    const docHref = `/p/technopolice-marseille/vsa-marseille/documents/${docs.deliberation!.id}`;
    expect(page.indexOf('Vote du conseil municipal')).toBeLessThan(page.indexOf('Mise en service'));
    expect(page).toContain(
      `Vote du conseil municipal <span class="cite">(document\u00a0: <a href="${docHref}">`,
    );
    // Documents of the revision, with kind, date, size, pages.
    expect(page).toContain(
      `<a href="${docHref}" type="application/pdf" data-href="${publicUrl}${docHref}">Délibération 23/118 du conseil municipal</a>`,
    );
    expect(page).toContain('Délibération · 1 mars 2023');
    expect(page).toContain('2 pages');
    expect(page).toContain(
      `/documents/${docs.budget!.id}" type="text/csv" data-href="${publicUrl}/p/technopolice-marseille/vsa-marseille/documents/${docs.budget!.id}">Tableau budgétaire</a>`,
    );
    expect(page).not.toContain(docs.old!.title);
    // Revision log, with dates and notes, linking to the older one.
    expect(page).toContain('Version 2 (actuelle)');
    expect(page).toContain(
      '<a href="/p/technopolice-marseille/vsa-marseille/revisions/1">Version 1</a>',
    );
    expect(page).toContain('Ajout du budget &amp; de la délibération');
    expect(page).toContain(
      'Publié le <time datetime="2024-01-15T10:00:00.000Z">15 janvier 2024</time>',
    );
    expect(page).toContain(
      'mis à jour le <time datetime="2024-03-20T09:30:00.000Z">20 mars 2024</time>',
    );
    // Head: description, canonical, Open Graph, feed, stylesheet.
    expect(page).toContain(
      // The case's own lede when it has one (the summary's start otherwise).
      '<meta name="description" content="La ville déploie un logiciel d’analyse automatique des images.">',
    );
    expect(page).toContain(
      `<link rel="canonical" href="${publicUrl}/p/technopolice-marseille/vsa-marseille">`,
    );
    expect(page).toContain(
      '<meta property="og:title" content="Vidéosurveillance algorithmique à Marseille">',
    );
    expect(page).toContain(
      `<meta property="og:url" content="${publicUrl}/p/technopolice-marseille/vsa-marseille">`,
    );
    expect(page).toContain('<meta property="og:type" content="article">');
    expect(page).toContain('<link rel="alternate" type="application/atom+xml" href="/feed.atom"');
    expect(page).toMatch(/<link rel="stylesheet" href="\/p\/assets\/public\.[0-9a-f]{12}\.css">/);
    // Landmarks and a skip link.
    expect(page).toContain('<a class="skip" href="#main">');
    expect(page).toContain('<main id="main"');
    expect(page).toContain('<nav aria-label="Navigation principale">');
    expect(page).toContain(
      '<a class="lang-switch" href="/p/technopolice-marseille/vsa-marseille?lang=en" lang="en" hreflang="en">Read in English</a>',
    );
  });

  it('answers with the strict public headers, a validator and 304, and HEAD', async () => {
    const res = await get('/p/technopolice-marseille/vsa-marseille');
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const again = await fetch(`${t.url}/p/technopolice-marseille/vsa-marseille`, {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const head = await fetch(`${t.url}/p/technopolice-marseille/vsa-marseille`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(etag);
    expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(res.text)));
    expect(await head.text()).toBe('');
  });

  it('serves the English summary with ?lang=en, and switches back', async () => {
    const res = await get('/p/technopolice-marseille/vsa-marseille?lang=en');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/<html lang="en">/);
    expect(res.text).toContain('<p>“Smart” cameras analyse the crowd.</p>');
    expect(res.text).not.toContain('Des caméras « intelligentes »');
    expect(res.text).toContain('Algorithmic video surveillance');
    expect(res.text).toContain('Deployed');
    expect(res.text).toContain(
      'href="/p/technopolice-marseille/vsa-marseille" lang="fr" hreflang="fr">Lire en français</a>',
    );
    expect(res.text).toContain(
      `<link rel="canonical" href="${publicUrl}/p/technopolice-marseille/vsa-marseille?lang=en">`,
    );
    // Without an English summary, French.
    const nice = await get('/p/technopolice-azur/reconnaissance-faciale-nice?lang=en');
    expect(nice.text).toMatch(/<html lang="fr">/);
    expect(nice.text).not.toContain('Read in English');
  });

  it('escapes every fact it shows', async () => {
    const res = await get('/p/technopolice-azur/reconnaissance-faciale-nice');
    expect(res.status).toBe(200);
    expect(res.text).toContain(
      '<h1>Nice : « reconnaissance » faciale &lt;b&gt;&amp;&lt;/b&gt; &quot;tests&quot;</h1>',
    );
    expect(res.text).toContain('Technopolice &lt;Côte&gt; &amp; &quot;Azur&quot;');
    expect(res.text).toContain(
      'content="Test au carnaval &lt;script&gt;alert(1)&lt;/script&gt; &amp; co."',
    );
    expect(res.text).toContain('Non communiqué');
  });

  it('shows an older revision with a notice that a newer one exists', async () => {
    const res = await get('/p/technopolice-marseille/vsa-marseille/revisions/1');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<p>Première version du dossier.</p>');
    expect(res.text).toContain(
      'Vous lisez la version 1 de ce dossier. Une version plus récente (version 2) est publiée.',
    );
    expect(res.text).toContain(
      '<a href="/p/technopolice-marseille/vsa-marseille">Lire la version actuelle</a>',
    );
    expect(res.text).toContain('status-announced">Annoncé');
    // Its document is no longer public: listed, not linked.
    expect(res.text).toContain(docs.old!.title);
    expect(res.text).not.toContain(`/documents/${docs.old!.id}`);
    expect(res.text).toContain('plus publié dans la version actuelle');
    expect(res.text).toContain('<meta name="robots" content="noindex">');

    expect((await get('/p/technopolice-marseille/vsa-marseille/revisions/3')).status).toBe(404);
    expect((await get('/p/technopolice-marseille/vsa-marseille/revisions/zero')).status).toBe(404);
    // The current revision by number is the current page.
    expect((await get('/p/technopolice-marseille/vsa-marseille/revisions/2')).text).not.toContain(
      'Vous lisez la version',
    );
  });

  it('answers an unknown address with a French page, 404', async () => {
    for (const path of [
      '/p/technopolice-marseille/nothing-here',
      '/p/nobody/vsa-marseille',
      '/p/Bad%20Slug/x',
      '/p/assets/unknown.css',
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(CSP);
      expect(res.text).toContain('<html lang="fr">');
      expect(res.text).toContain('<h1>Page introuvable</h1>');
      expect(res.text).toContain('<a href="/p">Voir tous les dossiers publiés</a>');
    }
  });

  it('answers a withdrawn case with 410: when, why, and nothing of its content', async () => {
    for (const path of [
      '/p/technopolice-marseille/drones-lyon',
      '/p/technopolice-marseille/drones-lyon/revisions/1',
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(410);
      expect(res.headers.get('content-security-policy')).toBe(CSP);
      expect(res.text).toContain('<h1>Dossier retiré</h1>');
      expect(res.text).toContain('a été retiré de la publication le 2 avril 2024');
      expect(res.text).toContain('Erreur sur le fournisseur : nous corrigeons.');
      expect(res.text).not.toContain('SECRET-SUMMARY-LYON');
      expect(res.text).not.toContain('Drones à Lyon');
    }
  });

  it('serves the bytes of the current revision’s documents, ranges too', async () => {
    const base = '/p/technopolice-marseille/vsa-marseille/documents';
    const pdf = await fetch(`${t.url}${base}/${docs.deliberation!.id}`);
    expect(pdf.status).toBe(200);
    expect(Buffer.from(await pdf.arrayBuffer()).equals(docs.deliberation!.bytes)).toBe(true);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe(
      `inline; filename="d_lib_ration 23-118.pdf"; filename*=UTF-8''${encodeURIComponent('délibération 23-118.pdf')}`,
    );
    expect(pdf.headers.get('x-content-type-options')).toBe('nosniff');
    expect(pdf.headers.get('content-security-policy')).toBe(CSP);
    expect(pdf.headers.get('accept-ranges')).toBe('bytes');

    const range = await fetch(`${t.url}${base}/${docs.deliberation!.id}`, {
      headers: { range: 'bytes=0-3' },
    });
    expect(range.status).toBe(206);
    expect(await range.text()).toBe('%PDF');
    expect(range.headers.get('content-range')).toBe(`bytes 0-3/${docs.deliberation!.bytes.length}`);

    const csv = await fetch(`${t.url}${base}/${docs.budget!.id}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="budget.csv"/);
    expect(await csv.text()).toBe(docs.budget!.bytes.toString());

    // A document of an older revision only, of another case, or not a document at all: 404.
    expect((await get(`${base}/${docs.old!.id}`)).status).toBe(404);
    expect(
      (
        await get(
          `/p/technopolice-azur/reconnaissance-faciale-nice/documents/${docs.deliberation!.id}`,
        )
      ).status,
    ).toBe(404);
    expect((await get(`${base}/not-a-uuid`)).status).toBe(404);
    // Of a withdrawn case: 410.
    const gone = await get(`/p/technopolice-marseille/drones-lyon/documents/${docs.lyon!.id}`);
    expect(gone.status).toBe(410);
    expect(gone.text).not.toContain('arrêté');
  });

  it('lists published cases on /p with a map, cards and filters that work without script', async () => {
    const res = await get('/p');
    expect(res.status).toBe(200);
    const page = res.text;
    expect(page).toContain('<h1>Dossiers publiés</h1>');
    expect(page).toContain('<h2 class="count" id="results-title">2 dossiers</h2>');
    // Newest first; the withdrawn case is not listed.
    const cards = page.slice(page.indexOf('<ol class="cards"'));
    expect(cards.indexOf('Vidéosurveillance algorithmique à Marseille</a>')).toBeGreaterThan(0);
    expect(cards.indexOf('Vidéosurveillance algorithmique à Marseille</a>')).toBeLessThan(
      cards.indexOf('Nice : « reconnaissance »'),
    );
    expect(page).not.toContain('Drones à Lyon');
    // The map: the cached base under one dot per case, each linking to its page with its title.
    const map = /<image href="(\/p\/assets\/france\.[0-9a-f]{12}\.svg)"/.exec(page);
    expect(map).not.toBeNull();
    expect(page.match(/<circle class="dot"/g)).toHaveLength(2);
    expect(page).toContain(
      '<a href="/p/technopolice-marseille/vsa-marseille" tabindex="-1"><title>Vidéosurveillance algorithmique à Marseille</title><circle class="dot" cx="679.9" cy="727.1" r="9"/></a>',
    );
    // A GET form.
    expect(page).toContain('<form class="filters" method="get" action="/p" role="search"');
    expect(page).toContain('<select id="f-technology" name="technology">');
    expect(page).toContain('<option value="13">13 · Bouches-du-Rhône (1)</option>');
    expect(page).toContain(
      '<option value="technopolice-azur">Technopolice &lt;Côte&gt; &amp; &quot;Azur&quot; (1)</option>',
    );

    const svg = await fetch(`${t.url}${map![1]}`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(svg.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const svgText = await svg.text();
    expect(svgText).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 1000 1000">/,
    );
    expect(svgText.match(/<path /g)!.length).toBeGreaterThanOrEqual(101);
    const css = await fetch(
      `${t.url}${/href="(\/p\/assets\/public\.[0-9a-f]{12}\.css)"/.exec(page)![1]}`,
    );
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const stylesheet = await css.text();
    expect(stylesheet).toContain('@media print');
    expect(stylesheet).toContain("a[href]::after { content: ' (' attr(href) ')'");
    expect(stylesheet).not.toMatch(/@font-face|@import|url\(/);
  });

  it('filters /p by technology, status, department, city and group; empty fields mean any', async () => {
    const titles = async (query: string) => {
      const res = await get(`/p?${query}`);
      expect(res.status, query).toBe(200);
      return [...res.text.matchAll(/<h2 id="case-\d+"><a href="([^"]+)">/g)].map((m) => m[1]);
    };
    const marseille = '/p/technopolice-marseille/vsa-marseille';
    const nice = '/p/technopolice-azur/reconnaissance-faciale-nice';
    expect(await titles('technology=facial-recognition')).toEqual([nice]);
    expect(await titles('technology=data-interconnection')).toEqual([marseille]);
    expect(await titles('technology=drones')).toEqual([]);
    expect(await titles('projectStatus=experiment')).toEqual([nice]);
    expect(await titles('department=13')).toEqual([marseille]);
    expect(await titles('cityCode=06088')).toEqual([nice]);
    expect(await titles('group=technopolice-marseille')).toEqual([marseille]);
    expect(await titles('technology=&projectStatus=&department=&group=')).toEqual([
      marseille,
      nice,
    ]);
    expect(await titles('limit=1')).toEqual([marseille]);
    const second = await get('/p?limit=1&cursor=1');
    expect(second.text).toContain('rel="prev"');
    expect(
      [...second.text.matchAll(/<h2 id="case-\d+"><a href="([^"]+)">/g)].map((m) => m[1]),
    ).toEqual([nice]);
    const selected = await get('/p?technology=facial-recognition');
    expect(selected.text).toContain(
      '<option value="facial-recognition" selected>Reconnaissance faciale</option>',
    );
    expect(selected.text).toContain('<a href="/p">Retirer les filtres</a>');
  });

  it('answers a bad filter on /p with a 400 page in words, not a 500', async () => {
    for (const query of [
      'technology=mind-reading',
      'department=1000',
      'colour=red',
      'limit=0',
      'cursor=-1',
      'technology=drones&technology=other',
    ]) {
      const res = await get(`/p?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(CSP);
      expect(res.text).toContain('<h1>Filtre non reconnu</h1>');
    }
    expect((await get('/p?technology=mind-reading')).text).toContain(
      'technologie (<code>technology</code>)\u00a0: la valeur « mind-reading » n’est pas reconnue',
    );
    expect((await get('/p?colour=red')).text).toContain(
      'paramètre inconnu\u00a0: <code>colour</code>',
    );
  });

  it('serves the listing as open data: /api/public/cases, filters, absolute URLs, CORS', async () => {
    const res = await request<{ items: PublicCase[]; nextCursor: string | null }>(
      `${t.url}/api/public/cases`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items).toHaveLength(2);
    for (const item of res.body.items) expect(publicCaseSchema.parse(item)).toEqual(item);
    const [marseille, nice] = res.body.items;
    expect(marseille).toMatchObject({
      url: `${publicUrl}/p/technopolice-marseille/vsa-marseille`,
      group: { slug: 'technopolice-marseille', name: 'Technopolice Marseille' },
      slug: 'vsa-marseille',
      title: 'Vidéosurveillance algorithmique à Marseille',
      city: marseilleCity,
      technologies: ['algorithmic-video-surveillance', 'data-interconnection'],
      projectStatus: 'deployed',
      budgetEuros: 1_500_000,
      languages: ['en', 'fr'],
      revision: 2,
      firstPublishedAt: '2024-01-15T10:00:00.000Z',
      updatedAt: '2024-03-20T09:30:00.000Z',
    });
    expect(marseille!.excerpt).toBe(
      'La ville déploie un logiciel d’analyse automatique des images.',
    );
    expect(marseille!.documents).toEqual([
      {
        id: docs.deliberation!.id,
        title: docs.deliberation!.title,
        kind: 'deliberation',
        date: '2023-03-01',
        mimeType: 'application/pdf',
        size: docs.deliberation!.bytes.length,
        pages: 2,
        url: `${publicUrl}/p/technopolice-marseille/vsa-marseille/documents/${docs.deliberation!.id}`,
      },
      expect.objectContaining({ id: docs.budget!.id, date: null, pages: null }),
    ]);
    expect(nice!.title).toBe('Nice : « reconnaissance » faciale <b>&</b> "tests"');

    const filtered = await request<{ items: PublicCase[] }>(
      `${t.url}/api/public/cases?technology=facial-recognition`,
    );
    expect(filtered.body.items.map((i) => i.slug)).toEqual(['reconnaissance-faciale-nice']);
    const byGroup = await request<{ items: PublicCase[] }>(
      `${t.url}/api/public/cases?group=technopolice-azur&department=06`,
    );
    expect(byGroup.body.items.map((i) => i.slug)).toEqual(['reconnaissance-faciale-nice']);
    const first = await request<{ items: PublicCase[]; nextCursor: string }>(
      `${t.url}/api/public/cases?limit=1`,
    );
    expect(first.body.items.map((i) => i.slug)).toEqual(['vsa-marseille']);
    const next = await request<{ items: PublicCase[]; nextCursor: string | null }>(
      `${t.url}/api/public/cases?limit=1&cursor=${first.body.nextCursor}`,
    );
    expect(next.body.items.map((i) => i.slug)).toEqual(['reconnaissance-faciale-nice']);
    expect(next.body.nextCursor).toBeNull();

    const bad = await request(`${t.url}/api/public/cases?technology=mind-reading&limit=9999`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('access-control-allow-origin')).toBe('*');
    expect(bad.body).toMatchObject({ statusCode: 400, code: 'validation_failed' });
    expect(bad.body.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'technology' }),
        expect.objectContaining({ path: 'limit' }),
      ]),
    );
    expect((await request(`${t.url}/api/public/cases?foo=1`)).status).toBe(400);
  });

  it('serves an Atom feed of new and revised publications, well-formed and escaped', async () => {
    const res = await fetch(`${t.url}/feed.atom`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    const xml = await res.text();
    expect(() => assertWellFormedXml(xml)).not.toThrow();
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/,
    );
    expect(xml).toContain(
      `<link rel="self" type="application/atom+xml" href="${publicUrl}/feed.atom"/>`,
    );
    expect(xml).toContain('<updated>2024-03-20T09:30:00.000Z</updated>');
    // One entry per revision of listed publications, newest first; nothing of the withdrawn one.
    const list = entries(xml);
    expect(list.map((e) => [e.id, e.updated])).toEqual([
      [
        `${publicUrl}/p/technopolice-marseille/vsa-marseille/revisions/2`,
        '2024-03-20T09:30:00.000Z',
      ],
      [
        `${publicUrl}/p/technopolice-azur/reconnaissance-faciale-nice/revisions/1`,
        '2024-02-01T08:00:00.000Z',
      ],
      [
        `${publicUrl}/p/technopolice-marseille/vsa-marseille/revisions/1`,
        '2024-01-15T10:00:00.000Z',
      ],
    ]);
    expect(list[0]!.link).toBe(`${publicUrl}/p/technopolice-marseille/vsa-marseille`);
    expect(list[0]!.title).toBe(
      'Dossier mis à jour (version 2)\u00a0: Vidéosurveillance algorithmique à Marseille',
    );
    expect(list[0]!.summary).toContain(
      'Ajout du budget &amp; de la délibération — Le projet Des caméras',
    );
    expect(list[1]!.title).toBe(
      'Nouveau dossier\u00a0: Nice : « reconnaissance » faciale &lt;b&gt;&amp;&lt;/b&gt; &quot;tests&quot;',
    );
    expect(list[1]!.summary).toBe(
      'Test au carnaval &lt;script&gt;alert(1)&lt;/script&gt; &amp; co.',
    );
    expect(xml).toContain(
      '<author><name>Technopolice &lt;Côte&gt; &amp; &quot;Azur&quot;</name></author>',
    );
    expect(xml).not.toContain('SECRET-SUMMARY-LYON');
  });

  it('checks itself: the well-formedness check refuses broken XML', () => {
    expect(() => assertWellFormedXml('<a><b></a></b>')).toThrow();
    expect(() => assertWellFormedXml('<a>fish & chips</a>')).toThrow();
    expect(() => assertWellFormedXml('<a title="x<y"/>')).toThrow();
    expect(() => assertWellFormedXml('<a/><b/>')).toThrow();
    expect(() => assertWellFormedXml('<a x="1">&amp;&#39;</a>')).not.toThrow();
  });

  it('serves a new publication and a withdrawal at once after invalidate()', async () => {
    const group = (
      await seed.q<{ id: string }>("SELECT id FROM groups WHERE slug = 'technopolice-marseille'")
    )[0]!;
    const path = '/p/technopolice-marseille/capteurs-saint-etienne';
    expect((await get(path)).status).toBe(404);
    const published = await seed.publish(
      { id: group.id, slug: 'technopolice-marseille' },
      'capteurs-saint-etienne',
      {
        facts: facts({
          title: 'Capteurs sonores à Saint-Étienne',
          city: {
            code: '42218',
            name: 'Saint-Étienne',
            departmentCode: '42',
            departmentName: 'Loire',
            lat: 45.434,
            lng: 4.39,
          },
          technologies: ['sound-sensors'],
        }),
        summaries: { fr: summary('<p>Des micros dans la rue.</p>', 'Des micros dans la rue.') },
        documents: [],
        at: new Date().toISOString(),
      },
    );
    t.app.get(PublicPages, { strict: false }).invalidate();
    expect((await get(path)).status).toBe(200);
    expect((await get('/p')).text).toContain('Capteurs sonores à Saint-Étienne');

    await seed.retract(published.publicationId, 'Publié par erreur.');
    t.app.get(PublicPages, { strict: false }).invalidate();
    const gone = await get(path);
    expect(gone.status).toBe(410);
    expect(gone.text).toContain('Publié par erreur.');
    expect((await get('/p')).text).not.toContain('Capteurs sonores à Saint-Étienne');
  });

  it('sees a withdrawal made by another replica within about a second, and hits touch no database', async () => {
    const path = '/p/technopolice-azur/reconnaissance-faciale-nice';
    // Past the second: this request checks for other replicas' writes, the next one will not.
    await new Promise((resolve) => setTimeout(resolve, 1050));
    expect((await get(path)).status).toBe(200);
    const spy = vi.spyOn(t.dataSource, 'query');
    try {
      expect((await get(path)).status).toBe(200);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
    // Another replica retracts: this process is not told.
    await seed.retract(ids.nice!, 'Le groupe a retiré ce dossier.');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const res = await get(path);
    expect(res.status).toBe(410);
    expect(res.text).toContain('Le groupe a retiré ce dossier.');
    const feed = await (await fetch(`${t.url}/feed.atom`)).text();
    expect(feed).not.toContain('reconnaissance-faciale-nice');
  });

  it('shows what the publish route publishes at once, and takes it down when retracted', async () => {
    const adminToken = await tokenFor(t, ADMIN.username, ADMIN.password);
    const alice = await newPerson(t, adminToken, 'Alice Membre-Secret');
    const dora = await newPerson(t, adminToken, 'Dora Pseudo-Secret');
    const group = await newGroup(t, alice, 'Technopolice Grenoble');
    await joinGroup(group, alice, dora, 'coordinator');
    const kase = (
      await alice.api.post<Case>(`/api/groups/${group.id}/cases`, {
        title: 'Grenoble — capteurs sonores',
        cityCode: '38185',
        technologies: ['sound-sensors'],
        stage: 'drafting',
      })
    ).body;
    const version = (await alice.api.get<Summary>(`/api/cases/${kase.id}/summary`)).body.version;
    const saved = await alice.api.put(`/api/cases/${kase.id}/summary`, {
      body: {
        type: 'doc',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'Des micros écoutent la rue.' }] },
        ],
      },
      version,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect((await alice.api.post(`/api/cases/${kase.id}/review`, {})).status).toBe(200);
    expect((await dora.api.post(`/api/cases/${kase.id}/approvals`)).status).toBeLessThan(300);
    // Rendered (and cached) before the publication.
    expect((await get('/p')).text).not.toContain('Grenoble — capteurs sonores');

    const published = await dora.api.post<{ url: string }>(`/api/cases/${kase.id}/publication`, {
      documentIds: [],
    });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    const path = published.body.url.slice(publicUrl.length);
    const page = await get(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Grenoble — capteurs sonores</h1>');
    expect(page.text).toContain('Des micros écoutent la rue.');
    expect(page.text).toContain('Technopolice Grenoble');
    // Attributed to the group: no member's name anywhere.
    expect(page.text).not.toMatch(/Membre-Secret|Pseudo-Secret/);
    expect((await get('/p')).text).toContain('Grenoble — capteurs sonores');
    const feed = await (await fetch(`${t.url}/feed.atom`)).text();
    expect(feed).toContain('Nouveau dossier\u00a0: Grenoble — capteurs sonores');
    expect(feed).not.toMatch(/Membre-Secret|Pseudo-Secret/);

    const retracted = await fetch(`${t.url}/api/cases/${kase.id}/publication`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${dora.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'Une source doit être protégée.' }),
    });
    expect(retracted.status).toBe(200);
    const gone = await get(path);
    expect(gone.status).toBe(410);
    expect(gone.text).toContain('Une source doit être protégée.');
    expect(gone.text).not.toContain('Des micros écoutent la rue.');
    expect((await get('/p')).text).not.toContain('Grenoble — capteurs sonores');
  });

  it('never runs a script nor loads anything from elsewhere, on any page it served', () => {
    expect(pages.length).toBeGreaterThan(30);
    for (const { url, text } of pages) {
      expect(text, url).not.toMatch(/<script/i);
      expect(text, url).not.toMatch(/\son[a-z]+\s*=/i);
      expect(text, url).not.toMatch(/\sstyle\s*=/i);
      for (const [found] of text.matchAll(/(?:https?:)?\/\/[^\s"'<>)]+/g)) {
        expect(found.startsWith(`${publicUrl}/`) || found === publicUrl, `${url}: ${found}`).toBe(
          true,
        );
      }
    }
  });
});
