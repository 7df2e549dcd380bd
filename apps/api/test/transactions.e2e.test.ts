import { randomBytes } from 'node:crypto';
import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Public } from '../src/auth/public.decorator.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../src/common/app-error.js';
import { ZodBody } from '../src/common/zod-body.pipe.js';
import { backend, postJson, request, startTestApp, type TestApp } from './support/test-app.js';

// The PostgreSQL database is shared by the run's test files: each file writes its own table.
const table = `probe_${randomBytes(4).toString('hex')}`;
const rowSchema = z.object({ label: z.string().min(1).max(50) });

/** Routes that write the way features do: one transaction per write. */
@Public()
@Controller('api/probe')
class ProbeController {
  constructor(private readonly dataSource: DataSource) {}

  @Post('rows')
  async add(@Body(new ZodBody(rowSchema)) body: z.infer<typeof rowSchema>) {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO ${table} (label) VALUES ($1)`, [body.label]);
      return { label: body.label };
    });
  }

  /** Writes a row, lingers while other requests arrive, then fails and rolls back. */
  @Post('doomed')
  async doomed() {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO ${table} (label) VALUES ('doomed')`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      throw new AppError('conflict', 'This write was refused after it started.');
    });
  }

  @Get('rows')
  async rows() {
    const rows = await this.dataSource.query<{ label: string }[]>(
      `SELECT label FROM ${table} ORDER BY id`,
    );
    return rows.map((row) => row.label);
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe(`one transaction per write on ${backend}`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ imports: [ProbeModule] });
    await t.dataSource.query(`CREATE TABLE ${table} (id serial PRIMARY KEY, label text NOT NULL)`);
  });

  afterAll(async () => {
    await t?.dataSource.query(`DROP TABLE IF EXISTS ${table}`);
    await t?.close();
  });

  it('keeps nothing of a rolled-back transaction while concurrent requests write', async () => {
    const doomed = postJson(`${t.url}/api/probe/doomed`, {});
    await new Promise((resolve) => setTimeout(resolve, 50));
    const writes = Array.from({ length: 20 }, (_, i) =>
      postJson(`${t.url}/api/probe/rows`, { label: `row-${i}` }),
    );
    const reads = Array.from({ length: 5 }, () => request(`${t.url}/api/probe/rows`));
    const [failed, ...answers] = await Promise.all([doomed, ...writes, ...reads]);

    expect(failed.status).toBe(409);
    expect(failed.body).toEqual({
      statusCode: 409,
      code: 'conflict',
      message: 'This write was refused after it started.',
    });
    expect(answers.every((answer) => answer.status === 200 || answer.status === 201)).toBe(true);

    const rows = await request<string[]>(`${t.url}/api/probe/rows`);
    expect(rows.body).not.toContain('doomed');
    expect([...rows.body].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `row-${i}`).sort());
  });

  it('refuses a bad body with 400 naming the field, and writes nothing', async () => {
    const before = await request<string[]>(`${t.url}/api/probe/rows`);
    const res = await postJson(`${t.url}/api/probe/rows`, { label: 42 });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'validation_failed' });
    expect(res.body.message).toMatch(/^label: /);
    expect(res.body.details).toMatchObject([{ path: 'label' }]);
    expect(res.body.details).toHaveLength(1);
    const after = await request<string[]>(`${t.url}/api/probe/rows`);
    expect(after.body).toEqual(before.body);
  });
});
