import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The extensions every later migration relies on: `unaccent` for accent-folded French search,
 * `pgcrypto` for digests and random tokens. `gen_random_uuid()` is built in.
 */
export class Initial1764320000000 implements MigrationInterface {
  name = 'Initial1764320000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    // unaccent() is only STABLE; an IMMUTABLE wrapper lets expression indexes use it.
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION immutable_unaccent(text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION IF EXISTS immutable_unaccent(text)`);
  }
}
