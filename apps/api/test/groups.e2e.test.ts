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
import { backend, startTestApp, type TestApp } from './support/test-app.js';

describe(`groups, roles and invitations on ${backend}`, () => {
  let t: TestApp;
  let adminToken: string;

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV });
    adminToken = await tokenFor(t, ADMIN.username, ADMIN.password);
  });
  afterAll(() => t?.close());

  const person = (name?: string) => newPerson(t, adminToken, name);

  it('creates a group whose creator is admin, with a slug from its name', async () => {
    const alice = await person('Alice');
    const res = await alice.api.post('/api/groups', {
      name: 'Technopolice Saint-Étienne',
      description: 'Capteurs sonores',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      slug: 'technopolice-saint-etienne',
      name: 'Technopolice Saint-Étienne',
      role: 'admin',
    });
    const again = await alice.api.post('/api/groups', { name: 'Technopolice Saint-Étienne' });
    expect(again.body.slug).toBe('technopolice-saint-etienne-2');
    const me = await alice.api.get<{ groups: unknown[] }>('/api/me');
    expect(me.body.groups).toHaveLength(2);
    const group = await alice.api.get(`/api/groups/${res.body.id as string}`);
    expect(group.body).toMatchObject({
      description: 'Capteurs sonores',
      memberCount: 1,
      role: 'admin',
    });
    const bad = await alice.api.post('/api/groups', { name: 'x', color: 'red' });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'name' })]),
    );
  });

  it('lets an invited person join with the invitation’s role, once', async () => {
    const alice = await person('Alice');
    const bob = await person('Bob');
    const carol = await person('Carol');
    const group = await newGroup(t, alice);
    const invitation = await alice.api.post<{ token: string; url: string; maxUses: number }>(
      `/api/groups/${group.id}/invitations`,
      { role: 'coordinator' },
    );
    expect(invitation.status).toBe(201);
    expect(invitation.body.url).toBe(`http://localhost:3000/invitations/${invitation.body.token}`);
    expect(invitation.body.maxUses).toBe(1);

    const preview = await fetch(`${t.url}/api/invitations/${invitation.body.token}`);
    expect(await preview.json()).toMatchObject({
      group: { slug: group.slug },
      role: 'coordinator',
      problem: null,
    });

    expect((await bob.api.post(`/api/invitations/${invitation.body.token}/accept`)).body).toEqual({
      groupId: group.id,
      role: 'coordinator',
    });
    // Accepting again changes nothing; someone else finds it used.
    expect((await bob.api.post(`/api/invitations/${invitation.body.token}/accept`)).status).toBe(
      200,
    );
    const used = await carol.api.post(`/api/invitations/${invitation.body.token}/accept`);
    expect(used.status).toBe(410);
    expect(used.body).toMatchObject({ code: 'invitation_used_up' });
    expect((await carol.api.get(`/api/groups/${group.id}`)).status).toBe(404);

    const members = await alice.api.get<{ items: { displayName: string; role: string }[] }>(
      `/api/groups/${group.id}/members`,
    );
    expect(members.body.items.map((m) => [m.displayName, m.role])).toEqual([
      ['Alice', 'admin'],
      ['Bob', 'coordinator'],
    ]);
    // The token itself is never stored.
    const stored = await t.dataSource.query<{ token_hash: string }[]>(
      'SELECT token_hash FROM invitations',
    );
    expect(JSON.stringify(stored)).not.toContain(invitation.body.token);
  });

  it('refuses expired and revoked invitations with a clear message and no membership', async () => {
    const alice = await person();
    const bob = await person();
    const group = await newGroup(t, alice);
    const expired = await alice.api.post<{ id: string; token: string }>(
      `/api/groups/${group.id}/invitations`,
      { role: 'member', maxUses: null },
    );
    await t.dataSource.query(
      `UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`,
      [expired.body.id],
    );
    const res = await bob.api.post(`/api/invitations/${expired.body.token}/accept`);
    expect(res.status).toBe(410);
    expect(res.body).toEqual({
      statusCode: 410,
      code: 'invitation_expired',
      message: 'This invitation has expired: ask the group for a new link.',
    });

    const revoked = await alice.api.post<{ id: string; token: string }>(
      `/api/groups/${group.id}/invitations`,
      {},
    );
    expect(
      (await alice.api.delete(`/api/groups/${group.id}/invitations/${revoked.body.id}`)).status,
    ).toBe(204);
    expect(
      (await bob.api.post(`/api/invitations/${revoked.body.token}/accept`)).body,
    ).toMatchObject({ code: 'invitation_revoked' });
    expect((await bob.api.post('/api/invitations/no-such-token/accept')).status).toBe(404);
    expect((await bob.api.get<{ groups: unknown[] }>('/api/me')).body.groups).toEqual([]);

    const list = await alice.api.get<{ items: { id: string; revokedAt: string | null }[] }>(
      `/api/groups/${group.id}/invitations`,
    );
    expect(list.body.items.find((i) => i.id === revoked.body.id)?.revokedAt).not.toBeNull();
  });

  it('keeps invitations to admins and coordinators, and admin invitations to admins', async () => {
    const alice = await person();
    const coordinator = await person();
    const member = await person();
    const group = await newGroup(t, alice);
    await join(group, alice, coordinator, 'coordinator');
    await join(group, alice, member, 'member');
    expect((await member.api.post(`/api/groups/${group.id}/invitations`, {})).status).toBe(403);
    expect((await member.api.get(`/api/groups/${group.id}/invitations`)).status).toBe(403);
    expect(
      (await coordinator.api.post(`/api/groups/${group.id}/invitations`, { role: 'admin' })).status,
    ).toBe(403);
    expect(
      (await coordinator.api.post(`/api/groups/${group.id}/invitations`, { role: 'member' }))
        .status,
    ).toBe(201);
    expect(
      (await coordinator.api.patch(`/api/groups/${group.id}`, { name: 'Renamed' })).status,
    ).toBe(403);
  });

  it('always keeps an admin, and lets admins change roles and remove members', async () => {
    const alice = await person();
    const bob = await person();
    const group = await newGroup(t, alice);
    await join(group, alice, bob);
    for (const attempt of [
      () => alice.api.patch(`/api/groups/${group.id}/members/${alice.id}`, { role: 'member' }),
      () => alice.api.post(`/api/groups/${group.id}/leave`),
      () => alice.api.delete(`/api/groups/${group.id}/members/${alice.id}`),
    ]) {
      const res = await attempt();
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'last_admin' });
    }
    expect(
      (await bob.api.patch(`/api/groups/${group.id}/members/${alice.id}`, { role: 'member' }))
        .status,
    ).toBe(403);
    const promoted = await alice.api.patch(`/api/groups/${group.id}/members/${bob.id}`, {
      role: 'admin',
    });
    expect(promoted.body).toMatchObject({ userId: bob.id, role: 'admin' });
    expect((await alice.api.post(`/api/groups/${group.id}/leave`)).status).toBe(204);
    expect((await alice.api.get(`/api/groups/${group.id}`)).status).toBe(404);
    const removed = await bob.api.delete(`/api/groups/${group.id}/members/${alice.id}`);
    expect(removed.status).toBe(404);

    const audit = await bob.api.get<{ items: { type: string }[] }>(`/api/groups/${group.id}/audit`);
    expect(audit.body.items.map((e) => e.type)).toEqual([
      'member.left',
      'member.role-changed',
      'member.joined',
      'invitation.created',
      'group.created',
    ]);
  });
});

