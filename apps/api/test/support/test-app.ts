import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { inject } from 'vitest';
import { createApp, type CreateAppOptions } from '../../src/app.factory.js';
import { type AppConfig, loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/logging/logger.js';

export type Backend = 'pglite' | 'postgres';

export interface TestApp {
  app: NestExpressApplication;
  url: string;
  backend: Backend;
  config: AppConfig;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** The database this test project runs against. */
export const backend = (process.env.TEST_DB ?? 'pglite') as Backend;

/** Environment selecting this project's database, with a fresh temp `DATA_DIR`. */
export async function testEnv(
  extra: NodeJS.ProcessEnv = {},
  isolated = false,
): Promise<{ env: NodeJS.ProcessEnv; dataDir: string; cleanUp: () => Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'technopolice-test-'));
  const env: NodeJS.ProcessEnv = { DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...extra };
  let dropDatabase = async () => {};
  if (backend === 'postgres') {
    env.DATABASE_URL = inject('databaseUrl');
    if (isolated) ({ url: env.DATABASE_URL, drop: dropDatabase } = await createDatabase());
  }
  return {
    env,
    dataDir,
    cleanUp: async () => {
      await rm(dataDir, { recursive: true, force: true });
      await dropDatabase();
    },
  };
}

/** A PostgreSQL database of its own, for a test that needs the whole instance to itself. */
async function createDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const { default: pg } = await import('pg');
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL!;
  const name = `technopolice_test_${Date.now()}_${Math.random().toString(16).slice(2, 8)}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** Boots the whole app, as `main.ts` does, on a random loopback port. */
export async function startTestApp(
  options: CreateAppOptions & {
    env?: NodeJS.ProcessEnv;
    webDistDir?: string;
    port?: number;
    /** On PostgreSQL, a database of its own rather than the run's shared one. */
    isolated?: boolean;
  } = {},
): Promise<TestApp> {
  const { env, cleanUp } = await testEnv(options.env, options.isolated);
  const loaded = loadConfig(env, { webDistDir: options.webDistDir ?? null });
  if (!loaded.ok) throw new Error(loaded.message);
  const config = loaded.config;
  const app = await createApp(config, {
    ...options,
    logger: options.logger ?? createLogger({ logLevel: 'silent' }),
  });
  await app.listen(options.port ?? 0, '127.0.0.1');
  const address = app.getHttpServer().address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    app,
    url: `http://127.0.0.1:${address.port}`,
    backend,
    config,
    dataSource: app.get(DataSource),
    async close() {
      await app.close();
      await cleanUp();
    },
  };
}

/** A loopback port nobody listens on now (for an app whose PUBLIC_URL must name its port). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** `fetch` answering `{status, body}` with the body parsed as JSON when it is JSON. */
export async function request<T = Record<string, unknown>>(url: string, init: RequestInit = {}) {
  const res = await fetch(url, init);
  const text = await res.text();
  const isJson = res.headers.get('content-type')?.includes('json') && text !== '';
  return {
    status: res.status,
    headers: res.headers,
    body: (isJson ? JSON.parse(text) : undefined) as T,
    text,
  };
}

/** POSTs a JSON value. */
export function postJson<T = Record<string, unknown>>(url: string, body: unknown) {
  return request<T>(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}
