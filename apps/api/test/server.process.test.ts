import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, run, waitFor } from './support/process.js';

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
});
