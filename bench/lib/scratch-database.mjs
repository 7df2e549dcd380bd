// A fresh PostgreSQL database for one benchmark run, dropped at the end: by `drop()` when the
// run finishes, and otherwise (error, Ctrl-C) by a synchronous cleanup step that runs the same
// DROP in a short-lived node process (cleanup steps cannot await).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

async function admin(adminUrl, sql) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates `technopolice_bench_<prefix>_<time>_<random>` on the server of `adminUrl`. */
export async function createScratchDatabase(context, adminUrl, prefix) {
  const name = `technopolice_bench_${prefix}_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const dropSql = `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`;
  await admin(adminUrl, `CREATE DATABASE ${name}`);
  let dropped = false;
  context.onCleanup(() => {
    // BENCH_KEEP_DATABASE=1: kept for investigation (EXPLAIN ANALYZE), dropped by hand.
    if (dropped || process.env.BENCH_KEEP_DATABASE === '1') return;
    const script = `import pg from 'pg'; const c = new pg.Client({ connectionString: process.argv[1] });
      await c.connect(); await c.query(process.argv[2]); await c.end();`;
    spawnSync(process.execPath, ['--input-type=module', '-e', script, adminUrl, dropSql], {
      cwd: context.root,
      stdio: 'inherit',
      timeout: 30_000,
    });
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      await admin(adminUrl, dropSql);
      dropped = true;
    },
  };
}
