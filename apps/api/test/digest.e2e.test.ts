import { type Case, type Thread } from '@technopolice/shared';
import { type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
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

interface Mail {
  to: string[];
  data: string;
}

const say = (...content: unknown[]) => ({ type: 'doc', content: [{ type: 'paragraph', content }] });

/** A real SMTP server in the test: what the digest worker sends arrives here. */
async function mailbox(): Promise<{ port: number; mails: Mail[]; close: () => Promise<void> }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const until = async (check: () => boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe(`email digest on ${backend}`, () => {
  let t: TestApp;
  let box: Awaited<ReturnType<typeof mailbox>>;
  let alice: Person;
  let bob: Person;
  let caseId: string;
  let groupId: string;

  beforeAll(async () => {
    box = await mailbox();
    t = await startTestApp({
      env: {
        ...ADMIN_ENV,
        SMTP_URL: `smtp://127.0.0.1:${box.port}`,
        SMTP_FROM: 'Technopolice <tp@example.org>',
        DIGEST_INTERVAL_SECONDS: '0.2',
      },
      isolated: true,
    });
    const adminToken = await tokenFor(t, ADMIN.username, ADMIN.password);
    alice = await newPerson(t, adminToken, 'Alice');
    bob = await newPerson(t, adminToken, 'Bob');
    groupId = (await newGroup(t, alice, 'Technopolice Toulouse')).id;
    await join({ id: groupId }, alice, bob);
    caseId = (
      await alice.api.post<Case>(`/api/groups/${groupId}/cases`, {
        title: 'Toulouse — drones',
        cityCode: '31555',
        technologies: ['drones'],
      })
    ).body.id;
  });
  afterAll(async () => {
    await t?.close();
    await box?.close();
  });

  it('sends unread notifications once, without quoting what was written, to those who asked', async () => {
    expect((await bob.api.get('/api/me/digest')).body).toEqual({
      email: null,
      frequency: 'off',
      available: true,
    });
    const refused = await bob.api.put('/api/me/digest', {
      email: 'pas-une-adresse',
      frequency: 'hourly',
    });
    expect(refused.status).toBe(400);
    expect((await bob.api.put('/api/me/digest', { email: null, frequency: 'daily' })).status).toBe(
      400,
    );
    const set = await bob.api.put('/api/me/digest', {
      email: 'bob@example.org',
      frequency: 'hourly',
    });
    expect(set.body).toEqual({ email: 'bob@example.org', frequency: 'hourly', available: true });

    const thread = await alice.api.post<Thread>(`/api/cases/${caseId}/threads`, {
      title: 'Survol du Capitole',
      body: say(
        { type: 'mention', attrs: { id: bob.id, label: 'Bob' } },
        { type: 'text', text: ' le code secret est 1234' },
      ),
    });
    expect(thread.status).toBe(201);
    await until(() => box.mails.length > 0);
    const [mail] = box.mails;
    expect(mail!.to).toEqual(['bob@example.org']);
    // Quoted-printable, as mail clients decode it.
    const body = Buffer.from(
      mail!.data
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    ).toString('utf8');
    expect(body).toContain('Subject: Technopolice');
    expect(body).toContain(
      'Alice vous a mentionné·e dans « Survol du Capitole » (Technopolice Toulouse)',
    );
    expect(body).toContain(`/dossiers/${caseId}?onglet=discussions`);
    expect(body).not.toContain('1234');
    // Alice asked for nothing, and the same notification is never sent twice.
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(box.mails).toHaveLength(1);
  });
});
