import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Documents attached to cases, their extracted text page by page, and the durable job queue
 * that extracts it. Stored bytes live in the BlobStore under their SHA-256: a document row
 * names its blob, identical bytes are stored once.
 */
export class Documents1764350000000 implements MigrationInterface {
  name = 'Documents1764350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        group_id uuid NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
        title text NOT NULL,
        kind text NOT NULL DEFAULT 'other' CHECK (kind IN ('foi-answer', 'deliberation',
          'contract', 'tender', 'vendor-material', 'press', 'photo', 'correspondence', 'other')),
        date date,
        source text,
        obtained_by text CHECK (obtained_by IN ('foi-request', 'public-record', 'council-meeting',
          'field', 'source', 'press', 'vendor', 'other')),
        description text NOT NULL DEFAULT '',
        file_name text NOT NULL,
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        mime_type text NOT NULL,
        size bigint NOT NULL CHECK (size > 0),
        pages integer,
        language text,
        text_status text NOT NULL CHECK (text_status IN ('pending', 'done', 'failed', 'none')),
        text_error text,
        text_truncated boolean NOT NULL DEFAULT false,
        ocr_pages integer NOT NULL DEFAULT 0,
        stripped_metadata text[] NOT NULL DEFAULT '{}',
        public boolean NOT NULL DEFAULT false,
        uploaded_by uuid REFERENCES users (id) ON DELETE SET NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX documents_case_id_created_at_idx ON documents (case_id, created_at DESC);
      CREATE INDEX documents_group_id_created_at_idx ON documents (group_id, created_at DESC);
      CREATE INDEX documents_sha256_idx ON documents (sha256);
      CREATE INDEX documents_uploaded_by_idx ON documents (uploaded_by);

      CREATE TABLE document_pages (
        document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        number integer NOT NULL CHECK (number > 0),
        text text NOT NULL,
        PRIMARY KEY (document_id, number)
      );

      CREATE TABLE jobs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type text NOT NULL,
        document_id uuid REFERENCES documents (id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'queued'
          CHECK (status IN ('queued', 'running', 'done', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        max_attempts integer NOT NULL DEFAULT 3,
        run_at timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX jobs_due_idx ON jobs (run_at) WHERE status IN ('queued', 'running');
      CREATE INDEX jobs_document_id_idx ON jobs (document_id);

      ALTER TABLE case_timeline ADD CONSTRAINT case_timeline_document_id_fkey
        FOREIGN KEY (document_id) REFERENCES documents (id) ON DELETE SET NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE case_timeline DROP CONSTRAINT case_timeline_document_id_fkey;
      DROP TABLE jobs; DROP TABLE document_pages; DROP TABLE documents;
    `);
  }
}
