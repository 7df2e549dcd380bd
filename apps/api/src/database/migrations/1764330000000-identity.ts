import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Accounts of the built-in issuer, its keys and sessions; users, groups, invitations, audit. */
export class Identity1764330000000 implements MigrationInterface {
  name = 'Identity1764330000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE instance_settings (
        key text PRIMARY KEY,
        value jsonb NOT NULL
      );

      CREATE TABLE accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL,
        password_hash text NOT NULL,
        display_name text NOT NULL,
        is_instance_admin boolean NOT NULL DEFAULT false,
        failed_attempts integer NOT NULL DEFAULT 0,
        last_failed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX accounts_username_key ON accounts (lower(username));

      CREATE TABLE signing_keys (
        kid text PRIMARY KEY,
        private_jwk jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz
      );

      CREATE TABLE oidc_payloads (
        kind text NOT NULL,
        id text NOT NULL,
        payload jsonb NOT NULL,
        grant_id text,
        uid text,
        user_code text,
        expires_at timestamptz,
        consumed_at timestamptz,
        PRIMARY KEY (kind, id)
      );
      CREATE INDEX oidc_payloads_grant_id_idx ON oidc_payloads (grant_id);
      CREATE INDEX oidc_payloads_uid_idx ON oidc_payloads (uid);
      CREATE INDEX oidc_payloads_expires_at_idx ON oidc_payloads (expires_at);

      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        issuer text NOT NULL,
        subject text NOT NULL,
        username text NOT NULL,
        display_name text NOT NULL,
        language text NOT NULL DEFAULT 'fr' CHECK (language IN ('fr', 'en')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_issuer_subject_key UNIQUE (issuer, subject)
      );

      CREATE TABLE groups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT groups_slug_key UNIQUE (slug)
      );

      CREATE TABLE memberships (
        group_id uuid NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('admin', 'coordinator', 'member')),
        joined_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (group_id, user_id)
      );
      CREATE INDEX memberships_user_id_idx ON memberships (user_id);

      CREATE TABLE invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        group_id uuid NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
        token_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'coordinator', 'member')),
        max_uses integer CHECK (max_uses IS NULL OR max_uses > 0),
        uses integer NOT NULL DEFAULT 0,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT invitations_token_hash_key UNIQUE (token_hash)
      );
      CREATE INDEX invitations_group_id_idx ON invitations (group_id);
      CREATE INDEX invitations_created_by_idx ON invitations (created_by);

      CREATE TABLE audit_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        group_id uuid REFERENCES groups (id) ON DELETE CASCADE,
        actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
        type text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX audit_events_group_id_created_at_idx ON audit_events (group_id, created_at DESC);
      CREATE INDEX audit_events_actor_id_idx ON audit_events (actor_id);
      CREATE INDEX audit_events_created_at_idx ON audit_events (created_at DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE audit_events; DROP TABLE invitations; DROP TABLE memberships; DROP TABLE groups;
      DROP TABLE users; DROP TABLE oidc_payloads; DROP TABLE signing_keys; DROP TABLE accounts;
      DROP TABLE instance_settings;
    `);
  }
}
