import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Cases with their facts, actors (reusable in the group), timeline, tasks, and the event log
 * that numbers every change of a case (`seq`) for live clients, catch-up and the activity feed.
 */
export class Cases1764340000000 implements MigrationInterface {
  name = 'Cases1764340000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        group_id uuid NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
        slug text NOT NULL,
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        stage text NOT NULL DEFAULT 'open'
          CHECK (stage IN ('open', 'investigating', 'drafting', 'review', 'published')),
        position double precision NOT NULL DEFAULT 0,
        project_status text NOT NULL DEFAULT 'announced'
          CHECK (project_status IN ('announced', 'experiment', 'deployed', 'suspended', 'abandoned', 'contested')),
        city_code text NOT NULL,
        city_name text NOT NULL,
        department_code text NOT NULL,
        department_name text NOT NULL,
        lat double precision NOT NULL,
        lng double precision NOT NULL,
        technologies text[] NOT NULL CHECK (cardinality(technologies) > 0),
        tags text[] NOT NULL DEFAULT '{}',
        budget_euros numeric(14, 2) CHECK (budget_euros >= 0),
        budget_source text NOT NULL DEFAULT '',
        version integer NOT NULL DEFAULT 1,
        last_seq bigint NOT NULL DEFAULT 0,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT cases_group_id_slug_key UNIQUE (group_id, slug)
      );
      CREATE INDEX cases_group_id_stage_position_idx ON cases (group_id, stage, position);
      CREATE INDEX cases_group_id_updated_at_idx ON cases (group_id, updated_at DESC);
      CREATE INDEX cases_created_by_idx ON cases (created_by);
      CREATE INDEX cases_technologies_idx ON cases USING gin (technologies);

      CREATE TABLE actors (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        group_id uuid NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('vendor', 'public-body', 'other')),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX actors_group_id_name_key ON actors (group_id, lower(name));

      CREATE TABLE case_actors (
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        actor_id uuid NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
        role text NOT NULL DEFAULT '',
        position integer NOT NULL DEFAULT 0,
        PRIMARY KEY (case_id, actor_id)
      );
      CREATE INDEX case_actors_actor_id_idx ON case_actors (actor_id);

      CREATE TABLE case_timeline (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        date date NOT NULL,
        title text NOT NULL,
        document_id uuid,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX case_timeline_case_id_date_idx ON case_timeline (case_id, date);
      CREATE INDEX case_timeline_document_id_idx ON case_timeline (document_id);
      CREATE INDEX case_timeline_created_by_idx ON case_timeline (created_by);

      CREATE TABLE case_tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        title text NOT NULL,
        assignee_id uuid REFERENCES users (id) ON DELETE SET NULL,
        due_date date,
        done boolean NOT NULL DEFAULT false,
        done_at timestamptz,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX case_tasks_case_id_idx ON case_tasks (case_id, created_at);
      CREATE INDEX case_tasks_assignee_id_idx ON case_tasks (assignee_id);
      CREATE INDEX case_tasks_created_by_idx ON case_tasks (created_by);

      CREATE TABLE case_events (
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        seq bigint NOT NULL,
        type text NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, seq)
      );
      CREATE INDEX case_events_actor_id_idx ON case_events (actor_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE case_events; DROP TABLE case_tasks; DROP TABLE case_timeline;
      DROP TABLE case_actors; DROP TABLE actors; DROP TABLE cases;
    `);
  }
}
