// `npm run demo`: loads a demonstration into the embedded database — a group per city named in
// the Technopolice manifesto, with cases, documents, discussions and one published summary — so
// that a newcomer sees the product alive. It builds what is missing as `npm start` does, starts
// the built server for the time of the load, writes everything through the public HTTP API (so
// the demo is exactly what people could have made), stops the server and says how to sign in.
//
// `--no-build` uses the built server as it is (the tests build it before they run).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD, GROUPS } from './demo/content.mjs';
import { AdminRefused, PartlyLoaded, loadDemo } from './demo/load.mjs';
import { DataDirInUse, freePort, startServer } from './demo/server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

if (!process.argv.includes('--no-build')) await build();
const settings = readSettings(process.env);
const started = Date.now();
console.log(`Loading the demo into ${settings.dataDir}…`);
const server = await start(settings);
const outcome = await loadDemo({
  url: server.url,
  publicUrl: settings.publicUrl,
  admin: settings.admin,
}).then(
  (result) => ({ result }),
  (error) => ({ error }),
);
const stopped = await server.stop();
if (outcome.error) fail(outcome.error, settings, server);
if (stopped !== 0) {
  console.error(`The server did not stop cleanly:\n${tail(server.output())}`);
  process.exit(1);
}
report(outcome.result, settings, Math.round((Date.now() - started) / 1000));

/** Installs and builds what is missing, as `npm start` does; only the API is needed here. */
async function build() {
  // Importing the preflight installs the dependencies when they are missing or stale.
  await import('./preflight.mjs');
  const { nx } = await import('./nx.mjs');
  console.log('Building what changed…');
  const status = nx([
    'run-many',
    '-t',
    'build',
    '-p',
    '@technopolice/api',
    '--output-style=static',
  ]);
  if (status !== 0) process.exit(status);
}

/**
 * Where the demo goes and the address people will use, read as the server reads them. The
 * instance admin is the one set in the environment, else `admin` with the demo password.
 */
function readSettings(env) {
  if (env.OIDC_ISSUER) {
    console.error(
      'The demo signs its people in with the built-in issuer: run it without OIDC_ISSUER.',
    );
    process.exit(1);
  }
  const publicUrl = (env.PUBLIC_URL || `http://localhost:${env.PORT || 3000}`).replace(/\/+$/, '');
  const own = Boolean(env.BOOTSTRAP_ADMIN_USERNAME && env.BOOTSTRAP_ADMIN_PASSWORD);
  const admin = own
    ? { username: env.BOOTSTRAP_ADMIN_USERNAME, password: env.BOOTSTRAP_ADMIN_PASSWORD, own }
    : { username: 'admin', password: DEMO_PASSWORD, own };
  // Relative to the repository, as `npm start` (which runs the server from there) reads it.
  const dataDir = resolve(root, env.DATA_DIR || 'data');
  const serverEnv = {
    ...env,
    DATA_DIR: dataDir,
    PUBLIC_URL: publicUrl,
    BOOTSTRAP_ADMIN_USERNAME: admin.username,
    BOOTSTRAP_ADMIN_PASSWORD: admin.password,
    LOG_LEVEL: env.LOG_LEVEL || 'warn',
  };
  return { publicUrl, admin, dataDir, serverEnv, embedded: !env.DATABASE_URL };
}

/** The server on a free loopback port; exits 1, saying why, when it cannot start. */
async function start({ serverEnv, dataDir }) {
  try {
    const running = await startServer(root, serverEnv, await freePort());
    // Ctrl+C during the load: stop the server cleanly, so the data directory is released.
    process.once('SIGINT', () => void running.stop().then(() => process.exit(130)));
    return running;
  } catch (error) {
    if (error instanceof DataDirInUse) {
      console.error(
        `The embedded database in ${dataDir} is in use by another process: stop npm start first ` +
          '(Ctrl+C where it runs), then run npm run demo again.',
      );
    } else {
      console.error(`The server could not start:\n${tail(error.message)}`);
    }
    process.exit(1);
  }
}

/** Says why the load stopped and what to do, then exits 1. */
function fail(error, { admin, dataDir, embedded }, server) {
  const where = embedded ? `remove ${dataDir}` : 'empty the database';
  if (error instanceof AdminRefused) {
    console.error(
      `The instance admin "${admin.username}" exists with another password. Run the demo as an ` +
        'instance admin: BOOTSTRAP_ADMIN_USERNAME=… BOOTSTRAP_ADMIN_PASSWORD=… npm run demo',
    );
  } else if (error instanceof PartlyLoaded) {
    console.error(
      `Cannot load the demo: ${error.message}. Load it into another data directory ` +
        `(DATA_DIR=./demo-data npm run demo), or ${where} to start over (that deletes all it holds).`,
    );
  } else {
    console.error(`Loading the demo failed: ${error.message}`);
    console.error(`What the server said:\n${tail(server.output())}`);
    console.error(`Part of the demo is loaded: ${where} to start over, or use another DATA_DIR.`);
  }
  process.exit(1);
}

/** What was loaded, and how to sign in to it. */
function report(result, { publicUrl, admin }, seconds) {
  if (result.loaded) {
    const c = result.counts;
    console.log(
      `\nDemo loaded in ${seconds} s: ${c.groups} groupes, ${c.cases} dossiers, ${c.documents} documents, ` +
        `${c.posts} messages, ${c.published} synthèse publiée.`,
    );
  } else {
    console.log('\nThe demo is already loaded: nothing was added.');
  }
  // `npm start` must see the same database and address as the demo did.
  const same = ['DATA_DIR', 'DATABASE_URL', 'PORT', 'PUBLIC_URL'].filter((key) => process.env[key]);
  const start = same.length ? `\`npm start\` (with the same ${same.join(', ')})` : '`npm start`';
  console.log(`\nStart Technopolice with ${start}, open ${publicUrl} and sign in as one of:`);
  const width = Math.max(...GROUPS.map((group) => group.name.length));
  for (const group of GROUPS) {
    const names = [
      `${group.admin} (admin)`,
      ...group.members.map(([name, role]) => (role === 'member' ? name : `${name} (${role})`)),
    ];
    console.log(`  ${group.name.padEnd(width)}  ${names.join(', ')}`);
  }
  console.log(`Password of every demo account: ${DEMO_PASSWORD}`);
  console.log(
    admin.own
      ? `Instance admin: ${admin.username} (BOOTSTRAP_ADMIN_USERNAME).`
      : `Instance admin: ${admin.username}, same password.`,
  );
  if (result.publicPage) console.log(`Published summary, no sign-in needed: ${result.publicPage}`);
  console.log(
    '\nThese demo credentials are public: never load the demo into an instance others can reach.',
  );
}

/** The end of a long output, where the reason usually is. */
function tail(text, lines = 25) {
  return text.trim().split('\n').slice(-lines).join('\n');
}
