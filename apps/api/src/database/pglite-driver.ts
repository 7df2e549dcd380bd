import { EventEmitter } from 'node:events';
import { PGlite, types, type Results } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { uuid_ossp } from '@electric-sql/pglite/contrib/uuid_ossp';

/**
 * A `pg`-shaped driver that lets TypeORM's PostgreSQL driver run on PGlite.
 *
 * PGlite has one session. If two requests shared it, a transaction's BEGIN…ROLLBACK would wrap
 * the other request's writes too, and a rolled-back row could survive (reproduced with
 * typeorm-pglite). So this pool hands out its single connection to one holder at a time, in
 * arrival order: a transaction keeps it from BEGIN to COMMIT/ROLLBACK and every other query
 * waits. A holder that waits too long is almost always code querying outside the running
 * transaction's manager, which would deadlock here; it fails loudly instead.
 */

/** How long a query waits for the connection before failing. */
const ACQUIRE_TIMEOUT_MS = 30_000;

export interface PGliteDriverOptions {
  dataDir: string;
  acquireTimeoutMs?: number;
}

interface PgResult {
  command: string;
  rows: unknown[];
  rowCount: number;
  fields: Results['fields'];
}

/** Opens PGlite with the extensions our migrations create, parsing values as `pg` does. */
export async function openPGlite(dataDir: string): Promise<PGlite> {
  return PGlite.create({
    dataDir,
    extensions: { unaccent, pgcrypto, uuid_ossp },
    // `pg` answers int8 and numeric as strings (they may not fit a JS number); do the same so
    // both backends hand the code identical values.
    parsers: { [types.INT8]: (value: string) => value, [types.NUMERIC]: (value: string) => value },
  });
}

function commandOf(sql: string): string {
  const match = /^\s*(?:--[^\n]*\n\s*)*([a-z]+)/i.exec(sql);
  return match?.[1]?.toUpperCase() ?? '';
}

async function run(db: PGlite, sql: string, params?: unknown[]): Promise<PgResult> {
  // Without parameters a string may hold several statements (migrations); `exec` runs them all
  // and, like `pg`, we answer the last result.
  const result =
    params && params.length > 0
      ? await db.query(sql, params)
      : ((await db.exec(sql)).at(-1) ?? { rows: [], affectedRows: 0, fields: [] });
  return {
    command: commandOf(sql),
    rows: result.rows,
    rowCount: result.affectedRows ?? result.rows.length,
    fields: result.fields,
  };
}

type Callback<T> = (error: Error | null, value?: T) => void;
type Release = (error?: unknown) => void;

/** The single session as a `pg` client. */
class SessionClient extends EventEmitter {
  constructor(private readonly db: PGlite) {
    super();
  }

  query(
    sql: string | { text: string; values?: unknown[] },
    params?: unknown[] | Callback<PgResult>,
    callback?: Callback<PgResult>,
  ) {
    const text = typeof sql === 'string' ? sql : sql.text;
    const values =
      typeof params === 'function'
        ? undefined
        : (params ?? (typeof sql === 'string' ? undefined : sql.values));
    const done = typeof params === 'function' ? params : callback;
    const promise = run(this.db, text, values);
    if (done) {
      promise.then(
        (result) => done(null, result),
        (error: Error) => done(error),
      );
      return undefined;
    }
    return promise;
  }
}

/** A pool of exactly one connection with a FIFO queue of waiters. */
class SerialPool extends EventEmitter {
  private held = false;
  private readonly waiters: Array<() => void> = [];
  private readonly client: SessionClient;

  constructor(
    private readonly db: PGlite,
    private readonly acquireTimeoutMs: number,
  ) {
    super();
    this.client = new SessionClient(db);
  }

  private acquire(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        const index = this.waiters.indexOf(grant);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(
          new Error(
            `The embedded database waited ${this.acquireTimeoutMs} ms for its single connection: ` +
              'a query was probably issued outside the running transaction’s entity manager.',
          ),
        );
      }, this.acquireTimeoutMs);
      this.waiters.push(grant);
    });
  }

  private async release(): Promise<void> {
    // A holder that let go mid-transaction (a crash between BEGIN and COMMIT) must not hand an
    // open transaction to the next one.
    if (!this.db.closed && this.db.isInTransaction()) {
      await this.db.exec('ROLLBACK').catch(() => undefined);
    }
    const next = this.waiters.shift();
    if (next) next();
    else this.held = false;
  }

  connect(callback?: (error: Error | null, client?: SessionClient, release?: Release) => void) {
    const granted = this.acquire().then(() => {
      let released = false;
      const release: Release = () => {
        if (released) return;
        released = true;
        void this.release();
      };
      return { client: this.client, release };
    });
    if (callback) {
      granted.then(
        ({ client, release }) => callback(null, client, release),
        (error: Error) => callback(error),
      );
      return undefined;
    }
    // pg's promise form resolves a client carrying its own release().
    return granted.then(({ client, release }) => Object.assign(client, { release }));
  }

  async query(sql: string, params?: unknown[]) {
    await this.acquire();
    try {
      return await run(this.db, sql, params);
    } finally {
      await this.release();
    }
  }

  end(callback?: (error?: Error | null) => void) {
    const closing = this.db.closed ? Promise.resolve() : this.db.close();
    closing.then(
      () => callback?.(null),
      (error: Error) => callback?.(error),
    );
    return callback ? undefined : closing;
  }
}

/** The object TypeORM takes as `driver` in place of the `pg` module. */
export function createPGliteDriver(
  db: PGlite,
  options: { acquireTimeoutMs?: number } = {},
): { Pool: new () => EventEmitter } {
  const timeout = options.acquireTimeoutMs ?? ACQUIRE_TIMEOUT_MS;
  return {
    Pool: class extends SerialPool {
      constructor() {
        super(db, timeout);
      }
    },
  };
}
