import { randomBytes } from 'node:crypto';
import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config.js';
import { DatabaseStartError, migrate, openDataSource } from '../src/database/data-source.js';
import { migrations } from '../src/database/migrations/index.js';
import { backend, testEnv } from './support/test-app.js';

const suffix = randomBytes(4).toString('hex');

class AddsTable9000000000000 implements MigrationInterface {
  name = `AddsTable9000000000000`;
  async up(queryRunner: QueryRunner) {
    await queryRunner.query(`CREATE TABLE half_done_${suffix} (id int)`);
  }
  async down() {}
}

class Fails9000000000001 implements MigrationInterface {
  name = `Fails9000000000001`;
  async up(queryRunner: QueryRunner) {
    await queryRunner.query(`INSERT INTO no_such_table_${suffix} VALUES (1)`);
  }
  async down() {}
}

describe(`migrations on ${backend}`, () => {
  it('apply at start, and a failed one leaves the database as it was', async () => {
    const { env, cleanUp } = await testEnv();
    const loaded = loadConfig(env);
    if (!loaded.ok) throw new Error(loaded.message);
    const database = loaded.config.database;

    const first = await openDataSource(database);
    await migrate(first);
    const appliedBefore: { name: string }[] = await first.query(
      'SELECT name FROM migrations ORDER BY id',
    );
    expect(appliedBefore.map((row) => row.name)).toContain('Initial1764320000000');
    expect(await first.query(`SELECT immutable_unaccent('Caméras à Évry') AS folded`)).toEqual([
      { folded: 'Cameras a Evry' },
    ]);
    await first.destroy();

    const broken = await openDataSource(database, {
      migrations: [...migrations, AddsTable9000000000000, Fails9000000000001],
    });
    const failure = await migrate(broken).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DatabaseStartError);
    expect((failure as Error).message).toMatch(
      /^A database migration failed and none was applied; the database is as it was\./,
    );
    const tables: unknown[] = await broken.query(
      `SELECT 1 FROM information_schema.tables WHERE table_name = $1`,
      [`half_done_${suffix}`],
    );
    expect(tables).toEqual([]);
    const appliedAfter: { name: string }[] = await broken.query(
      'SELECT name FROM migrations ORDER BY id',
    );
    expect(appliedAfter).toEqual(appliedBefore);
    await broken.destroy();
    await cleanUp();
  });
});
