// The public pages under load: 1,000 published cases (12 groups, 1–3 revisions each, ~3 KB
// summaries, 2–5 documents), the built API on a fresh PostgreSQL database, and, side by side in
// the same run with the same keep-alive load generator (lib/http-load.mjs, its own process):
// a static file of the same server (a web asset through express.static, the baseline), the
// stylesheet of the public pages (from memory), a case page (the 1,000 in turn), /p, /p
// filtered, /feed.atom and /api/public/cases. Target: case pages and /p at ≥ 50 % of the
// static file's requests per second. Client and server share the machine's cores.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ensureApiBuilt, startApi } from './lib/api-server.mjs';
import { cpuSeconds, startIpcChild } from './lib/ipc-child.mjs';
import { seedPublications } from './lib/public-data.mjs';
import { createScratchDatabase } from './lib/scratch-database.mjs';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CASES = Number(process.env.BENCH_PUBLIC_CASES ?? 1000);
const CONNECTIONS = Number(process.env.BENCH_PUBLIC_CONNECTIONS ?? 32);
const SECONDS = Number(process.env.BENCH_PUBLIC_SECONDS ?? 5);
const TARGET = 0.5;
const TECHNOLOGIES = [
  'algorithmic-video-surveillance',
  'facial-recognition',
  'sound-sensors',
  'drones',
  'data-interconnection',
];

