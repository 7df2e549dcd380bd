import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DataSource, type MigrationInterface, type EntitySchema } from 'typeorm';
import { type AppConfig } from '../config/config.js';
import { migrations as allMigrations } from './migrations/index.js';
import { createPGliteDriver, openPGlite } from './pglite-driver.js';

type MigrationClass = new () => MigrationInterface;
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type EntityTarget = Function | EntitySchema;

export interface DataSourceParts {
  entities?: EntityTarget[];
  migrations?: MigrationClass[];
}

/** Thrown when the database cannot be opened or migrated; its message is for people. */
export class DatabaseStartError extends Error {}

/** Arbitrary constant shared by every replica: the advisory lock that serialises migrations. */
const MIGRATION_LOCK_KEY = 7_340_214_901;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite's files are for one process. A second process opening them would corrupt the
 * database, so each holds a lock file naming its pid; a stale one (dead pid) is taken over.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dirname(dataDir), { recursive: true });
  const lockPath = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new DatabaseStartError(
          `The embedded database in ${dataDir} is in use by another process (pid ${pid}). ` +
            'Stop it, or set DATA_DIR to another folder.',
        );
      }
      await rm(lockPath, { force: true });
    }
  }
  throw new DatabaseStartError(`Could not lock the embedded database in ${dataDir}.`);
}

/** Builds and opens the data source the configuration chooses, without migrating. */
export async function openDataSource(
  database: AppConfig['database'],
  parts: DataSourceParts = {},
): Promise<DataSource> {
  const common = {
    type: 'postgres' as const,
    entities: parts.entities ?? [],
    migrations: parts.migrations ?? allMigrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    installExtensions: false,
    applicationName: 'technopolice',
  };
  if (database.kind === 'postgres') {
    const dataSource = new DataSource({ ...common, url: database.url, poolSize: 10 });
    try {
      return await dataSource.initialize();
    } catch (error) {
      throw new DatabaseStartError(`Cannot connect to PostgreSQL: ${(error as Error).message}`);
    }
  }
  const unlock = await lockDataDir(database.dataDir);
  try {
    await mkdir(database.dataDir, { recursive: true });
    const db = await openPGlite(database.dataDir);
    const dataSource = new DataSource({ ...common, driver: createPGliteDriver(db) });
    await dataSource.initialize();
    const destroy = dataSource.destroy.bind(dataSource);
    dataSource.destroy = async () => {
      try {
        await destroy();
      } finally {
        await unlock();
      }
    };
    return dataSource;
  } catch (error) {
    await unlock();
    if (error instanceof DatabaseStartError) throw error;
    throw new DatabaseStartError(
      `Cannot open the embedded database in ${database.dataDir}: ${(error as Error).message}`,
    );
  }
}

/**
 * Runs pending migrations in one transaction: a failure rolls all of them back and leaves the
 * database as it was. Replicas starting together take turns through an advisory lock.
 */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const lock = dataSource.createQueryRunner();
  const embedded = 'driver' in dataSource.options && dataSource.options.driver !== undefined;
  try {
    // The embedded pool has one connection: holding it for the lock would block the migration.
    if (!embedded) await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'all' });
    return applied.map((migration) => migration.name);
  } catch (error) {
    throw new DatabaseStartError(
      `A database migration failed and none was applied; the database is as it was. ${(error as Error).message}`,
    );
  } finally {
    if (!embedded)
      await lock
        .query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
        .catch(() => undefined);
    await lock.release();
  }
}
