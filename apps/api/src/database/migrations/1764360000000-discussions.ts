import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Discussions: threads of a case or of a group's forum (by category), their posts with edit
 * history, reactions and flags, what each person has read and follows, drafts kept while
 * typing, and the notification centre. A post keeps the HTML rendered when it was written.
 */
export class Discussions1764360000000 implements MigrationInterface {
  name = 'Discussions1764360000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE forum_categories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        group_id uuid NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        position integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX forum_categories_group_id_idx ON forum_categories (group_id, position);

      CREATE TABLE threads (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        group_id uuid NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
        case_id uuid REFERENCES cases (id) ON DELETE CASCADE,
        category_id uuid REFERENCES forum_categories (id) ON DELETE SET NULL,
        title text NOT NULL,
        author_id uuid REFERENCES users (id) ON DELETE SET NULL,
        pinned boolean NOT NULL DEFAULT false,
        locked boolean NOT NULL DEFAULT false,
        hidden boolean NOT NULL DEFAULT false,
        post_count integer NOT NULL DEFAULT 0,
        last_seq integer NOT NULL DEFAULT 0,
        last_post_at timestamptz NOT NULL DEFAULT now(),
        last_author_id uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (case_id IS NULL OR category_id IS NULL)
      );
      CREATE INDEX threads_case_id_idx ON threads (case_id, pinned DESC, last_post_at DESC);
      CREATE INDEX threads_forum_idx ON threads (group_id, pinned DESC, last_post_at DESC)
        WHERE case_id IS NULL;
      CREATE INDEX threads_category_id_idx ON threads (category_id);

      CREATE TABLE posts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        thread_id uuid NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
        group_id uuid NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
        seq integer NOT NULL,
        author_id uuid REFERENCES users (id) ON DELETE SET NULL,
        body jsonb NOT NULL,
        html text NOT NULL,
        text text NOT NULL,
        reply_to uuid REFERENCES posts (id) ON DELETE SET NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        edited_at timestamptz,
        deleted_at timestamptz,
        deleted_by uuid REFERENCES users (id) ON DELETE SET NULL,
        hidden_at timestamptz,
        hidden_by uuid REFERENCES users (id) ON DELETE SET NULL,
        hidden_reason text,
        UNIQUE (thread_id, seq)
      );
      CREATE INDEX posts_author_id_idx ON posts (author_id);
      CREATE INDEX posts_group_id_idx ON posts (group_id);

      CREATE TABLE post_revisions (
        post_id uuid NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
        version integer NOT NULL,
        body jsonb NOT NULL,
        html text NOT NULL,
        edited_at timestamptz NOT NULL,
        editor_id uuid REFERENCES users (id) ON DELETE SET NULL,
        PRIMARY KEY (post_id, version)
      );

      CREATE TABLE post_reactions (
        post_id uuid NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        reaction text NOT NULL
          CHECK (reaction IN ('thumbs-up', 'heart', 'eyes', 'check', 'question', 'laugh')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (post_id, user_id, reaction)
      );

      CREATE TABLE post_flags (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        post_id uuid NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
        group_id uuid NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
        user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        resolved_by uuid REFERENCES users (id) ON DELETE SET NULL,
        resolution text CHECK (resolution IN ('dismiss', 'hide'))
      );
      CREATE INDEX post_flags_open_idx ON post_flags (group_id, created_at) WHERE resolved_at IS NULL;
      CREATE INDEX post_flags_post_id_idx ON post_flags (post_id);

      CREATE TABLE thread_reads (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        thread_id uuid NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
        last_read_seq integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, thread_id)
      );
      CREATE INDEX thread_reads_thread_id_idx ON thread_reads (thread_id);

      CREATE TABLE thread_subscriptions (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        thread_id uuid NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
        level text NOT NULL CHECK (level IN ('watch', 'mute')),
        PRIMARY KEY (user_id, thread_id)
      );
      CREATE INDEX thread_subscriptions_thread_id_idx ON thread_subscriptions (thread_id);

      CREATE TABLE case_subscriptions (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        level text NOT NULL CHECK (level IN ('watch', 'mute')),
        PRIMARY KEY (user_id, case_id)
      );
      CREATE INDEX case_subscriptions_case_id_idx ON case_subscriptions (case_id);

      CREATE TABLE drafts (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        key text NOT NULL,
        group_id uuid NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
        title text,
        body jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      );
      CREATE INDEX drafts_group_id_idx ON drafts (group_id);

      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        group_id uuid NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('mention', 'reply', 'document', 'review', 'flag')),
        case_id uuid REFERENCES cases (id) ON DELETE CASCADE,
        thread_id uuid REFERENCES threads (id) ON DELETE CASCADE,
        post_id uuid REFERENCES posts (id) ON DELETE CASCADE,
        document_id uuid REFERENCES documents (id) ON DELETE CASCADE,
        actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
        title text NOT NULL,
        excerpt text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz
      );
      CREATE INDEX notifications_user_id_idx ON notifications (user_id, created_at DESC);
      CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;
      CREATE INDEX notifications_post_id_idx ON notifications (post_id);
      ALTER TABLE notifications ADD COLUMN emailed_at timestamptz;

      -- The optional email digest: an address given for it alone, and how often.
      ALTER TABLE users
        ADD COLUMN digest_email text,
        ADD COLUMN digest_frequency text NOT NULL DEFAULT 'off'
          CHECK (digest_frequency IN ('off', 'hourly', 'daily')),
        ADD COLUMN digest_sent_at timestamptz;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users DROP COLUMN digest_email, DROP COLUMN digest_frequency,
        DROP COLUMN digest_sent_at;
      DROP TABLE notifications; DROP TABLE drafts; DROP TABLE case_subscriptions;
      DROP TABLE thread_subscriptions; DROP TABLE thread_reads; DROP TABLE post_flags;
      DROP TABLE post_reactions; DROP TABLE post_revisions; DROP TABLE posts; DROP TABLE threads;
      DROP TABLE forum_categories;
    `);
  }
}
