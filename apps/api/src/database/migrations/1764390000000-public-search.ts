import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Published cases are searchable by everyone signed in, members of their group or not: their
 * title and what the current revision says (summary, place, actors, description), in French
 * with accents folded like the rest of search.
 */
export class PublicSearch1764390000000 implements MigrationInterface {
  name = 'PublicSearch1764390000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE publications ADD COLUMN search_text text NOT NULL DEFAULT '';
      ALTER TABLE publications ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('french_unaccent', title), 'A') ||
        setweight(to_tsvector('french_unaccent', search_text), 'C')
      ) STORED;
      CREATE INDEX publications_tsv_idx ON publications USING gin (tsv);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX publications_tsv_idx;
      ALTER TABLE publications DROP COLUMN tsv, DROP COLUMN search_text;
    `);
  }
}