/** The benchmark measures this tree: shared and API rebuilt (BENCH_SKIP_BUILD=1 skips it). */
function build(root, log) {
  if (process.env.BENCH_SKIP_BUILD === '1') return ensureApiBuilt(root, log);
  log('building packages/shared and apps/api…');
  for (const [cwd, args] of [
    ['packages/shared', ['tsc', '-p', 'tsconfig.lib.json']],
    ['apps/api', ['tsc', '-p', 'tsconfig.build.json']],
  ]) {
    const built = spawnSync('npx', args, { cwd: join(root, cwd), stdio: 'inherit' });
    if (built.status !== 0) throw new Error(`${args.join(' ')} in ${cwd} failed`);
  }
  return ensureApiBuilt(root, log);
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const kb = (bytes) => `${(bytes / 1024).toFixed(bytes < 10_240 ? 1 : 0)} KB`;
const ms = (value) => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

export async function run(context) {
  const { log, root } = context;
  const notes = [`load average at the start: ${load()}`];
  const main = build(root, log);
  const database = await createScratchDatabase(context, ADMIN_URL, 'public');
  // A web app of one page and one asset: express.static serves it as it serves the real one.
  const webDir = context.tempDir('public-web');
  mkdirSync(join(webDir, 'assets'), { recursive: true });
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>web</title>');
  const dataDir = context.tempDir('public');
  const api = await startApi(context, {
    dataDir,
    env: { DATABASE_URL: database.url, WEB_DIST_DIR: webDir },
    main,
    setup: false,
  });
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const generator = startIpcChild(context, join(root, 'bench/lib/http-load.mjs'));
  try {
    let started = Date.now();
    const seeded = await seedPublications(
      async (sql, params) => (await client.query(sql, params)).rows,
      {
        root,
        cases: CASES,
        groups: 12,
      },
    );
    await client.query('VACUUM ANALYZE');
    const [{ revisions, documents }] = (
      await client.query(
        `SELECT (SELECT count(*) FROM publication_revisions)::int AS revisions,
           (SELECT count(*) FROM publication_documents)::int AS documents`,
      )
    ).rows;
    log(
      `seeded ${CASES} cases (${revisions} revisions, ${documents} documents) in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );

    const home = await fetch(`${api.baseUrl}/p`);
    if (home.status !== 200)
      throw new Error(`/p answered ${home.status}: ${(await home.text()).slice(0, 300)}`);
    const homeHtml = await home.text();
    const cssPath = /href="(\/p\/assets\/public\.[0-9a-f]+\.css)"/.exec(homeHtml)?.[1];
    if (!cssPath) throw new Error('no stylesheet on /p');
    // The static baseline: the same bytes as the public stylesheet, as a web asset on disk.
    const css = Buffer.from(await (await fetch(`${api.baseUrl}${cssPath}`)).arrayBuffer());
    writeFileSync(join(webDir, 'assets', 'app.css'), css);
    if (!existsSync(join(webDir, 'assets', 'app.css'))) throw new Error('no web asset');

    // Cold: every case page rendered once (cache misses, one at a time), what a first reader waits.
    started = Date.now();
    const cold = [];
    let pageBytes = 0;
    for (const path of seeded.paths) {
      const t0 = performance.now();
      const res = await fetch(`${api.baseUrl}${path}`);
      const text = await res.text();
      cold.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      pageBytes += Buffer.byteLength(text);
    }
    log(
      `first render of ${seeded.paths.length} case pages: p50 ${ms(percentile(cold, 50))}, p95 ${ms(percentile(cold, 95))}`,
    );

    const scenarios = [
      {
        key: 'static',
        label: 'static file: web asset (express.static)',
        paths: ['/assets/app.css'],
      },
      { key: 'css', label: 'public stylesheet /p/assets (memory)', paths: [cssPath] },
      {
        key: 'case',
        label: `case page (${seeded.paths.length} in turn)`,
        paths: seeded.paths,
        target: true,
      },
      { key: 'list', label: '/p (map of every case, 30 cards)', paths: ['/p'], target: true },
      {
        key: 'filtered',
        label: '/p?technology=… (5 filters in turn)',
        paths: TECHNOLOGIES.map((t) => `/p?technology=${t}`),
        target: true,
      },
      { key: 'feed', label: '/feed.atom (50 entries)', paths: ['/feed.atom'] },
      { key: 'json', label: '/api/public/cases (100 cases)', paths: ['/api/public/cases'] },
      { key: 'static2', label: 'static file again (drift check)', paths: ['/assets/app.css'] },
    ];
    const { hostname, port } = new URL(api.baseUrl);
    const results = {};
    for (const scenario of scenarios) {
      // Warm: each path once, so that the run measures the steady state.
      for (const path of scenario.paths.slice(0, 50))
        await (await fetch(`${api.baseUrl}${path}`)).arrayBuffer();
      const serverCpu = cpuSeconds(api.pid);
      const clientCpu = cpuSeconds(generator.pid);
      const result = await generator.call({
        cmd: 'run',
        host: hostname,
        port: Number(port),
        paths: scenario.paths,
        connections: CONNECTIONS,
        seconds: SECONDS,
        warmupSeconds: 1,
      });
      result.serverCpu = cpuSeconds(api.pid) - serverCpu;
      result.clientCpu = cpuSeconds(generator.pid) - clientCpu;
      const bad = Object.entries(result.statuses).filter(([status]) => status !== '200');
      if (bad.length)
        throw new Error(`${scenario.label}: answers ${JSON.stringify(result.statuses)}`);
      results[scenario.key] = result;
      log(
        `${scenario.label}: ${Math.round(result.rps)} req/s, p50 ${ms(result.p50)}, p99 ${ms(result.p99)}, ${kb(result.bytesPerRequest)}; CPU server ${result.serverCpu.toFixed(1)} s, client ${result.clientCpu.toFixed(1)} s (load ${load()})`,
      );
    }

    const baseline = (results.static.rps + results.static2.rps) / 2;
    const rows = scenarios
      .filter((s) => s.key !== 'static' && s.key !== 'static2')
      .map((scenario) => {
        const r = results[scenario.key];
        const ratio = r.rps / baseline;
        // Server CPU per request, from /proc: what the answer costs whatever the client does.
        const cpuPerRequest = (r.serverCpu / (r.rps * (SECONDS + 1))) * 1e6;
        return {
          benchmark: 'public pages req/s',
          size: scenario.label,
          ours: `${Math.round(r.rps)} (p50 ${ms(r.p50)}, p99 ${ms(r.p99)}, ${kb(r.bytesPerRequest)}, ~${Math.round(cpuPerRequest)} µs server CPU)`,
          baseline: `static ${Math.round(baseline)} (${Math.round(results.static.rps)} / ${Math.round(results.static2.rps)})`,
          ratio: `${ratio.toFixed(2)}×`,
          target: scenario.target ? `≥ ${TARGET.toFixed(2)}×` : '',
          pass: scenario.target ? ratio >= TARGET : null,
        };
      });
    rows.push({
      benchmark: 'public pages first render',
      size: `case page, cache miss (${seeded.paths.length}, one at a time)`,
      ours: `p50 ${ms(percentile(cold, 50))}, p95 ${ms(percentile(cold, 95))}`,
      baseline: '',
      ratio: '',
      target: '',
      pass: null,
    });
    notes.push(
      `data: ${CASES.toLocaleString('en')} published cases in 12 groups, ${revisions} revisions, ${documents} public documents; case pages ${kb(pageBytes / seeded.paths.length)} on average, /p ${kb(Buffer.byteLength(homeHtml))}`,
      `load: ${CONNECTIONS} keep-alive connections, one request at a time each, ${SECONDS} s measured after 1 s of warm-up per row, from lib/http-load.mjs in its own process; client and server share the machine's cores (the server is one Node process)`,
      `baseline: the same bytes as the public stylesheet (${kb(css.length)}) served from disk by the web app's express.static on the same server, measured first and last`,
      'API: apps/api/dist/main.js, PostgreSQL, LOG_LEVEL=warn',
      `load average at the end: ${load()}`,
    );
    return { rows, notes };
  } finally {
    await generator.stop();
    await client.end();
    await api.stop();
    if (process.env.BENCH_KEEP_DATABASE === '1') log(`kept the database: ${database.url}`);
    else await database.drop();
  }
}