/** Every route that takes an id, as a member of another group calls it. */
/** A valid post body. */
const SAY = {
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x' }] }],
};

const OTHER_GROUP_ROUTES: [string, string, unknown?][] = [
  ['GET', '/api/groups/:groupId'],
  ['PATCH', '/api/groups/:groupId', { name: 'Taken over' }],
  ['GET', '/api/groups/:groupId/members'],
  ['PATCH', '/api/groups/:groupId/members/:userId', { role: 'member' }],
  ['DELETE', '/api/groups/:groupId/members/:userId'],
  ['POST', '/api/groups/:groupId/leave'],
  ['GET', '/api/groups/:groupId/audit'],
  ['POST', '/api/groups/:groupId/invitations', { role: 'admin' }],
  ['GET', '/api/groups/:groupId/invitations'],
  ['DELETE', '/api/groups/:groupId/invitations/:invitationId'],
  [
    'POST',
    '/api/groups/:groupId/cases',
    { title: 'Taken over', cityCode: '13055', technologies: ['drones'] },
  ],
  ['GET', '/api/groups/:groupId/actors'],
  ['GET', '/api/groups/:groupId/cases/export'],
  ['POST', '/api/groups/:groupId/cases/import', {}],
  ['GET', '/api/cases/:caseId'],
  ['PATCH', '/api/cases/:caseId', { version: 1, title: 'Taken over' }],
  ['DELETE', '/api/cases/:caseId'],
  ['GET', '/api/cases/:caseId/events'],
  ['POST', '/api/cases/:caseId/tasks', { title: 'Taken over' }],
  ['PATCH', '/api/cases/:caseId/tasks/:taskId', { done: true }],
  ['DELETE', '/api/cases/:caseId/tasks/:taskId'],
  ['POST', '/api/cases/:caseId/timeline', { date: '2026-01-01', title: 'Taken over' }],
  ['PATCH', '/api/cases/:caseId/timeline/:entryId', { title: 'Taken over' }],
  ['DELETE', '/api/cases/:caseId/timeline/:entryId'],
  ['POST', '/api/cases/:caseId/documents', {}],
  ['GET', '/api/cases/:caseId/documents'],
  ['GET', '/api/documents/:documentId'],
  ['PATCH', '/api/documents/:documentId', { version: 1, title: 'Taken over' }],
  ['DELETE', '/api/documents/:documentId'],
  ['GET', '/api/documents/:documentId/file'],
  ['GET', '/api/documents/:documentId/text'],
  ['POST', '/api/documents/:documentId/text/retry'],
  ['POST', '/api/cases/:caseId/threads', { title: 'Intrusion', body: SAY }],
  ['GET', '/api/cases/:caseId/threads'],
  ['POST', '/api/groups/:groupId/forum/threads', { title: 'Intrusion', body: SAY }],
  ['GET', '/api/groups/:groupId/forum/threads'],
  ['GET', '/api/threads/:threadId'],
  ['PATCH', '/api/threads/:threadId', { title: 'Taken over' }],
  ['PUT', '/api/threads/:threadId/read', { seq: 1 }],
  ['PUT', '/api/threads/:threadId/subscription', { level: 'watch' }],
  ['GET', '/api/cases/:caseId/subscription'],
  ['PUT', '/api/cases/:caseId/subscription', { level: 'watch' }],
  ['GET', '/api/groups/:groupId/unread'],
  ['GET', '/api/groups/:groupId/forum/categories'],
  ['POST', '/api/groups/:groupId/forum/categories', { name: 'Intrusion' }],
  ['PATCH', '/api/forum/categories/:categoryId', { name: 'Taken over' }],
  ['DELETE', '/api/forum/categories/:categoryId'],
  ['POST', '/api/threads/:threadId/posts', { body: SAY }],
  ['GET', '/api/threads/:threadId/posts'],
  ['GET', '/api/posts/:postId'],
  ['PATCH', '/api/posts/:postId', { body: SAY, version: 1 }],
  ['GET', '/api/posts/:postId/revisions'],
  ['DELETE', '/api/posts/:postId'],
  ['POST', '/api/posts/:postId/reactions', { reaction: 'heart' }],
  ['DELETE', '/api/posts/:postId/reactions/:reaction'],
  ['POST', '/api/posts/:postId/flags', { reason: 'Intrusion' }],
  ['POST', '/api/posts/:postId/moderation', { action: 'hide' }],
  ['GET', '/api/groups/:groupId/flags'],
  ['POST', '/api/flags/:flagId/resolve', { action: 'dismiss' }],
  ['GET', '/api/threads/:threadId/draft'],
  ['PUT', '/api/threads/:threadId/draft', { body: SAY }],
  ['DELETE', '/api/threads/:threadId/draft'],
  ['GET', '/api/cases/:caseId/thread-draft'],
  ['PUT', '/api/cases/:caseId/thread-draft', { body: SAY }],
  ['DELETE', '/api/cases/:caseId/thread-draft'],
  ['GET', '/api/groups/:groupId/forum/thread-draft'],
  ['PUT', '/api/groups/:groupId/forum/thread-draft', { body: SAY }],
  ['DELETE', '/api/groups/:groupId/forum/thread-draft'],
  ['GET', '/api/cases/:caseId/summary'],
  ['PUT', '/api/cases/:caseId/summary', { body: SAY, version: 0 }],
  ['GET', '/api/cases/:caseId/review'],
  ['POST', '/api/cases/:caseId/review', {}],
  ['DELETE', '/api/cases/:caseId/review'],
  ['POST', '/api/cases/:caseId/approvals'],
  ['DELETE', '/api/cases/:caseId/approvals'],
  ['POST', '/api/cases/:caseId/review/comments', { body: 'Intrusion' }],
  ['PATCH', '/api/cases/:caseId/review/comments/:commentId', { resolved: true }],
  ['GET', '/api/cases/:caseId/publication'],
  ['POST', '/api/cases/:caseId/publication', { documentIds: [] }],
  ['DELETE', '/api/cases/:caseId/publication', { reason: 'Taken over' }],
];

