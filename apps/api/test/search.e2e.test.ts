import { type Case, type CaseDocument, type SearchAnswer, type Thread } from '@technopolice/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reindex } from '../src/search/reindex.js';
import { textPdf } from './support/files.js';
import {
  ADMIN,
  ADMIN_ENV,
  join,
  newGroup,
  newPerson,
  type Person,
  tokenFor,
} from './support/identity.js';
import { backend, startTestApp, type TestApp } from './support/test-app.js';

const say = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

describe(`search on ${backend}`, () => {
  let t: TestApp;
  let alice: Person;
  let bob: Person;
  let outsider: Person;
  let groupId: string;
  let marseille: Case;
  let nice: Case;
  let foreign: Case;
  let thread: Thread;
  const ids: Record<string, string> = {};

  const search = async (who: Person, params: Record<string, string>) => {
    const res = await who.api.get<SearchAnswer>(
      `/api/search?${new URLSearchParams(params).toString()}`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV, isolated: true });
    const adminToken = await tokenFor(t, ADMIN.username, ADMIN.password);
    alice = await newPerson(t, adminToken, 'Alice');
    bob = await newPerson(t, adminToken, 'Bob');
    outsider = await newPerson(t, adminToken, 'Outsider');
    groupId = (await newGroup(t, alice, 'Technopolice Sud')).id;
    await join({ id: groupId }, alice, bob);
    marseille = (
      await alice.api.post<Case>(`/api/groups/${groupId}/cases`, {
        title: 'Marseille — vidéosurveillance algorithmique',
        cityCode: '13055',
        technologies: ['algorithmic-video-surveillance'],
        description: 'Des caméras « intelligentes » analysent la foule.',
        actors: [{ name: 'Thales', kind: 'vendor', role: 'fournisseur' }],
      })
    ).body;
    nice = (
      await bob.api.post<Case>(`/api/groups/${groupId}/cases`, {
        title: 'Nice — reconnaissance faciale au carnaval',
        cityCode: '06088',
        technologies: ['facial-recognition'],
      })
    ).body;
    const elsewhere = (await newGroup(t, outsider, 'Ailleurs')).id;
    foreign = (
      await outsider.api.post<Case>(`/api/groups/${elsewhere}/cases`, {
        title: 'Caméras secrètes ailleurs',
        cityCode: '75056',
        technologies: ['algorithmic-video-surveillance'],
      })
    ).body;
    await outsider.api.post(`/api/cases/${foreign.id}/threads`, {
      title: 'Secret',
      body: say('Une caméra cachée, contrat Thales'),
    });

    thread = (
      await alice.api.post<Thread>(`/api/cases/${marseille.id}/threads`, {
        title: 'Le marché',
        body: say('Le contrat avec Thales est signé.'),
      })
    ).body;
    ids.many = (
      await alice.api.post<{ id: string }>(`/api/threads/${thread.id}/posts`, {
        body: say('Caméra, caméra, caméra : trois caméras sur la Canebière.'),
      })
    ).body.id;
    ids.one = (
      await bob.api.post<{ id: string }>(`/api/threads/${thread.id}/posts`, {
        body: say('J’ai vu une camera près du port, et un drone.'),
      })
    ).body.id;
    const niceThread = (
      await bob.api.post<Thread>(`/api/cases/${nice.id}/threads`, {
        title: 'Carnaval',
        body: say('Reconnaissance faciale testée pendant le carnaval.'),
      })
    ).body;
    ids.niceThread = niceThread.id;

    const pdf = await textPdf([
      ['Délibération du conseil municipal'],
      ['Article 2 : acquisition de caméras thermiques'],
    ]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(pdf)]), 'deliberation.pdf');
    form.set('title', 'Délibération n° 24-118');
    const uploaded = await fetch(`${t.url}/api/cases/${marseille.id}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.token}` },
      body: form,
    });
    expect(uploaded.status).toBe(201);
    ids.document = ((await uploaded.json()) as CaseDocument).id;
    const deadline = Date.now() + 60_000;
    while (
      (await alice.api.get<CaseDocument>(`/api/documents/${ids.document}`)).body.textStatus ===
      'pending'
    ) {
      if (Date.now() > deadline) throw new Error('text extraction never finished');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }, 120_000);
  afterAll(() => t?.close());

  it('stems French and folds accents: caméras finds caméra, camera finds caméra', async () => {
    const stemmed = await search(alice, { q: 'caméras', type: 'post' });
    expect(stemmed.items.map((r) => r.id)).toEqual(expect.arrayContaining([ids.many, ids.one]));
    const folded = await search(alice, { q: 'camera', type: 'post' });
    expect(folded.items.map((r) => r.id)).toEqual(expect.arrayContaining([ids.many, ids.one]));
  });

  it('ranks the closest matches first, with highlighted snippets', async () => {
    const answer = await search(alice, { q: 'caméra', type: 'post' });
    expect(answer.items[0]).toMatchObject({
      id: ids.many,
      type: 'post',
      caseId: marseille.id,
      threadId: thread.id,
      title: 'Le marché',
      author: { displayName: 'Alice' },
    });
    expect(answer.items[0]!.snippet).toContain('<mark>Caméra</mark>');
    expect(answer.items[0]!.snippet).not.toMatch(/<(?!\/?mark>)/);
    expect(answer.counts.post).toBe(2);

    const everything = await search(alice, { q: 'caméras' });
    expect(everything.items.map((r) => r.type)).toEqual(
      expect.arrayContaining(['case', 'post', 'document']),
    );
    // A case about it comes before a passing mention.
    expect(everything.items.findIndex((r) => r.id === marseille.id)).toBeLessThan(
      everything.items.findIndex((r) => r.id === ids.one),
    );
  });

  it('finds words in extracted document text, with the page they are on', async () => {
    const answer = await search(alice, { q: 'thermiques', type: 'document' });
    expect(answer.items).toHaveLength(1);
    expect(answer.items[0]).toMatchObject({
      id: ids.document,
      type: 'document',
      page: 2,
      title: 'Délibération n° 24-118',
      caseId: marseille.id,
    });
    expect(answer.items[0]!.snippet).toContain('<mark>thermiques</mark>');
    // A phrase is checked on the page: the words side by side, in that order.
    const phrase = await search(alice, { q: '"caméras thermiques"', type: 'document' });
    expect(phrase.items.map((r) => [r.id, r.page])).toEqual([[ids.document, 2]]);
    expect((await search(alice, { q: '"thermiques caméras"', type: 'document' })).items).toEqual(
      [],
    );
    const byTitle = await search(alice, { q: 'délibération', type: 'document' });
    expect(byTitle.items[0]!.id).toBe(ids.document);
  });

  it('finds a case by its facts: the vendor, the city', async () => {
    expect((await search(alice, { q: 'thales', type: 'case' })).items.map((r) => r.id)).toEqual([
      marseille.id,
    ]);
    expect(
      (await search(alice, { q: 'nice carnaval', type: 'case' })).items.map((r) => r.id),
    ).toEqual([nice.id]);
  });

  it('searches only the caller’s groups', async () => {
    const mine = await search(alice, { q: 'caméra' });
    expect(mine.items.every((r) => r.groupId === groupId)).toBe(true);
    const theirs = await search(outsider, { q: 'caméra' });
    expect(theirs.items.length).toBeGreaterThan(0);
    expect(theirs.items.every((r) => r.groupId !== groupId)).toBe(true);
    expect((await outsider.api.get(`/api/search?q=camera&groupId=${groupId}`)).status).toBe(404);
    expect((await outsider.api.get(`/api/search?q=camera&caseId=${marseille.id}`)).status).toBe(
      404,
    );
  });

  it('filters by case, type, author, technology and date', async () => {
    expect(
      (await search(alice, { q: 'carnaval', caseId: nice.id })).items.map((r) => r.type).sort(),
    ).toEqual(['case', 'post']);
    expect((await search(alice, { q: 'carnaval', caseId: marseille.id })).items).toEqual([]);
    expect(
      (await search(alice, { q: 'caméra', type: 'post', authorId: bob.id })).items.map((r) => r.id),
    ).toEqual([ids.one]);
    expect(
      (await search(alice, { q: 'carnaval', technology: 'algorithmic-video-surveillance' })).items,
    ).toEqual([]);
    expect(
      (await search(alice, { q: 'carnaval', technology: 'facial-recognition', type: 'post' }))
        .items,
    ).toHaveLength(1);
    expect((await search(alice, { q: 'caméra', to: '2000-01-01' })).items).toEqual([]);
  });

  it('reads phrases, exclusions, operators and prefixes as people mean them, never failing', async () => {
    const excluded = await search(alice, { q: 'camera -drone', type: 'post' });
    expect(excluded.items.map((r) => r.id)).not.toContain(ids.one);
    expect(excluded.items.map((r) => r.id)).toContain(ids.many);
    const phrase = await search(alice, { q: '"caméra près du port"', type: 'post' });
    expect(phrase.items.map((r) => r.id)).toEqual([ids.one]);
    expect(
      (await search(alice, { q: 'thales & contrat', type: 'post' })).items.map((r) => r.threadId),
    ).toContain(thread.id);
    const typed = await search(alice, { q: 'canebi', prefix: 'true' });
    expect(typed.items.map((r) => r.id)).toContain(ids.many);
    for (const q of [
      '',
      '   ',
      'le la les',
      '"contrat thales',
      '!!! :* & | ( ) <-> \\',
      'x'.repeat(5000),
      'é'.repeat(300),
      "l'été d'abord",
      '-',
      '""',
      'or or or',
    ]) {
      const res = await alice.api.get<SearchAnswer>(
        `/api/search?q=${encodeURIComponent(q)}&prefix=true`,
      );
      expect(res.status, q.slice(0, 40)).toBe(200);
      expect(Array.isArray(res.body.items)).toBe(true);
    }
    expect((await search(alice, { q: '' })).items).toEqual([]);
  });

  it('reindexes everything on demand, and finds the same things after', async () => {
    const before = await search(alice, { q: 'caméras' });
    const counts = await reindex(t.dataSource);
    expect(counts.posts).toBeGreaterThanOrEqual(4);
    expect(counts.document_pages).toBeGreaterThanOrEqual(1);
    const after = await search(alice, { q: 'caméras' });
    expect(after.items.map((r) => r.id)).toEqual(before.items.map((r) => r.id));
  });
});
