import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * French full-text search with accents folded: a `french_unaccent` configuration (unaccent,
 * then the French stemmer), and a weighted `tsv` column on cases, posts, documents and
 * document pages. The columns are generated, so every write keeps them current in its own
 * transaction; cases also carry the names of their actors, kept by triggers.
 */
export class Search1764370000000 implements MigrationInterface {
  name = 'Search1764370000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
      ALTER TEXT SEARCH CONFIGURATION french_unaccent
        ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;

      CREATE FUNCTION immutable_array_to_string(text[]) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT array_to_string($1, ' ') $$;

      ALTER TABLE cases ADD COLUMN search_actors text NOT NULL DEFAULT '';
      UPDATE cases c SET search_actors = COALESCE((
        SELECT string_agg(a.name || ' ' || ca.role, ' ' ORDER BY ca.position)
        FROM case_actors ca JOIN actors a ON a.id = ca.actor_id WHERE ca.case_id = c.id), '');

      CREATE FUNCTION refresh_case_search_actors(target uuid) RETURNS void
        LANGUAGE sql AS $$
          UPDATE cases SET search_actors = COALESCE((
            SELECT string_agg(a.name || ' ' || ca.role, ' ' ORDER BY ca.position)
            FROM case_actors ca JOIN actors a ON a.id = ca.actor_id WHERE ca.case_id = target), '')
          WHERE id = target
        $$;
      CREATE FUNCTION case_actors_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM refresh_case_search_actors(OLD.case_id); END IF;
          IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM refresh_case_search_actors(NEW.case_id); END IF;
          RETURN NULL;
        END $$;
      CREATE TRIGGER case_actors_search AFTER INSERT OR UPDATE OR DELETE ON case_actors
        FOR EACH ROW EXECUTE FUNCTION case_actors_changed();
      CREATE FUNCTION actors_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM refresh_case_search_actors(ca.case_id) FROM case_actors ca WHERE ca.actor_id = NEW.id;
          RETURN NULL;
        END $$;
      CREATE TRIGGER actors_search AFTER UPDATE OF name ON actors
        FOR EACH ROW EXECUTE FUNCTION actors_renamed();

      ALTER TABLE cases ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('french_unaccent', title), 'A') ||
        setweight(to_tsvector('french_unaccent', city_name || ' ' || department_name || ' ' ||
          search_actors || ' ' || immutable_array_to_string(tags)), 'B') ||
        setweight(to_tsvector('french_unaccent', description || ' ' || budget_source), 'C')
      ) STORED;
      CREATE INDEX cases_tsv_idx ON cases USING gin (tsv);

      ALTER TABLE posts ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
        to_tsvector('french_unaccent', text)
      ) STORED;
      CREATE INDEX posts_tsv_idx ON posts USING gin (tsv);
      CREATE INDEX posts_group_id_created_at_idx ON posts (group_id, created_at DESC);
      ALTER TABLE threads ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
        to_tsvector('french_unaccent', title)
      ) STORED;
      CREATE INDEX threads_tsv_idx ON threads USING gin (tsv);

      ALTER TABLE documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('french_unaccent', title), 'A') ||
        setweight(to_tsvector('french_unaccent', description), 'B') ||
        setweight(to_tsvector('french_unaccent', COALESCE(source, '') || ' ' || file_name), 'C')
      ) STORED;
      CREATE INDEX documents_tsv_idx ON documents USING gin (tsv);
      ALTER TABLE document_pages ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
        to_tsvector('french_unaccent', text)
      ) STORED;
      CREATE INDEX document_pages_tsv_idx ON document_pages USING gin (tsv);

      -- Every word of a document's text, without positions: a common word's newest documents
      -- are found by walking documents by date, and only their pages are read and ranked.
      CREATE AGGREGATE tsvector_union(tsvector) (SFUNC = tsvector_concat, STYPE = tsvector);
      ALTER TABLE documents ADD COLUMN text_lexemes tsvector NOT NULL DEFAULT ''::tsvector;
      UPDATE documents d SET text_lexemes = COALESCE((
        SELECT tsvector_union(strip(dp.tsv)) FROM document_pages dp WHERE dp.document_id = d.id),
        ''::tsvector);
      CREATE INDEX documents_text_lexemes_idx ON documents USING gin (text_lexemes);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE documents DROP COLUMN text_lexemes;
      DROP AGGREGATE tsvector_union(tsvector);
      ALTER TABLE document_pages DROP COLUMN tsv;
      ALTER TABLE documents DROP COLUMN tsv;
      ALTER TABLE threads DROP COLUMN tsv;
      DROP INDEX posts_group_id_created_at_idx;
      ALTER TABLE posts DROP COLUMN tsv;
      ALTER TABLE cases DROP COLUMN tsv;
      DROP TRIGGER actors_search ON actors; DROP FUNCTION actors_renamed();
      DROP TRIGGER case_actors_search ON case_actors; DROP FUNCTION case_actors_changed();
      DROP FUNCTION refresh_case_search_actors(uuid);
      ALTER TABLE cases DROP COLUMN search_actors;
      DROP FUNCTION immutable_array_to_string(text[]);
      DROP TEXT SEARCH CONFIGURATION french_unaccent;
    `);
  }
}
