import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CaseSummary, type Me, type PublicCase } from '@technopolice/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, run, waitFor } from './support/process.js';
import { freePort } from './support/test-app.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const PASSWORD = 'demo-technopolice';

/** `npm run demo` on the server built before the tests (`--no-build`), to its end. */
function demo(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [join(root, 'scripts', 'demo.mjs'), '--no-build'], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

describe('npm run demo', () => {
  let dataDir: string;
  let port: number;

  beforeAll(async () => {
    expect(existsSync(main), `${main} is built by "nx build api"`).toBe(true);
    dataDir = await mkdtemp(join(tmpdir(), 'technopolice-demo-'));
    port = await freePort();
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('loads the demo once, and a newcomer finds it after npm start', async () => {
    const env = { DATA_DIR: dataDir, PORT: String(port) };
    const page = `http://localhost:${port}/p/technopolice-marseille/marseille-videosurveillance-algorithmique`;

    const first = await demo(env);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toMatch(
      /Demo loaded in \d+ s: 7 groupes, \d+ dossiers, \d+ documents, \d+ messages, 1 synthèse publiée\./,
    );
    expect(first.output).toContain(`open http://localhost:${port} and sign in`);
    expect(first.output).toContain(`Password of every demo account: ${PASSWORD}`);
    expect(first.output).toContain(page);

    // Again: the demo is found and nothing is added (checked below, through the API).
    const second = await demo(env);
    expect(second.code, second.output).toBe(0);
    expect(second.output).toContain('The demo is already loaded: nothing was added.');

    // What `npm start` then serves, on the same data directory and port.
    const server = run({ DATA_DIR: dataDir, PORT: String(port) });
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitFor(server, /running at/);

      // While it runs, the demo refuses to touch the data directory.
      const busy = await demo(env);
      expect(busy.code, busy.output).toBe(1);
      expect(busy.output).toContain('stop npm start first');

      const grant = await fetch(`${base}/realms/technopolice/protocol/openid-connect/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'password',
          client_id: 'technopolice-cli',
          username: 'camille',
          password: PASSWORD,
        }),
      });
      expect(grant.status).toBe(200);
      const { access_token: token } = (await grant.json()) as { access_token: string };
      const get = async <T>(path: string) => {
        const res = await fetch(`${base}${path}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(res.status, path).toBe(200);
        return (await res.json()) as T;
      };

      const me = await get<Me>('/api/me');
      expect(me.displayName).toBe('Camille (Marseille)');
      expect(me.groups.map((group) => [group.slug, group.role]).sort()).toEqual([
        ['technopolice-marseille', 'admin'],
        ['technopolice-paris', 'member'],
      ]);
      const marseille = me.groups.find((group) => group.slug === 'technopolice-marseille')!;
      const cases = await get<{ items: CaseSummary[] }>(`/api/cases?groupId=${marseille.id}`);
      expect(cases.items.map((c) => [c.title, c.stage]).sort()).toEqual([
        ['Marseille — observatoire « big data » de la tranquillité publique', 'investigating'],
        ['Marseille — vidéosurveillance algorithmique', 'published'],
      ]);
      const [published] = cases.items.filter((c) => c.stage === 'published');
      const threads = await get<{ items: { postCount: number }[] }>(
        `/api/cases/${published!.id}/threads`,
      );
      expect(threads.items).toHaveLength(2);
      expect(threads.items.every((thread) => thread.postCount >= 3)).toBe(true);
      const documents = await get<{ items: unknown[] }>(`/api/cases/${published!.id}/documents`);
      expect(documents.items).toHaveLength(4);

      // The published summary, for anyone.
      const html = await fetch(page.replace(`http://localhost:${port}`, base));
      expect(html.status).toBe(200);
      const text = await html.text();
      expect(text).toContain('Marseille — vidéosurveillance algorithmique');
      expect(text).toContain('Ce que nous demandons');
      const listed = (await (await fetch(`${base}/api/public/cases`)).json()) as {
        items: PublicCase[];
      };
      expect(listed.items.map((item) => item.url)).toEqual([page]);
    } finally {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
  }, 180_000);
});
