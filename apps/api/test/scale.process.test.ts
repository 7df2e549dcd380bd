import { type HocuspocusProvider } from '@hocuspocus/provider';
import { type Case, type Post, type Summary, type Thread } from '@technopolice/shared';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSummary, openSummary, textOf, typeInto, until } from './support/collab.js';
import { ADMIN, ADMIN_ENV } from './support/identity.js';
import { type Running, run, waitFor } from './support/process.js';
import { type ClientSocket, connectSocket, nextEvent } from './support/sockets.js';
import { freePort } from './support/test-app.js';

const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const say = (...content: unknown[]) => ({ type: 'doc', content: [{ type: 'paragraph', content }] });

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * The scaled mode without containers: two API processes on one PostgreSQL database, joined by
 * Redis, behind one public URL as a load balancer would put them. Sign-in, posting and live
 * delivery must work whichever replica each person lands on.
 */
describe('two API processes joined by Redis', () => {
  const name = `technopolice_scale_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const replicas: { url: string; process: Running }[] = [];
  const sockets: ClientSocket[] = [];
  const editors: HocuspocusProvider[] = [];
  const dataDirs: string[] = [];

  beforeAll(async () => {
    // Both services are part of the machine: a missing one is a failure, not a skip.
    const redis = createClient({ url: redisUrl });
    await redis.connect();
    await redis.ping();
    await redis.quit();
    await admin(`CREATE DATABASE ${name}`);
    const databaseUrl = new URL(adminUrl);
    databaseUrl.pathname = `/${name}`;
    const ports = [await freePort(), await freePort()];
    const publicUrl = `http://127.0.0.1:${ports[0]}`;
    for (const port of ports) {
      const dataDir = await mkdtemp(join(tmpdir(), 'technopolice-replica-'));
      dataDirs.push(dataDir);
      const replica = run({
        ...ADMIN_ENV,
        PORT: String(port),
        PUBLIC_URL: publicUrl,
        DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl.toString(),
        REDIS_URL: redisUrl,
        LOG_LEVEL: 'warn',
      });
      // One after the other: the first applies the migrations.
      await waitFor(replica, /running at/);
      replicas.push({ url: `http://127.0.0.1:${port}`, process: replica });
    }
  }, 120_000);

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    for (const editor of editors) closeSummary(editor);
    for (const { process } of replicas) {
      process.child.kill('SIGTERM');
      await process.exited;
    }
    for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }, 60_000);

  const signIn = async (url: string, username: string, password: string) => {
    const res = await fetch(`${url}/realms/technopolice/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: 'technopolice-cli',
        username,
        password,
      }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { access_token: string }).access_token;
  };
  const api =
    (url: string, token: string) =>
    async <T>(method: string, path: string, body?: unknown) => {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
    };
  const connect = (url: string, token: string) => connectSocket(url, token, sockets);
  const next = <E extends Parameters<typeof nextEvent>[1]>(
    socket: ClientSocket,
    event: E,
    match?: Parameters<typeof nextEvent<E>>[2],
  ) => nextEvent(socket, event, match, 10_000);

  it('signs in on either replica, and delivers posts, mentions and typing across them', async () => {
    const [a, b] = replicas.map((replica) => replica.url) as [string, string];
    // Accounts made through one replica sign in through the other.
    const adminToken = await signIn(b, ADMIN.username, ADMIN.password);
    for (const [username, displayName] of [
      ['alice-scale', 'Alice'],
      ['bob-scale', 'Bob'],
    ]) {
      const made = await api(a, adminToken)('POST', '/api/admin/users', {
        username,
        password: 'a-long-password-1',
        displayName,
      });
      expect(made.status).toBe(201);
    }
    const alice = { token: await signIn(a, 'alice-scale', 'a-long-password-1') };
    const bob = { token: await signIn(b, 'bob-scale', 'a-long-password-1') };
    const asAlice = api(a, alice.token);
    const asBob = api(b, bob.token);
    const bobId = (await asBob<{ id: string }>('GET', '/api/me')).body.id;

    const group = await asAlice<{ id: string }>('POST', '/api/groups', {
      name: 'Technopolice Nice',
    });
    const invitation = await asAlice<{ token: string }>(
      'POST',
      `/api/groups/${group.body.id}/invitations`,
      {},
    );
    expect((await asBob('POST', `/api/invitations/${invitation.body.token}/accept`)).status).toBe(
      200,
    );
    const created = await asAlice<Case>('POST', `/api/groups/${group.body.id}/cases`, {
      title: 'Nice — reconnaissance faciale',
      cityCode: '06088',
      technologies: ['facial-recognition'],
    });
    expect(created.status).toBe(201);
    const caseId = created.body.id;

    const aliceSocket = await connect(a, alice.token);
    const bobSocket = await connect(b, bob.token);
    expect(await bobSocket.emitWithAck('case:join', caseId)).toMatchObject({ ok: true });
    // Presence counts the viewers of both replicas.
    const both = next(bobSocket, 'presence', (e) => e.users.length === 2);
    expect(await aliceSocket.emitWithAck('case:join', caseId)).toMatchObject({ ok: true });
    expect((await both).users.map((u) => u.displayName)).toEqual(['Alice', 'Bob']);

    // A thread opened on A reaches Bob on B; Bob's answer through B reaches Alice on A.
    const opened = next(bobSocket, 'thread:created', (e) => e.caseId === caseId);
    const thread = await asAlice<Thread & { post: Post }>('POST', `/api/cases/${caseId}/threads`, {
      title: 'Marché public',
      body: say({ type: 'text', text: 'Le marché est attribué.' }),
    });
    expect(thread.status).toBe(201);
    expect((await opened).thread.id).toBe(thread.body.id);

    // Bob's answer, not the thread's first post (whose echo may reach Alice later than Bob
    // heard of the thread: the two replicas do not order their sockets together).
    const answered = next(
      aliceSocket,
      'post:created',
      (e) => e.threadId === thread.body.id && e.post.id !== thread.body.post.id,
    );
    const reply = await asBob<Post>('POST', `/api/threads/${thread.body.id}/posts`, {
      body: say({ type: 'text', text: 'Je demande le contrat.' }),
    });
    expect(reply.status).toBe(201);
    const live = await answered;
    expect(live.post.id).toBe(reply.body.id);
    expect(live.seq!).toBeGreaterThan(0);

    // A mention written on A rings on B.
    const rang = next(bobSocket, 'notification');
    await asAlice('POST', `/api/threads/${thread.body.id}/posts`, {
      body: say(
        { type: 'mention', attrs: { id: bobId, label: 'Bob' } },
        { type: 'text', text: ' merci !' },
      ),
    });
    expect((await rang).notification).toMatchObject({
      kind: 'mention',
      actor: { displayName: 'Alice' },
    });

    const typing = next(aliceSocket, 'typing');
    bobSocket.emit('typing', thread.body.id);
    expect((await typing).user.displayName).toBe('Bob');

    // The summary co-edited by Alice on A and Bob on B: one document, whoever's replica.
    const onA = (await openSummary(a, alice.token, caseId, editors)).provider;
    const onB = (await openSummary(b, bob.token, caseId, editors)).provider;
    typeInto(onA, 'Alice écrit sur A.');
    await until(
      () => textOf(onB),
      (text) => text.includes('Alice écrit sur A.'),
    );
    typeInto(onB, 'Bob répond sur B.');
    await until(
      () => textOf(onA),
      (text) => text.includes('Bob répond sur B.'),
    );
    // Saved once, whole, whichever replica is asked.
    const saved = await until(
      async () => (await asBob<Summary>('GET', `/api/cases/${caseId}/summary`)).body,
      (s) => s.html.includes('Bob répond sur B.') && s.html.includes('Alice écrit sur A.'),
      15_000,
    );
    // A script's change through A reaches Bob's editor on B.
    const put = await asAlice<Summary>('PUT', `/api/cases/${caseId}/summary`, {
      body: say({ type: 'text', text: 'Remplacé par un script.' }),
      version: saved.version,
    });
    expect(put.status).toBe(200);
    await until(
      () => textOf(onB),
      (text) => text.includes('Remplacé par un script.'),
      15_000,
    );
  });
});
