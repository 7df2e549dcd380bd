// Our API as the benchmarks run it: built if needed, started alone in the embedded mode
// (PGlite and files under a temp DATA_DIR, no web app), with an admin, a group and a case.
// `env` may point it at PostgreSQL and Redis instead, and `setup: false` starts a further
// replica of an API already set up (discussions.bench.mjs runs two).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/**
 * Builds the shared package and the API when their dist is missing, and puts the communes data
 * beside the compiled gazetteer (the API's `build` script copies it; a bare `tsc` does not).
 */
export function ensureApiBuilt(root, log) {
  const main = join(root, 'apps/api/dist/main.js');
  if (!existsSync(main) || !existsSync(join(root, 'packages/shared/dist/index.js'))) {
    log('building packages/shared and apps/api (dist missing)…');
    for (const [cwd, project] of [
      ['packages/shared', 'tsconfig.lib.json'],
      ['apps/api', 'tsconfig.build.json'],
    ]) {
      const built = spawnSync('npx', ['tsc', '-p', project], {
        cwd: join(root, cwd),
        stdio: 'inherit',
      });
      if (built.status !== 0) throw new Error(`tsc -p ${project} in ${cwd} failed`);
    }
  }
  const communes = 'geo/communes.generated.json';
  if (!existsSync(join(root, 'apps/api/dist', communes))) {
    mkdirSync(join(root, 'apps/api/dist/geo'), { recursive: true });
    copyFileSync(join(root, 'apps/api/src', communes), join(root, 'apps/api/dist', communes));
  }
  return main;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function json(url, options = {}) {
  const res = await fetch(url, options);
  const text = await res.text();
  if (!res.ok) throw new Error(`${options.method ?? 'GET'} ${url}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** An access token from the built-in issuer's password grant, as a script gets one. */
export async function signIn(baseUrl, username, password) {
  const form = new URLSearchParams({
    grant_type: 'password',
    client_id: 'technopolice-cli',
    username,
    password,
  });
  const { access_token: token } = await json(
    `${baseUrl}/realms/technopolice/protocol/openid-connect/token`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    },
  );
  return token;
}

/**
 * Starts `node apps/api/dist/main.js` with `env` on top of the embedded-mode defaults and
 * waits for /api/health (`main`, `nodeArgs`: another build, `--cpu-prof`, for investigations).
 * Returns the child, its base URL and helpers for an authenticated user; with `setup` (the
 * default) also a group and a case made by the admin, whose credentials are `admin`.
 */
export async function startApi(context, { dataDir, env = {}, main, nodeArgs = [], setup = true }) {
  main ??= ensureApiBuilt(context.root, context.log);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const publicUrl = env.PUBLIC_URL ?? `http://localhost:${port}`;
  const admin = { username: 'bench-admin', password: 'bench-password-1234' };
  const child = context.spawn(process.execPath, [...nodeArgs, main], {
    cwd: context.root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: publicUrl,
      DATA_DIR: dataDir,
      // API only, whether or not the web app is built: the benchmark needs no pages.
      WEB_DIST_DIR: join(dataDir, 'no-web-app'),
      BOOTSTRAP_ADMIN_USERNAME: admin.username,
      BOOTSTRAP_ADMIN_PASSWORD: admin.password,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk) => (output = (output + chunk).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) throw new Error(`the API did not answer in 120 s:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  const token = await signIn(baseUrl, admin.username, admin.password);
  const authed = (method, path, body) =>
    json(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
  const group = setup ? await authed('POST', '/api/groups', { name: 'Benchmark group' }) : null;
  const kase = group
    ? await authed('POST', `/api/groups/${group.id}/cases`, {
        title: 'Benchmark uploads',
        cityCode: '13055',
        technologies: ['algorithmic-video-surveillance'],
      })
    : null;
  return {
    child,
    pid: child.pid,
    baseUrl,
    publicUrl,
    admin,
    token,
    groupId: group?.id,
    caseId: kase?.id,
    authed,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
