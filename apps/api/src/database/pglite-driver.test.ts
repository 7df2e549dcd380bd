import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPGliteDriver, openPGlite } from './pglite-driver.js';

describe('the PGlite driver', () => {
  let dir: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'technopolice-pglite-'));
    const db = await openPGlite(join(dir, 'pg'));
    dataSource = await new DataSource({
      type: 'postgres',
      driver: createPGliteDriver(db, { acquireTimeoutMs: 300 }),
      installExtensions: false,
    }).initialize();
    await dataSource.query(
      'CREATE TABLE item (id serial PRIMARY KEY, n int8, price numeric, at timestamptz DEFAULT now())',
    );
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers values as node-postgres does', async () => {
    await dataSource.query('INSERT INTO item (n, price) VALUES ($1, $2)', [
      '9007199254740993',
      '12.50',
    ]);
    const [row] = await dataSource.query<{ n: unknown; price: unknown; at: unknown }[]>(
      'SELECT n, price, at FROM item',
    );
    expect(row?.n).toBe('9007199254740993');
    expect(row?.price).toBe('12.50');
    expect(row?.at).toBeInstanceOf(Date);
  });

  it('reports how many rows an UPDATE or DELETE touched', async () => {
    await dataSource.query('INSERT INTO item (n) VALUES (1), (2)');
    const updated = await dataSource
      .createQueryBuilder()
      .update('item')
      .set({ n: 5 })
      .where('n < 3')
      .execute();
    expect(updated.affected).toBe(2);
    const deleted = await dataSource
      .createQueryBuilder()
      .delete()
      .from('item')
      .where('n = 5')
      .execute();
    expect(deleted.affected).toBe(2);
  });

  it('fails loudly, instead of hanging, when code queries outside its own transaction', async () => {
    const outcome = dataSource.transaction(async () => {
      await dataSource.query('SELECT 1');
    });
    await expect(outcome).rejects.toThrow(/waited 300 ms for its single connection/);
    // …and the connection is usable again afterwards.
    expect(await dataSource.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});
