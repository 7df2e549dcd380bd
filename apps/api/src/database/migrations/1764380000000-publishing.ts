import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Summaries, review and publication. A case's summary is a Y.js document per language (the
 * co-editing state) with the ProseMirror JSON and HTML of its last valid state; a review holds
 * comments and approvals; a publication is a stable public URL with immutable revisions, each
 * freezing the summary, the case's facts and the documents chosen to be public.
 */
export class Publishing1764380000000 implements MigrationInterface {
  name = 'Publishing1764380000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE groups
        ADD COLUMN approval_coordinators integer NOT NULL DEFAULT 1
          CHECK (approval_coordinators BETWEEN 0 AND 10),
        ADD COLUMN approval_members integer NOT NULL DEFAULT 2
          CHECK (approval_members BETWEEN 0 AND 20),
        ADD CONSTRAINT groups_approval_rule_check
          CHECK (approval_coordinators + approval_members > 0);

      CREATE TABLE case_summaries (
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        language text NOT NULL CHECK (language IN ('fr', 'en')),
        ydoc bytea NOT NULL,
        body jsonb NOT NULL,
        html text NOT NULL,
        text text NOT NULL DEFAULT '',
        version integer NOT NULL DEFAULT 1,
        problem text,
        last_editor_id uuid REFERENCES users (id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, language)
      );

      CREATE TABLE case_reviews (
        case_id uuid PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
        requested_by uuid REFERENCES users (id) ON DELETE SET NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        note text
      );

      CREATE TABLE summary_approvals (
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('admin', 'coordinator', 'member')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, user_id)
      );

      CREATE TABLE review_comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        author_id uuid REFERENCES users (id) ON DELETE SET NULL,
        language text NOT NULL DEFAULT 'fr' CHECK (language IN ('fr', 'en')),
        body text NOT NULL,
        quote text,
        resolved_at timestamptz,
        resolved_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX review_comments_case_id_idx ON review_comments (case_id, created_at);

      -- The public URL of a case. Slugs are frozen at the first publication so that links
      -- keep working when the case or the group is renamed.
      CREATE TABLE publications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid REFERENCES cases (id) ON DELETE SET NULL,
        group_id uuid NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
        group_slug text NOT NULL,
        case_slug text NOT NULL,
        revision integer NOT NULL DEFAULT 0,
        -- Facts of the current revision, for filters and the map.
        title text NOT NULL,
        city_code text NOT NULL,
        department_code text NOT NULL,
        technologies text[] NOT NULL,
        project_status text NOT NULL,
        first_published_at timestamptz NOT NULL DEFAULT now(),
        last_published_at timestamptz NOT NULL DEFAULT now(),
        retracted_at timestamptz,
        retracted_reason text,
        retracted_by uuid REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT publications_case_id_key UNIQUE (case_id),
        CONSTRAINT publications_slugs_key UNIQUE (group_slug, case_slug)
      );
      CREATE INDEX publications_listed_idx ON publications (last_published_at DESC)
        WHERE retracted_at IS NULL;
      CREATE INDEX publications_technologies_idx ON publications USING gin (technologies);

      CREATE TABLE publication_revisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        publication_id uuid NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
        number integer NOT NULL,
        facts jsonb NOT NULL,
        -- {"fr": {"body", "html", "text", "version"}, "en": …}: html rendered for the public.
        summaries jsonb NOT NULL,
        change_note text,
        published_by uuid REFERENCES users (id) ON DELETE SET NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT publication_revisions_number_key UNIQUE (publication_id, number)
      );

      -- No foreign key to documents: a revision keeps its documents when the case drops them.
      CREATE TABLE publication_documents (
        revision_id uuid NOT NULL REFERENCES publication_revisions (id) ON DELETE CASCADE,
        document_id uuid NOT NULL,
        position integer NOT NULL,
        title text NOT NULL,
        kind text NOT NULL,
        date date,
        file_name text NOT NULL,
        sha256 text NOT NULL,
        mime_type text NOT NULL,
        size bigint NOT NULL,
        pages integer,
        PRIMARY KEY (revision_id, document_id)
      );
      CREATE INDEX publication_documents_sha256_idx ON publication_documents (sha256);
      CREATE INDEX publication_documents_document_id_idx ON publication_documents (document_id);

      -- A published revision never changes: what was public stays on the record.
      CREATE FUNCTION publication_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'a published revision is immutable' USING ERRCODE = 'restrict_violation';
      END $$;
      CREATE TRIGGER publication_revisions_frozen BEFORE UPDATE ON publication_revisions
        FOR EACH ROW EXECUTE FUNCTION publication_frozen();
      CREATE TRIGGER publication_documents_frozen BEFORE UPDATE ON publication_documents
        FOR EACH ROW EXECUTE FUNCTION publication_frozen();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE publication_documents;
      DROP TABLE publication_revisions;
      DROP FUNCTION publication_frozen();
      DROP TABLE publications;
      DROP TABLE review_comments;
      DROP TABLE summary_approvals;
      DROP TABLE case_reviews;
      DROP TABLE case_summaries;
      ALTER TABLE groups DROP CONSTRAINT groups_approval_rule_check,
        DROP COLUMN approval_members, DROP COLUMN approval_coordinators;
    `);
  }
}
