import { type HocuspocusProvider } from '@hocuspocus/provider';
import {
  type Case,
  type CaseDocument,
  type CaseEvent,
  type Notification,
  type Publication,
  type Review,
  type ReviewComment,
  type SearchAnswer,
  type Summary,
  COLLAB_FIELD,
} from '@technopolice/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { closeSummary, openSummary, textOf, typeInto, until } from './support/collab.js';
import { textImage } from './support/files.js';
import {
  ADMIN,
  ADMIN_ENV,
  join,
  newGroup,
  newPerson,
  type Person,
  tokenFor,
} from './support/identity.js';
import { type ClientSocket, connectSocket, nextEvent } from './support/sockets.js';
import { backend, startTestApp, type TestApp } from './support/test-app.js';

const doc = (...content: unknown[]) => ({ type: 'doc', content });
const p = (value: string) => ({ type: 'paragraph', content: [{ type: 'text', text: value }] });
const h2 = (value: string) => ({
  type: 'heading',
  attrs: { level: 2 },
  content: [{ type: 'text', text: value }],
});

describe(`summary, review and publication on ${backend}`, () => {
  let t: TestApp;
  let alice: Person; // admin of the group
  let bob: Person; // member
  let carol: Person; // member
  let dora: Person; // coordinator
  let eve: Person; // member
  let outsider: Person;
  let groupId: string;
  let caseId: string;
  let otherCaseId: string;
  let deliberationId: string;
  let photoId: string;
  let otherDocumentId: string;
  const providers: HocuspocusProvider[] = [];
  const sockets: ClientSocket[] = [];

  const open = async (who: Person, language: 'fr' | 'en' = 'fr', id = caseId) =>
    openSummary(t.url, who.token, id, providers, language);
  const close = closeSummary;
  const type = typeInto;

  const summary = async (who: Person = alice, language = 'fr') =>
    (await who.api.get<Summary>(`/api/cases/${caseId}/summary?lang=${language}`)).body;
  const review = async (who: Person = alice) =>
    (await who.api.get<Review>(`/api/cases/${caseId}/review`)).body;
  const stage = async () => (await alice.api.get<Case>(`/api/cases/${caseId}`)).body.stage;

  const upload = async (into: string, name: string, bytes: Uint8Array) => {
    const form = new FormData();
    form.set('file', new Blob([bytes]), name);
    const res = await fetch(`${t.url}/api/cases/${into}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.token}` },
      body: form,
    });
    expect(res.status).toBe(201);
    return (await res.json()) as CaseDocument;
  };

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV, isolated: true });
    const adminToken = await tokenFor(t, ADMIN.username, ADMIN.password);
    alice = await newPerson(t, adminToken, 'Alice');
    bob = await newPerson(t, adminToken, 'Bob');
    carol = await newPerson(t, adminToken, 'Carol');
    dora = await newPerson(t, adminToken, 'Dora');
    eve = await newPerson(t, adminToken, 'Eve');
    outsider = await newPerson(t, adminToken, 'Outsider');
    groupId = (await newGroup(t, alice, 'Technopolice Marseille')).id;
    await join({ id: groupId }, alice, bob);
    await join({ id: groupId }, alice, carol);
    await join({ id: groupId }, alice, dora, 'coordinator');
    await join({ id: groupId }, alice, eve);
    const base = { cityCode: '13055', technologies: ['algorithmic-video-surveillance'] };
    caseId = (
      await alice.api.post<Case>(`/api/groups/${groupId}/cases`, {
        ...base,
        title: 'Marseille — vidéosurveillance algorithmique',
        stage: 'drafting',
      })
    ).body.id;
    otherCaseId = (
      await alice.api.post<Case>(`/api/groups/${groupId}/cases`, { ...base, title: 'Drones' })
    ).body.id;
    photoId = (await upload(caseId, 'camera.png', new Uint8Array(textImage(['Caméra'])))).id;
    deliberationId = (
      await upload(caseId, 'deliberation.png', new Uint8Array(textImage(['Délibération'])))
    ).id;
    otherDocumentId = (await upload(otherCaseId, 'drone.png', new Uint8Array(textImage(['Drone']))))
      .id;
  });

  afterAll(async () => {
    for (const provider of providers) close(provider);
    for (const socket of sockets) socket.disconnect();
    await t?.close();
  });

  it('co-edits the summary live: each sees the other’s text and cursor, and it is saved', async () => {
    expect(await summary()).toMatchObject({ version: 0, html: '', lastEditor: null });
    const a = await open(alice);
    const b = await open(bob);
    a.provider.setAwarenessField('user', { name: 'Alice', color: '#c2410c' });
    b.provider.setAwarenessField('user', { name: 'Bob', color: '#1d4ed8' });

    type(a.provider, 'Le projet de la ville');
    await until(
      () => textOf(b.provider),
      (text) => text.includes('Le projet de la ville'),
    );
    type(b.provider, 'Thales fournit les caméras');
    await until(
      () => textOf(a.provider),
      (text) => text.includes('Thales fournit'),
    );

    const names = (provider: HocuspocusProvider) =>
      [...provider.awareness!.getStates().values()].map(
        (state) => (state.user as { name?: string } | undefined)?.name,
      );
    await until(
      () => names(b.provider),
      (seen) => seen.includes('Alice'),
    );
    await until(
      () => names(a.provider),
      (seen) => seen.includes('Bob'),
    );

    // Saved after a short pause: text, HTML rendered by the server, version, last editor.
    const saved = await until(summary, (s) => s.html.includes('Thales fournit'));
    expect(saved.html).toBe('<p>Le projet de la ville</p><p>Thales fournit les caméras</p>');
    expect(saved.version).toBeGreaterThanOrEqual(1);
    expect(saved.lastEditor?.displayName).toBe('Bob');

    // Everyone gone, the document is unloaded; the next editor gets it back from the database.
    close(a.provider);
    close(b.provider);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const c = await open(carol);
    expect(textOf(c.provider)).toContain('Thales fournit les caméras');
    close(c.provider);
  });

  it('refuses an outsider, a bad token and an unknown document', async () => {
    expect((await open(outsider)).refused()).not.toBeNull();
    expect((await open({ ...alice, token: 'not-a-token' })).refused()).not.toBeNull();
    expect((await open(alice, 'fr', otherCaseId)).refused()).toBeNull(); // another case: fine
    const elsewhere = (await newGroup(t, outsider, 'Ailleurs')).id;
    const foreign = (
      await outsider.api.post<Case>(`/api/groups/${elsewhere}/cases`, {
        title: 'Ailleurs',
        cityCode: '75056',
        technologies: ['drones'],
      })
    ).body.id;
    expect((await open(alice, 'fr', foreign)).refused()).not.toBeNull();
    expect((await outsider.api.get(`/api/cases/${caseId}/summary`)).status).toBe(404);
  });

  it('lets scripts replace the summary with a version; stale or invalid bodies change nothing', async () => {
    const before = await summary();
    const watcher = await open(carol);

    const stale = await alice.api.put(`/api/cases/${caseId}/summary`, {
      body: doc(p('Écrasé')),
      version: before.version - 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'stale_version' });

    const script = await alice.api.put(`/api/cases/${caseId}/summary`, {
      body: doc({ type: 'script', content: [{ type: 'text', text: 'alert(1)' }] }),
      version: before.version,
    });
    expect(script.status).toBe(400);
    expect(script.body).toMatchObject({ code: 'invalid_rich_text' });
    const link = await alice.api.put(`/api/cases/${caseId}/summary`, {
      body: doc({
        type: 'paragraph',
        content: [
          {
            type: 'text',
            text: 'x',
            marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }],
          },
        ],
      }),
      version: before.version,
    });
    expect(link.status).toBe(400);
    expect(link.body).toMatchObject({ code: 'unsafe_link' });
    expect(await summary()).toEqual(before);

    const body = doc(
      h2('Le projet'),
      p('La ville de Marseille déploie la vidéosurveillance algorithmique.'),
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Voir la délibération ' },
          { type: 'documentRef', attrs: { id: deliberationId, label: 'Délibération' } },
        ],
      },
      { type: 'image', attrs: { documentId: photoId, alt: 'Caméra' } },
    );
    const put = await alice.api.put<Summary>(`/api/cases/${caseId}/summary`, {
      body,
      version: before.version,
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.version).toBe(before.version + 1);
    expect(put.body.body).toEqual(body);
    // Headings step down one level under the page's own title.
    expect(put.body.html).toContain('<h3>Le projet</h3>');
    expect(put.body.lastEditor?.displayName).toBe('Alice');
    // Whoever has the document open sees the change live.
    await until(
      () => textOf(watcher.provider),
      (text) => text.includes('déploie la vidéosurveillance'),
    );
    expect(textOf(watcher.provider)).not.toContain('Thales fournit');
    close(watcher.provider);

    // An English version is its own document.
    const english = await alice.api.put<Summary>(`/api/cases/${caseId}/summary?lang=en`, {
      body: doc(p('Marseille deploys algorithmic video surveillance.')),
      version: 0,
    });
    expect(english.status).toBe(200);
    expect((await summary(alice, 'fr')).version).toBe(before.version + 1);
  });

  it('keeps what a client sends outside the schema out of the saved summary', async () => {
    const before = await summary();
    const rogue = await open(bob);
    const fragment = rogue.provider.document.getXmlFragment(COLLAB_FIELD);
    const script = new Y.XmlElement('script');
    const text = new Y.XmlText();
    text.insert(0, 'alert(document.cookie)');
    script.insert(0, [text]);
    fragment.insert(fragment.length, [script]);
    const problem = await until(summary, (s) => s.problem !== null);
    expect(problem.body).toEqual(before.body);
    expect(problem.html).toBe(before.html);
    expect(problem.html).not.toContain('script');
    // Removing it makes the summary whole again.
    fragment.delete(fragment.length - 1, 1);
    await until(summary, (s) => s.problem === null);
    close(rogue.provider);
  });

  it('reviews: request, comments, approvals by the group’s rule, reset by an edit', async () => {
    const socket = await connectSocket(t.url, alice.token, sockets);
    await new Promise((resolve) => socket.emit('case:join', caseId, resolve));

    // Approving before a review is asked answers 409.
    const early = await carol.api.post(`/api/cases/${caseId}/approvals`);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'not_in_review' });

    const requested = nextEvent(socket, 'case:event', (e) => e.event.type === 'review.requested');
    const asked = await bob.api.post<Review>(`/api/cases/${caseId}/review`, {
      note: 'Relisez la partie budget',
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    expect(asked.body).toMatchObject({
      stage: 'review',
      requestedBy: { displayName: 'Bob' },
      note: 'Relisez la partie budget',
      rule: { coordinators: 1, members: 2 },
      approved: false,
    });
    await requested;
    expect(await stage()).toBe('review');
    expect((await bob.api.post(`/api/cases/${caseId}/review`, {})).status).toBe(409);
    // Coordinators and admins hear of it.
    const notes = await dora.api.get<{ items: Notification[] }>('/api/notifications');
    expect(notes.body.items.some((n) => n.kind === 'review' && n.caseId === caseId)).toBe(true);

    // During the review plain members read (their edits are refused), the requester edits.
    const reader = await open(carol);
    type(reader.provider, 'Carol essaie d’écrire');
    const writer = await open(bob);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(textOf(writer.provider)).not.toContain('Carol essaie');
    close(reader.provider);

    // Comments on a passage, resolved.
    const comment = await carol.api.post<ReviewComment>(`/api/cases/${caseId}/review/comments`, {
      body: 'Source du montant ?',
      quote: 'vidéosurveillance algorithmique',
    });
    expect(comment.status).toBe(201);
    expect(comment.body).toMatchObject({
      author: { displayName: 'Carol' },
      quote: 'vidéosurveillance algorithmique',
      resolved: false,
    });
    const resolved = await alice.api.patch<ReviewComment>(
      `/api/cases/${caseId}/review/comments/${comment.body.id}`,
      { resolved: true },
    );
    expect(resolved.body).toMatchObject({ resolved: true, resolvedBy: { displayName: 'Alice' } });

    // The last editor (Alice, who PUT the summary) may not approve it.
    const own = await alice.api.post(`/api/cases/${caseId}/approvals`);
    expect(own.status).toBe(409);
    expect(own.body).toMatchObject({ code: 'approval_by_last_editor' });
    expect((await review(alice)).blocker).toBe('last-editor');

    // One member is not enough; publishing answers 409 and changes nothing.
    const one = await carol.api.post<Review>(`/api/cases/${caseId}/approvals`);
    expect(one.body).toMatchObject({ approved: false, blocker: 'already-approved' });
    const tooSoon = await alice.api.post(`/api/cases/${caseId}/publication`, { documentIds: [] });
    expect(tooSoon.status).toBe(409);
    expect(tooSoon.body).toMatchObject({ code: 'not_approved' });
    expect((await alice.api.get(`/api/cases/${caseId}/publication`)).status).toBe(404);

    // Bob, who asked for the review, edits: the approvals are reset.
    const reset = nextEvent(socket, 'case:event', (e) => e.event.type === 'review.approvals-reset');
    type(writer.provider, 'Budget : 1,2 M€ (délibération du 12 mars).');
    await reset;
    close(writer.provider);
    const afterEdit = await review(alice);
    expect(afterEdit.approvals).toEqual([]);
    expect(afterEdit.lastEditor?.displayName).toBe('Bob');
    expect(afterEdit.canApprove).toBe(true);
    expect((await review(bob)).blocker).toBe('last-editor');

    // Two members other than the last editor: approved.
    await carol.api.post(`/api/cases/${caseId}/approvals`);
    const two = await eve.api.post<Review>(`/api/cases/${caseId}/approvals`);
    expect(two.body.approved).toBe(true);
    expect(two.body.approvals.map((a) => a.user.displayName)).toEqual(['Carol', 'Eve']);
    // Withdrawing one makes it short again.
    const withdrawn = await eve.api.delete<Review>(`/api/cases/${caseId}/approvals`);
    expect(withdrawn.body.approved).toBe(false);
    // One coordinator (or admin) is enough.
    const coordinator = await alice.api.post<Review>(`/api/cases/${caseId}/approvals`);
    expect(coordinator.body.approved).toBe(true);

    const events = await alice.api.get<{ items: CaseEvent[] }>(`/api/cases/${caseId}/events`);
    const types = events.body.items.map((e) => e.type);
    for (const expected of [
      'summary.saved',
      'review.requested',
      'review.commented',
      'review.comment-resolved',
      'review.approved',
      'review.approvals-reset',
      'review.approval-withdrawn',
    ])
      expect(types).toContain(expected);
  });

  it('publishes an immutable revision with the chosen documents, and refuses bad input', async () => {
    const foreign = await alice.api.post(`/api/cases/${caseId}/publication`, {
      documentIds: [deliberationId, otherDocumentId],
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body).toMatchObject({
      code: 'validation_failed',
      details: [{ path: 'documentIds.1', message: 'is not a document of this case' }],
    });
    expect(await stage()).toBe('review');

    const published = await bob.api.post<{ url: string; revision: number }>(
      `/api/cases/${caseId}/publication`,
      { documentIds: [deliberationId, photoId] },
    );
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    expect(published.body.revision).toBe(1);
    expect(published.body.url).toMatch(
      new RegExp(
        `^${t.config.publicUrl}/p/technopolice-marseille/marseille-videosurveillance-algorithmique$`,
      ),
    );
    expect(await stage()).toBe('published');
    const publication = (await carol.api.get<Publication>(`/api/cases/${caseId}/publication`)).body;
    expect(publication).toMatchObject({
      url: published.body.url,
      status: 'published',
      revision: 1,
      documentIds: [deliberationId, photoId],
      revisions: [{ number: 1, publishedBy: { displayName: 'Bob' }, documentCount: 2 }],
    });
    // The review is spent.
    expect(await review(alice)).toMatchObject({ approvals: [], requestedBy: null });
    // Chosen documents are marked public, the others not.
    const isPublic = async (id: string) =>
      (await alice.api.get<CaseDocument>(`/api/documents/${id}`)).body.public;
    expect([await isPublic(deliberationId), await isPublic(photoId)]).toEqual([true, true]);
    expect(await isPublic(otherDocumentId)).toBe(false);

    // What was frozen: facts, the public HTML (citations to public URLs), the documents.
    const [revision] = await t.dataSource.query<
      {
        id: string;
        facts: { title: string; city: { name: string } };
        summaries: Record<string, { html: string }>;
      }[]
    >(
      `SELECT r.id, r.facts, r.summaries FROM publication_revisions r
       JOIN publications p ON p.id = r.publication_id WHERE p.case_id = $1`,
      [caseId],
    );
    expect(revision!.facts).toMatchObject({
      title: 'Marseille — vidéosurveillance algorithmique',
      city: { name: 'Marseille' },
    });
    const path = '/p/technopolice-marseille/marseille-videosurveillance-algorithmique';
    expect(revision!.summaries.fr!.html).toContain(`href="${path}/documents/${deliberationId}"`);
    expect(revision!.summaries.fr!.html).toContain(`src="${path}/documents/${photoId}"`);
    expect(revision!.summaries.en!.html).toContain('Marseille deploys');
    await expect(
      t.dataSource.query(`UPDATE publication_revisions SET change_note = 'altered' WHERE id = $1`, [
        revision!.id,
      ]),
    ).rejects.toThrow(/immutable/);

    // Search: people of other groups find the published case, linked to its public page;
    // members find their case as a case.
    const found = await outsider.api.get<SearchAnswer>('/api/search?q=videosurveillance+marseille');
    expect(found.body.items).toEqual([
      expect.objectContaining({
        type: 'publication',
        title: 'Marseille — vidéosurveillance algorithmique',
        url: published.body.url,
        caseId: null,
      }),
    ]);
    expect(found.body.items[0]!.snippet).toContain('<mark>');
    const own = await carol.api.get<SearchAnswer>('/api/search?q=videosurveillance+marseille');
    expect(own.body.items.map((item) => item.type)).not.toContain('publication');
    expect(own.body.items.map((item) => item.type)).toContain('case');

    // A published case is retracted before it is deleted.
    const deletion = await alice.api.delete(`/api/cases/${caseId}`);
    expect(deletion.status).toBe(409);
    expect(deletion.body).toMatchObject({ code: 'case_published' });
  });

  it('adds a revision with a change note after a new review, then retracts with a reason', async () => {
    await alice.api.put(`/api/cases/${caseId}/summary`, {
      body: doc(h2('Le projet'), p('Mise à jour : le contrat a été prolongé.')),
      version: (await summary()).version,
    });
    expect((await alice.api.post(`/api/cases/${caseId}/review`, {})).status).toBe(200);
    await dora.api.post(`/api/cases/${caseId}/approvals`);
    const second = await dora.api.post<{ revision: number }>(`/api/cases/${caseId}/publication`, {
      documentIds: [deliberationId],
      changeNote: 'Prolongation du contrat',
    });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect(second.body.revision).toBe(2);
    const publication = (await alice.api.get<Publication>(`/api/cases/${caseId}/publication`)).body;
    expect(publication.revisions.map((r) => [r.number, r.changeNote])).toEqual([
      [2, 'Prolongation du contrat'],
      [1, null],
    ]);
    expect(publication.documentIds).toEqual([deliberationId]);

    const byMember = await bob.api.delete(`/api/cases/${caseId}/publication`);
    expect(byMember.status).toBe(400); // no reason given
    const forbidden = await fetch(`${t.url}/api/cases/${caseId}/publication`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${bob.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'Erreur' }),
    });
    expect(forbidden.status).toBe(403);
    const retract = (reason: string) =>
      fetch(`${t.url}/api/cases/${caseId}/publication`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${dora.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ reason }),
      });
    const retracted = await retract('Une personne est reconnaissable sur une photo.');
    expect(retracted.status).toBe(200);
    expect(await retracted.json()).toMatchObject({
      status: 'retracted',
      retractedReason: 'Une personne est reconnaissable sur une photo.',
      revision: 2,
    });
    expect(await stage()).toBe('drafting');
    const gone = await outsider.api.get<SearchAnswer>('/api/search?q=videosurveillance');
    expect(gone.body.items).toEqual([]);
    const again = await retract('Encore');
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'not_published' });
  });

  it('follows the group’s approval rule, which admins set', async () => {
    const bad = await alice.api.patch(`/api/groups/${groupId}`, {
      approvalRule: { coordinators: 0, members: 0 },
    });
    expect(bad.status).toBe(400);
    expect(
      (
        await bob.api.patch(`/api/groups/${groupId}`, {
          approvalRule: { coordinators: 0, members: 1 },
        })
      ).status,
    ).toBe(403);
    const set = await alice.api.patch<{ approvalRule: unknown }>(`/api/groups/${groupId}`, {
      approvalRule: { coordinators: 0, members: 1 },
    });
    expect(set.body.approvalRule).toEqual({ coordinators: 0, members: 1 });
    await alice.api.post(`/api/cases/${caseId}/review`, {});
    const one = await carol.api.post<Review>(`/api/cases/${caseId}/approvals`);
    expect(one.body).toMatchObject({ approved: true, rule: { coordinators: 0, members: 1 } });
    const third = await carol.api.post<{ revision: number }>(`/api/cases/${caseId}/publication`, {
      documentIds: [],
    });
    expect(third.status).toBe(201);
    expect(third.body.revision).toBe(3);
    const publication = (await alice.api.get<Publication>(`/api/cases/${caseId}/publication`)).body;
    expect(publication).toMatchObject({ status: 'published', retractedAt: null });
  });
});
