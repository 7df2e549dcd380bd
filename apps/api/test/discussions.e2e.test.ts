import {
  type AuditEvent,
  type Case,
  type CaseDocument,
  type CaseEvent,
  type Flag,
  type ForumCategory,
  type Notification,
  type Post,
  type PostRevision,
  type Thread,
  type UnreadSummary,
} from '@technopolice/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

type Page<T> = { items: T[]; nextCursor: string | null };

/** A body as the editor sends it. */
const doc = (...content: unknown[]) => ({ type: 'doc', content });
const p = (...content: unknown[]) => ({ type: 'paragraph', content });
const text = (value: string, marks?: unknown[]) => ({
  type: 'text',
  text: value,
  ...(marks ? { marks } : {}),
});
const mention = (id: string, label: string) => ({ type: 'mention', attrs: { id, label } });
const say = (value: string) => doc(p(text(value)));

describe(`discussions on ${backend}`, () => {
  let t: TestApp;
  let alice: Person; // admin of the group
  let bob: Person; // member
  let carol: Person; // member
  let outsider: Person;
  let groupId: string;
  let caseId: string;
  let otherCaseId: string;
  let foreignCaseId: string;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV, isolated: true });
    const adminToken = await tokenFor(t, ADMIN.username, ADMIN.password);
    alice = await newPerson(t, adminToken, 'Alice');
    bob = await newPerson(t, adminToken, 'Bob');
    carol = await newPerson(t, adminToken, 'Carol');
    outsider = await newPerson(t, adminToken, 'Outsider');
    groupId = (await newGroup(t, alice, 'Technopolice Marseille')).id;
    await join({ id: groupId }, alice, bob);
    await join({ id: groupId }, alice, carol);
    const base = { cityCode: '13055', technologies: ['algorithmic-video-surveillance'] };
    caseId = (
      await alice.api.post<Case>(`/api/groups/${groupId}/cases`, {
        ...base,
        title: 'VSA Marseille',
      })
    ).body.id;
    otherCaseId = (
      await alice.api.post<Case>(`/api/groups/${groupId}/cases`, {
        ...base,
        title: 'Drones Marseille',
      })
    ).body.id;
    const elsewhere = (await newGroup(t, outsider, 'Ailleurs')).id;
    foreignCaseId = (
      await outsider.api.post<Case>(`/api/groups/${elsewhere}/cases`, {
        ...base,
        title: 'Ailleurs',
      })
    ).body.id;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await t?.close();
  });

  const connect = (who: Person, options: { reconnection?: boolean } = {}) =>
    connectSocket(t.url, who.token, sockets, options);
  const next = nextEvent;

  const openThread = async (
    who: Person,
    title: string,
    body: unknown = say('Premier message'),
    into = caseId,
  ) => {
    const res = await who.api.post<Thread & { post: Post }>(`/api/cases/${into}/threads`, {
      title,
      body,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const postIn = async (
    who: Person,
    threadId: string,
    body: unknown,
    extra: Record<string, unknown> = {},
  ) => {
    const res = await who.api.post<Post>(`/api/threads/${threadId}/posts`, { body, ...extra });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const uploadImage = async (into: string) => {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(textImage(['Caméra'], 'png'))]), 'camera.png');
    const res = await fetch(`${t.url}/api/cases/${into}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.token}` },
      body: form,
    });
    expect(res.status).toBe(201);
    return (await res.json()) as CaseDocument;
  };

  it('opens a thread, posts rich text rendered by the server, and reads it back in order', async () => {
    const thread = await openThread(
      alice,
      'Réponse CADA',
      doc(
        { type: 'heading', attrs: { level: 2 }, content: [text('La réponse')] },
        p(
          text('Voir '),
          text('le contrat', [{ type: 'link', attrs: { href: 'https://example.org/contrat' } }]),
          text(' et '),
          text('ceci', [{ type: 'bold' }]),
        ),
      ),
    );
    expect(thread).toMatchObject({
      caseId,
      groupId,
      title: 'Réponse CADA',
      author: { id: alice.id, displayName: 'Alice' },
      postCount: 1,
      lastSeq: 1,
      unread: 0,
      post: { seq: 1, author: { id: alice.id }, version: 1, deleted: false },
    });
    expect(thread.post.html).toContain('<h3>La réponse</h3>');
    expect(thread.post.html).toContain(
      '<a href="https://example.org/contrat" rel="noopener noreferrer nofollow" target="_blank">le contrat</a>',
    );
    expect(thread.post.html).toContain('<strong>ceci</strong>');

    const reply = await postIn(
      bob,
      thread.id,
      doc(p(text('Merci '), mention(alice.id, 'Alice'), text(' <script>alert(1)</script>'))),
    );
    expect(reply).toMatchObject({ threadId: thread.id, seq: 2, author: { displayName: 'Bob' } });
    expect(reply.html).toContain(`data-user-id="${alice.id}"`);
    expect(reply.html).toContain('@Alice');
    expect(reply.html).not.toContain('<script>');
    expect(reply.html).toContain('&lt;script&gt;');

    const all = await alice.api.get<Page<Post>>(`/api/threads/${thread.id}/posts`);
    expect(all.body.items.map((post) => post.seq)).toEqual([1, 2]);
    const after = await alice.api.get<Page<Post>>(`/api/threads/${thread.id}/posts?after=1`);
    expect(after.body.items.map((post) => post.id)).toEqual([reply.id]);

    const list = await bob.api.get<Page<Thread>>(`/api/cases/${caseId}/threads`);
    expect(list.body.items.find((item) => item.id === thread.id)).toMatchObject({
      postCount: 2,
      lastSeq: 2,
      lastAuthor: { displayName: 'Bob' },
      unread: 0,
      lastReadSeq: 2,
    });
    // Carol never opened it: both posts are new to her.
    const carols = await carol.api.get<Page<Thread>>(`/api/cases/${caseId}/threads`);
    expect(carols.body.items.find((item) => item.id === thread.id)).toMatchObject({
      unread: 2,
      lastReadSeq: 0,
    });

    const events = await alice.api.get<Page<CaseEvent>>(`/api/cases/${caseId}/events?after=0`);
    expect(events.body.items.map((event) => event.type)).toEqual(
      expect.arrayContaining(['thread.created', 'post.created']),
    );
  });

  it('refuses bad bodies with 400 naming the problem, and stores nothing', async () => {
    const thread = await openThread(alice, 'Entrées invalides');
    const image = await uploadImage(otherCaseId);
    const cases: [unknown, string][] = [
      [
        { type: 'doc', content: [{ type: 'iframe', attrs: { src: 'https://evil.example' } }] },
        'invalid_rich_text',
      ],
      [{ hello: 'world' }, 'validation_failed'],
      [
        doc(p(text('clique', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }]))),
        'unsafe_link',
      ],
      [
        doc(p(text('clique', [{ type: 'link', attrs: { href: ' JaVaScRiPt:alert(1)' } }]))),
        'unsafe_link',
      ],
      [
        doc({ type: 'image', attrs: { src: 'https://tracker.example/pixel.gif' } }),
        'foreign_image',
      ],
      [
        doc({ type: 'image', attrs: { documentId: image.id, alt: 'autre dossier' } }),
        'foreign_image',
      ],
      [doc(p(mention(outsider.id, 'Outsider'))), 'mention_not_member'],
      [
        doc(p({ type: 'text', text: 'x', marks: [{ type: 'bold', attrs: { onclick: 'x' } }] })),
        'invalid_rich_text',
      ],
    ];
    for (const [body, code] of cases) {
      const res = await bob.api.post(`/api/threads/${thread.id}/posts`, { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, code });
      expect(String(res.body.message).length).toBeGreaterThan(5);
    }
    const posts = await alice.api.get<Page<Post>>(`/api/threads/${thread.id}/posts`);
    expect(posts.body.items).toHaveLength(1);
    const again = await alice.api.get<Thread>(`/api/threads/${thread.id}`);
    expect(again.body).toMatchObject({ postCount: 1, lastSeq: 1 });

    // An image of this case is fine, and shown through the web app's own loader.
    const own = await uploadImage(caseId);
    const withImage = await postIn(
      bob,
      thread.id,
      doc({ type: 'image', attrs: { documentId: own.id, alt: 'Caméra' } }),
    );
    expect(withImage.html).toContain(`data-document-id="${own.id}"`);
    expect(withImage.html).not.toContain('src=');
  });

  it('answers 404 for another group’s threads and posts, and refuses the socket join', async () => {
    const thread = await openThread(alice, 'Interne');
    expect((await outsider.api.get(`/api/threads/${thread.id}`)).status).toBe(404);
    expect(
      (await outsider.api.post(`/api/threads/${thread.id}/posts`, { body: say('intrus') })).status,
    ).toBe(404);
    expect((await outsider.api.get(`/api/threads/${thread.id}/posts`)).status).toBe(404);
    expect((await outsider.api.get(`/api/posts/${thread.post.id}`)).status).toBe(404);
    expect(
      (await outsider.api.post(`/api/posts/${thread.post.id}/reactions`, { reaction: 'heart' }))
        .status,
    ).toBe(404);
    expect((await outsider.api.get(`/api/cases/${caseId}/threads`)).status).toBe(404);
    expect(
      (await bob.api.post(`/api/cases/${foreignCaseId}/threads`, { title: 'x', body: say('x') }))
        .status,
    ).toBe(404);

    const spy = await connect(outsider);
    const received: string[] = [];
    spy.onAny((event: string) => received.push(event));
    expect(await spy.emitWithAck('case:join', caseId)).toEqual({ ok: false, code: 'not_found' });
    expect(await spy.emitWithAck('group:join', groupId)).toEqual({ ok: false, code: 'not_found' });
    spy.emit('typing', thread.id);
    const viewer = await connect(bob);
    await viewer.emitWithAck('case:join', caseId);
    const seen = next(viewer, 'post:created');
    await postIn(alice, thread.id, say('Secret'));
    await seen;
    expect(received).toEqual([]);
  });

  it('delivers posts, edits, reactions and typing live, each with the case’s seq', async () => {
    const thread = await openThread(alice, 'En direct');
    const bobSocket = await connect(bob);
    const joined = await bobSocket.emitWithAck('case:join', caseId);
    expect(joined.ok).toBe(true);
    const aliceSocket = await connect(alice);
    await aliceSocket.emitWithAck('case:join', caseId);
    const start = joined.ok ? joined.seq : 0;

    const created = next(bobSocket, 'post:created', (e) => e.threadId === thread.id);
    const post = await postIn(alice, thread.id, say('Bonjour à tous'));
    const live = await created;
    expect(live).toMatchObject({
      groupId,
      caseId,
      threadId: thread.id,
      post: { id: post.id, seq: 2, html: post.html },
    });
    expect(live.seq!).toBeGreaterThan(start);

    const edited = next(bobSocket, 'post:updated', (e) => e.changes.includes('body'));
    const edit = await alice.api.patch<Post>(`/api/posts/${post.id}`, {
      body: say('Bonjour à toutes et tous'),
      version: 1,
    });
    expect(edit.status).toBe(200);
    expect((await edited).post).toMatchObject({ id: post.id, version: 2 });
    expect((await edited).seq!).toBeGreaterThan(live.seq!);

    const reacted = next(bobSocket, 'post:updated', (e) => e.changes.includes('reactions'));
    await carol.api.post(`/api/posts/${post.id}/reactions`, { reaction: 'heart' });
    expect((await reacted).post.reactions).toEqual([
      { reaction: 'heart', count: 1, users: [{ id: carol.id, displayName: 'Carol' }] },
    ]);

    const typing = next(bobSocket, 'typing');
    aliceSocket.emit('typing', thread.id);
    expect(await typing).toEqual({
      threadId: thread.id,
      caseId,
      user: { id: alice.id, displayName: 'Alice' },
    });

    const opened = next(bobSocket, 'thread:created');
    const another = await openThread(carol, 'Nouveau fil');
    expect((await opened).thread).toMatchObject({
      id: another.id,
      title: 'Nouveau fil',
      unread: 0,
    });
  });

  it('lets a client that reconnects fetch exactly what it missed, with no gap and no duplicate', async () => {
    const thread = await openThread(alice, 'Reconnexion');
    const socket = await connect(bob);
    const joined = await socket.emitWithAck('case:join', caseId);
    if (!joined.ok) throw new Error('join refused');
    const seen = new Map<number, string>();
    socket.on('post:created', (e) => seen.set(e.seq!, `post.created:${e.post.id}`));
    socket.on('post:updated', (e) => seen.set(e.seq!, `post.updated:${e.post.id}`));
    socket.on('thread:created', (e) => seen.set(e.seq!, `thread.created:${e.threadId}`));

    const first = next(socket, 'post:created');
    await postIn(alice, thread.id, say('avant la coupure'));
    await first;
    socket.disconnect();
    const missed: Post[] = [];
    for (let n = 0; n < 5; n++)
      missed.push(await postIn(carol, thread.id, say(`pendant la coupure ${n}`)));
    await alice.api.post(`/api/posts/${missed[0]!.id}/reactions`, { reaction: 'check' });

    socket.connect();
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const rejoined = await socket.emitWithAck('case:join', caseId);
    if (!rejoined.ok) throw new Error('join refused');
    const lastSeen = Math.max(...seen.keys());
    const catchUp = await bob.api.get<Page<CaseEvent>>(
      `/api/cases/${caseId}/events?after=${lastSeen}`,
    );
    for (const event of catchUp.body.items) {
      const payload = event.payload as { post?: Post; threadId: string };
      const key = `${event.type}:${event.type.startsWith('post') ? payload.post!.id : payload.threadId}`;
      expect(seen.has(event.seq), `seq ${event.seq} delivered twice`).toBe(false);
      seen.set(event.seq, key);
    }
    // Every seq from the first seen to the current one, once each, in order.
    const seqs = [...seen.keys()].sort((a, b) => a - b);
    expect(seqs.at(-1)).toBe(rejoined.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => seqs[0]! + i));
    const created = [...seen.values()].filter((key) => key.startsWith('post.created'));
    for (const post of missed) expect(created).toContain(`post.created:${post.id}`);
  });

  it('notifies a mention live, lists it, and marks it read on every tab', async () => {
    const thread = await openThread(bob, 'Mentions');
    const tab1 = await connect(carol);
    const tab2 = await connect(carol);
    const arrived = next(tab1, 'notification');
    const post = await postIn(
      bob,
      thread.id,
      doc(p(text('Tu peux regarder, '), mention(carol.id, 'Carol'), text(' ?'))),
    );
    const { notification, unread } = await arrived;
    expect(notification).toMatchObject({
      kind: 'mention',
      groupId,
      caseId,
      threadId: thread.id,
      postId: post.id,
      actor: { id: bob.id, displayName: 'Bob' },
      title: 'Mentions',
      excerpt: 'Tu peux regarder, @Carol ?',
      readAt: null,
    });
    expect(unread).toBeGreaterThanOrEqual(1);
    const list = await carol.api.get<Page<Notification> & { unread: number }>(
      '/api/notifications?unread=true',
    );
    expect(list.body.items[0]).toMatchObject({ id: notification.id, kind: 'mention' });
    expect(list.body.unread).toBe(unread);

    const readElsewhere = next(tab2, 'notifications:read');
    const read = await carol.api.post<{ unread: number }>('/api/notifications/read', { all: true });
    expect(read.body.unread).toBe(0);
    expect(await readElsewhere).toEqual({ ids: 'all', unread: 0 });
    // Others never see Carol's notifications.
    const bobs = await bob.api.get<Page<Notification>>('/api/notifications');
    expect(bobs.body.items.some((n) => n.id === notification.id)).toBe(false);
  });

  it('tells repliers and watchers, never those who muted, and keeps reading state', async () => {
    const thread = await openThread(alice, 'Qui est prévenu');
    await postIn(bob, thread.id, say('Je participe'));
    // Carol watches the case; Bob mutes the thread.
    expect(
      (await carol.api.put(`/api/cases/${caseId}/subscription`, { level: 'watch' })).status,
    ).toBe(200);
    expect(
      (await bob.api.put(`/api/threads/${thread.id}/subscription`, { level: 'mute' })).body,
    ).toEqual({ level: 'mute' });
    const before = async (who: Person) =>
      (await who.api.get<Page<Notification>>('/api/notifications')).body.items.filter(
        (n) => n.threadId === thread.id && n.kind === 'reply',
      ).length;
    const [bobBefore, carolBefore] = [await before(bob), await before(carol)];
    await postIn(alice, thread.id, say('Du nouveau'));
    expect(await before(bob)).toBe(bobBefore);
    expect(await before(carol)).toBe(carolBefore + 1);

    // A new document in a watched case reaches Carol too.
    await uploadImage(caseId);
    const docs = await carol.api.get<Page<Notification>>('/api/notifications');
    expect(docs.body.items[0]).toMatchObject({
      kind: 'document',
      caseId,
      actor: { displayName: 'Alice' },
    });
    await carol.api.put(`/api/cases/${caseId}/subscription`, { level: 'normal' });

    // Reading state: Bob read up to 2 of 3; the group summary counts it.
    const read = await bob.api.put<{ lastReadSeq: number; unread: number }>(
      `/api/threads/${thread.id}/read`,
      { seq: 2 },
    );
    expect(read.body).toEqual({ lastReadSeq: 2, unread: 1 });
    // Never backwards.
    expect((await bob.api.put(`/api/threads/${thread.id}/read`, { seq: 1 })).body).toEqual({
      lastReadSeq: 2,
      unread: 1,
    });
    const summary = await bob.api.get<UnreadSummary>(`/api/groups/${groupId}/unread`);
    expect(summary.body.cases[caseId]).toBeGreaterThanOrEqual(1);
  });

  it('keeps edit history, refuses stale edits and others’ edits, and soft-deletes', async () => {
    const thread = await openThread(bob, 'Historique');
    const post = await postIn(bob, thread.id, say('version un'));
    expect(
      (await bob.api.patch(`/api/posts/${post.id}`, { body: say('version deux'), version: 1 }))
        .status,
    ).toBe(200);
    const stale = await bob.api.patch(`/api/posts/${post.id}`, {
      body: say('version trois'),
      version: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale_version');
    expect(
      (await carol.api.patch(`/api/posts/${post.id}`, { body: say('pirate'), version: 2 })).status,
    ).toBe(403);
    const history = await carol.api.get<{ items: PostRevision[] }>(
      `/api/posts/${post.id}/revisions`,
    );
    expect(history.body.items.map((r) => [r.version, r.html])).toEqual([[1, '<p>version un</p>']]);
    const current = await carol.api.get<Post>(`/api/posts/${post.id}`);
    expect(current.body).toMatchObject({ version: 2, html: '<p>version deux</p>' });
    expect(current.body.editedAt).not.toBeNull();

    expect((await carol.api.delete(`/api/posts/${post.id}`)).status).toBe(403);
    expect((await bob.api.delete(`/api/posts/${post.id}`)).status).toBe(204);
    const gone = await carol.api.get<Post>(`/api/posts/${post.id}`);
    expect(gone.body).toMatchObject({ deleted: true, body: null, html: '', seq: 2 });
    expect((await alice.api.get<Thread>(`/api/threads/${thread.id}`)).body.postCount).toBe(1);
  });

  it('lets coordinators pin, lock, hide and move, members flag, and logs what moderators did', async () => {
    const thread = await openThread(bob, 'À modérer');
    const post = await postIn(carol, thread.id, say('Message limite'));
    expect((await bob.api.patch(`/api/threads/${thread.id}`, { pinned: true })).status).toBe(403);
    const pinned = await alice.api.patch<Thread>(`/api/threads/${thread.id}`, {
      pinned: true,
      locked: true,
      reason: 'clos',
    });
    expect(pinned.body).toMatchObject({ pinned: true, locked: true });
    const locked = await bob.api.post(`/api/threads/${thread.id}/posts`, { body: say('encore') });
    expect(locked.status).toBe(409);
    expect(locked.body.code).toBe('thread_locked');
    expect(
      (
        await alice.api.post(`/api/threads/${thread.id}/posts`, {
          body: say('note de la coordination'),
        })
      ).status,
    ).toBe(201);
    const list = await bob.api.get<Page<Thread>>(`/api/cases/${caseId}/threads`);
    expect(list.body.items[0]!.id).toBe(thread.id);

    const flagged = next(
      await connect(alice),
      'notification',
      (e) => e.notification.kind === 'flag',
    );
    expect(
      (await bob.api.post(`/api/posts/${post.id}/flags`, { reason: 'Données personnelles' }))
        .status,
    ).toBe(201);
    expect((await flagged).notification).toMatchObject({
      postId: post.id,
      excerpt: 'Données personnelles',
    });
    expect((await bob.api.get(`/api/groups/${groupId}/flags`)).status).toBe(403);
    const flags = await alice.api.get<{ items: Flag[] }>(`/api/groups/${groupId}/flags`);
    const flag = flags.body.items.find((f) => f.postId === post.id)!;
    expect(flag).toMatchObject({
      reason: 'Données personnelles',
      flaggedBy: { displayName: 'Bob' },
    });
    expect(
      (await alice.api.post(`/api/flags/${flag.id}/resolve`, { action: 'hide', reason: 'adresse' }))
        .status,
    ).toBe(204);
    const hidden = await bob.api.get<Post>(`/api/posts/${post.id}`);
    expect(hidden.body).toMatchObject({ hidden: true, body: null, html: '', hiddenReason: null });
    const asCoordinator = await alice.api.get<Post>(`/api/posts/${post.id}`);
    expect(asCoordinator.body).toMatchObject({
      hidden: true,
      hiddenReason: 'adresse',
      html: '<p>Message limite</p>',
    });

    // Move the thread to another case, then one post to the forum.
    const moved = await alice.api.patch<Thread>(`/api/threads/${thread.id}`, {
      caseId: otherCaseId,
    });
    expect(moved.body.caseId).toBe(otherCaseId);
    expect(
      (await bob.api.get<Page<Thread>>(`/api/cases/${otherCaseId}/threads`)).body.items.map(
        (x) => x.id,
      ),
    ).toContain(thread.id);
    expect(
      (await alice.api.patch(`/api/threads/${thread.id}`, { caseId: foreignCaseId })).status,
    ).toBe(404);
    const forum = await carol.api.post<Thread>(`/api/groups/${groupId}/forum/threads`, {
      title: 'Forum',
      body: say('Général'),
    });
    const movedPost = await alice.api.post<Post>(`/api/posts/${thread.post.id}/moderation`, {
      action: 'move',
      threadId: forum.body.id,
    });
    expect(movedPost.body).toMatchObject({ threadId: forum.body.id, seq: 2 });

    const hide = await alice.api.patch<Thread>(`/api/threads/${thread.id}`, { hidden: true });
    expect(hide.body.hidden).toBe(true);
    expect((await bob.api.get(`/api/threads/${thread.id}`)).status).toBe(404);

    const audit = await alice.api.get<{ items: AuditEvent[] }>(`/api/groups/${groupId}/audit`);
    const types = audit.body.items.map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['thread.moderated', 'flag.resolved', 'post.moderated']),
    );
    const pinning = audit.body.items.find(
      (e) => e.type === 'thread.moderated' && (e.data.actions as string[]).includes('pin'),
    );
    expect(pinning).toMatchObject({
      actor: { displayName: 'Alice' },
      data: { actions: ['pin', 'lock'], reason: 'clos' },
    });
  });

  it('has a forum with categories, live in the group’s room', async () => {
    expect(
      (await bob.api.post(`/api/groups/${groupId}/forum/categories`, { name: 'Actions' })).status,
    ).toBe(403);
    const category = await alice.api.post<ForumCategory>(
      `/api/groups/${groupId}/forum/categories`,
      { name: 'Actions', description: 'Rassemblements' },
    );
    expect(category.status).toBe(201);
    const board = await connect(carol);
    expect(await board.emitWithAck('group:join', groupId)).toEqual({ ok: true });
    const live = next(board, 'thread:created', (e) => e.caseId === null);
    const created = await bob.api.post<Thread & { post: Post }>(
      `/api/groups/${groupId}/forum/threads`,
      {
        title: 'Rassemblement samedi',
        body: say('Place Castellane, 14 h'),
        categoryId: category.body.id,
      },
    );
    expect(created.status).toBe(201);
    expect(await live).toMatchObject({
      groupId,
      caseId: null,
      seq: null,
      thread: { id: created.body.id, categoryId: category.body.id },
    });
    const listed = await carol.api.get<Page<Thread>>(
      `/api/groups/${groupId}/forum/threads?categoryId=${category.body.id}`,
    );
    expect(listed.body.items.map((x) => x.title)).toEqual(['Rassemblement samedi']);
    const categories = await carol.api.get<{ items: ForumCategory[] }>(
      `/api/groups/${groupId}/forum/categories`,
    );
    expect(categories.body.items.find((c) => c.id === category.body.id)).toMatchObject({
      threadCount: 1,
      unread: 1,
    });
    expect((await outsider.api.get(`/api/groups/${groupId}/forum/threads`)).status).toBe(404);
    expect((await alice.api.delete(`/api/forum/categories/${category.body.id}`)).status).toBe(204);
    expect(
      (await carol.api.get<Thread>(`/api/threads/${created.body.id}`)).body.categoryId,
    ).toBeNull();
  });

  it('keeps drafts on the server while typing', async () => {
    const thread = await openThread(alice, 'Brouillons');
    expect((await bob.api.get(`/api/threads/${thread.id}/draft`)).status).toBe(204);
    const saved = await bob.api.put(`/api/threads/${thread.id}/draft`, {
      body: say('Je commence à écr'),
    });
    expect(saved.status).toBe(200);
    expect((await bob.api.get(`/api/threads/${thread.id}/draft`)).body).toMatchObject({
      body: say('Je commence à écr'),
    });
    expect((await carol.api.get(`/api/threads/${thread.id}/draft`)).status).toBe(204);
    expect(
      (await bob.api.put(`/api/cases/${caseId}/thread-draft`, { title: 'Idée', body: say('…') }))
        .status,
    ).toBe(200);
    expect((await bob.api.get(`/api/cases/${caseId}/thread-draft`)).body).toMatchObject({
      title: 'Idée',
    });
    expect(
      (await outsider.api.put(`/api/cases/${caseId}/thread-draft`, { body: say('x') })).status,
    ).toBe(404);
    expect(
      (
        await bob.api.put(`/api/threads/${thread.id}/draft`, {
          body: { type: 'doc', content: [{ type: 'script' }] },
        })
      ).status,
    ).toBe(400);
    expect((await bob.api.delete(`/api/threads/${thread.id}/draft`)).status).toBe(204);
    expect((await bob.api.get(`/api/threads/${thread.id}/draft`)).status).toBe(204);
  });

  it('rate-limits a flood with a clear 429, storing only what it accepted', async () => {
    const thread = await openThread(carol, 'Inondation');
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, n) =>
        carol.api.post<Post & { code?: string; message?: string }>(
          `/api/threads/${thread.id}/posts`,
          { body: say(`spam ${n}`) },
        ),
      ),
    );
    const accepted = answers.filter((res) => res.status === 201);
    const refused = answers.filter((res) => res.status === 429);
    expect(accepted.length + refused.length).toBe(60);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]!.body).toMatchObject({ statusCode: 429, code: 'rate_limited' });
    expect(refused[0]!.body.message).toMatch(/wait \d+ s/);
    const stored = await carol.api.get<Page<Post>>(`/api/threads/${thread.id}/posts?limit=200`);
    expect(stored.body.items).toHaveLength(1 + accepted.length);
  });
});
