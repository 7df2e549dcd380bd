import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type HocuspocusProvider } from '@hocuspocus/provider';
import { type Summary } from '@technopolice/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSummary, openSummary, textOf, typeInto } from './support/collab.js';
import { ADMIN, ADMIN_ENV } from './support/identity.js';
import { main, run, waitFor } from './support/process.js';
import { freePort } from './support/test-app.js';

describe('the server process', () => {
  let dataDir: string;

  beforeAll(async () => {
    expect(existsSync(main), `${main} is built by "nx build api"`).toBe(true);
    dataDir = await mkdtemp(join(tmpdir(), 'technopolice-process-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses a bad configuration in one clear line and exits 1', async () => {
    const running = run({ PORT: 'eighty', DATABASE_URL: 'mysql://db/app' });
    expect(await running.exited).toBe(1);
    expect(running.output().trim()).toBe(
      'Invalid configuration: PORT must be a number; DATABASE_URL must be a postgres:// URL.',
    );
  });

  it('exits 1 with a clear message when PostgreSQL cannot be reached', async () => {
    const running = run({
      PORT: '0',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/technopolice',
    });
    expect(await running.exited).toBe(1);
    expect(running.output()).toMatch(/^Cannot connect to PostgreSQL: /m);
  });

  it('serves, keeps its data directory to itself, logs no address, and stops gracefully on SIGTERM', async () => {
    const server = run({ PORT: '0', DATA_DIR: dataDir });
    const [, url] = await waitFor(server, /running at (http:\/\/\S+)/);
    const health = await fetch(`${url}/api/health`, {
      headers: { 'user-agent': 'Probe/1.0 (secret-agent)' },
    });
    expect(await health.json()).toEqual({ status: 'ok', database: 'pglite' });
    await fetch(`${url}/api/taxonomy?who=someone`, {
      headers: { 'user-agent': 'Probe/1.0 (secret-agent)' },
    });
    await waitFor(server, /"path":"\/api\/taxonomy"/);

    // A second process on the same data directory would corrupt PGlite's files.
    const intruder = run({ PORT: '0', DATA_DIR: dataDir });
    expect(await intruder.exited).toBe(1);
    expect(intruder.output()).toContain('is in use by another process');

    // SIGTERM: no new connections, then a clean exit that releases the data directory.
    server.child.kill('SIGTERM');
    await waitFor(server, /shutting down/);
    await expect(fetch(`${url}/api/health`)).rejects.toThrow();
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('"msg":"stopped"');
    expect(existsSync(join(dataDir, 'pg.lock'))).toBe(false);

    const logs = server.output();
    expect(logs).not.toMatch(/127\.0\.0\.1|::1|::ffff/);
    expect(logs).not.toContain('secret-agent');
    expect(logs).not.toContain('who=someone');

    // The data survives a restart: the migrations are not applied twice.
    const again = run({ PORT: '0', DATA_DIR: dataDir });
    const [, url2] = await waitFor(again, /running at (http:\/\/\S+)/);
    expect((await fetch(`${url2}/api/health`)).status).toBe(200);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
    // Three PGlite processes start in turn: on a busy 2-core machine that can pass 30 s.
  }, 90_000);

  it('keeps a summary typed just before SIGTERM across the restart', async () => {
    const summaryDir = await mkdtemp(join(tmpdir(), 'technopolice-summary-'));
    const port = await freePort();
    const env = {
      ...ADMIN_ENV,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATA_DIR: summaryDir,
    };
    const url = `http://127.0.0.1:${port}`;
    const token = async () => {
      const res = await fetch(`${url}/realms/technopolice/protocol/openid-connect/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'password',
          client_id: 'technopolice-cli',
          username: ADMIN.username,
          password: ADMIN.password,
        }),
      });
      return ((await res.json()) as { access_token: string }).access_token;
    };
    const call = async <T>(bearer: string, method: string, path: string, body?: unknown) => {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return (await res.json()) as T;
    };
    const editors: HocuspocusProvider[] = [];
    try {
      const first = run(env);
      await waitFor(first, /running at/);
      const bearer = await token();
      const group = await call<{ id: string }>(bearer, 'POST', '/api/groups', { name: 'Toulouse' });
      const created = await call<{ id: string }>(bearer, 'POST', `/api/groups/${group.id}/cases`, {
        title: 'Toulouse — drones',
        cityCode: '31555',
        technologies: ['drones'],
      });
      const editor = (await openSummary(url, bearer, created.id, editors)).provider;
      typeInto(editor, 'Écrit juste avant l’arrêt du serveur.');
      // Stopped at once, well within the pause after which a change is saved.
      await new Promise((resolve) => setTimeout(resolve, 100));
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      closeSummary(editor);

      const second = run(env);
      await waitFor(second, /running at/);
      const again = await token();
      const saved = await call<Summary>(again, 'GET', `/api/cases/${created.id}/summary`);
      expect(saved.html).toBe('<p>Écrit juste avant l’arrêt du serveur.</p>');
      const reader = (await openSummary(url, again, created.id, editors)).provider;
      expect(textOf(reader)).toContain('Écrit juste avant l’arrêt du serveur.');
      closeSummary(reader);
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    } finally {
      for (const editor of editors) closeSummary(editor);
      await rm(summaryDir, { recursive: true, force: true });
    }
  }, 90_000);
});