/** Routes that take no id of a group's resource: the caller's own things, or public ones. */
const NOT_ID_SCOPED = [
  'GET /api/health',
  'GET /api/public/cases',
  'GET /api/taxonomy',
  'GET /api/auth/config',
  'GET /api/me',
  'PATCH /api/me',
  'POST /api/groups',
  'GET /api/groups',
  'GET /api/invitations/:token',
  'POST /api/invitations/:token/accept',
  'GET /api/admin/audit',
  'POST /api/admin/users',
  'GET /api/admin/settings',
  'PATCH /api/admin/settings',
  'POST /api/admin/signing-keys/rotate',
  'GET /api/cases',
  'GET /api/cities',
  'GET /api/cities/:code',
  'GET /api/documents',
  'POST /api/admin/files/verify',
  'GET /api/notifications',
  'POST /api/notifications/read',
  'GET /api/search',
  'GET /api/me/digest',
  'PUT /api/me/digest',
];
const PUBLIC = [
  'GET /api/health',
  'GET /api/public/cases',
  'GET /api/taxonomy',
  'GET /api/auth/config',
  'GET /api/invitations/:token',
];

describe(`authorisation on ${backend}`, () => {
  let t: TestApp;
  let alice: Person;
  let outsider: Person;
  let ids: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV });
    const adminToken = await tokenFor(t, ADMIN.username, ADMIN.password);
    alice = await newPerson(t, adminToken, 'Alice');
    const bob = await newPerson(t, adminToken, 'Bob');
    outsider = await newPerson(t, adminToken, 'Outsider');
    const group = await newGroup(t, alice, 'Technopolice Marseille');
    await join(group, alice, bob);
    await newGroup(t, outsider, 'Another group');
    const invitation = await alice.api.post<{ id: string }>(
      `/api/groups/${group.id}/invitations`,
      {},
    );
    const created = await alice.api.post<{ id: string }>(`/api/groups/${group.id}/cases`, {
      title: 'Marseille — VSA',
      cityCode: '13055',
      technologies: ['algorithmic-video-surveillance'],
    });
    const caseId = created.body.id;
    const task = await alice.api.post<{ id: string }>(`/api/cases/${caseId}/tasks`, {
      title: 'Demande CADA',
    });
    const entry = await alice.api.post<{ id: string }>(`/api/cases/${caseId}/timeline`, {
      date: '2026-01-01',
      title: 'Délibération',
    });
    // A video: no text to extract, so no job changes the case while this test compares it.
    const mp4 = Buffer.concat([
      Buffer.from('000000186674797069736f6d0000020069736f6d6d703431', 'hex'),
      Buffer.alloc(1024),
    ]);
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(mp4)]), 'reunion-publique.mp4');
    const document = await fetch(`${t.url}/api/cases/${caseId}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.token}` },
      body: form,
    });
    expect(document.status).toBe(201);
    const thread = await alice.api.post<{ id: string; post: { id: string } }>(
      `/api/cases/${caseId}/threads`,
      { title: 'Fil', body: SAY },
    );
    const flag = await bob.api.post<{ id: string }>(`/api/posts/${thread.body.post.id}/flags`, {
      reason: 'À vérifier',
    });
    const category = await alice.api.post<{ id: string }>(
      `/api/groups/${group.id}/forum/categories`,
      { name: 'Actions' },
    );
    const comment = await alice.api.post<{ id: string }>(`/api/cases/${caseId}/review/comments`, {
      body: 'À revoir',
    });
    ids = {
      commentId: comment.body.id,
      threadId: thread.body.id,
      postId: thread.body.post.id,
      flagId: flag.body.id,
      categoryId: category.body.id,
      reaction: 'heart',
      documentId: ((await document.json()) as { id: string }).id,
      groupId: group.id,
      userId: bob.id,
      invitationId: invitation.body.id,
      caseId,
      taskId: task.body.id,
      entryId: entry.body.id,
      code: '13055',
    };
  });
  afterAll(() => t?.close());

  it('has an authorisation decision for every route: a new route must join one of these lists', async () => {
    const doc = await fetch(`${t.url}/api/docs-json`).then(
      (res) => res.json() as Promise<{ paths: Record<string, Record<string, unknown>> }>,
    );
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map(
        (method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`,
      ),
    );
    const known = [
      ...OTHER_GROUP_ROUTES.map(([method, path]) => `${method} ${path}`),
      ...NOT_ID_SCOPED,
    ];
    expect(routes.filter((route) => !known.includes(route))).toEqual([]);
    // Every route but the public ones wants a token.
    for (const route of routes.filter((r) => !PUBLIC.includes(r))) {
      const [method, path] = route.split(' ') as [string, string];
      const url = path.replace(/:(\w+)/g, (_m, name: string) => ids[name] ?? 'x');
      const res = await fetch(`${t.url}${url}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: method === 'GET' ? undefined : '{}',
      });
      expect(res.status, route).toBe(401);
    }
  });

  it('answers 404 to a member of another group on every route that takes an id, and changes nothing', async () => {
    const before = await alice.api.get(`/api/groups/${ids.groupId}`);
    const membersBefore = await alice.api.get(`/api/groups/${ids.groupId}/members`);
    const invitationsBefore = await alice.api.get(`/api/groups/${ids.groupId}/invitations`);
    const caseBefore = await alice.api.get(`/api/cases/${ids.caseId}`);
    for (const [method, path, body] of OTHER_GROUP_ROUTES) {
      const url = path.replace(/:(\w+)/g, (_m, name: string) => ids[name]!);
      const res = await fetch(`${t.url}${url}`, {
        method,
        headers: { authorization: `Bearer ${outsider.token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(await res.json(), `${method} ${path}`).toMatchObject({
        statusCode: 404,
        code: 'not_found',
      });
    }
    expect((await alice.api.get(`/api/groups/${ids.groupId}`)).body).toEqual(before.body);
    expect((await alice.api.get(`/api/groups/${ids.groupId}/members`)).body).toEqual(
      membersBefore.body,
    );
    expect((await alice.api.get(`/api/groups/${ids.groupId}/invitations`)).body).toEqual(
      invitationsBefore.body,
    );
    expect((await alice.api.get(`/api/cases/${ids.caseId}`)).body).toEqual(caseBefore.body);
    // An id that is not even a UUID names nothing either.
    expect((await alice.api.get('/api/groups/not-a-uuid')).status).toBe(404);
  });
});
