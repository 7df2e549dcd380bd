// The built server, started for the time of the load: on the loopback interface and a free
// port of its own, but with the PUBLIC_URL people will use later. The built-in issuer writes that
// URL into the tokens and checks it, whatever port a request arrives on, so the tokens the demo
// gets here are as `npm start` will check them, and the links the server makes (public pages,
// invitations) are the real ones.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Thrown when another process (`npm start`) holds the embedded database. */
export class DataDirInUse extends Error {}

/** Thrown when the server exits before answering. */
export class ServerFailed extends Error {}

/** A loopback port nobody listens on now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts `apps/api/dist/main.js` with `env` on `port` and waits until it answers. Its output is
 * kept, not shown: it is printed only if something goes wrong.
 */
export async function startServer(root, env, port) {
  const child = spawn(process.execPath, [join(root, 'apps', 'api', 'dist', 'main.js')], {
    cwd: root,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  // 'close', not 'exit': the output is then complete, with the reason it stopped.
  const exited = new Promise((resolve) => child.on('close', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const ready = await answers(url, () => child.exitCode === null);
  if (!ready) {
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
    if (/is in use by another process/.test(output)) throw new DataDirInUse(output.trim());
    throw new ServerFailed(output.trim() || 'the server exited without a word');
  }
  return {
    url,
    output: () => output,
    /** SIGTERM, as Ctrl+C on `npm start`: the server saves what is pending and releases the data. */
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timeout = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const code = await exited;
      clearTimeout(timeout);
      return code;
    },
  };
}

/** Polls the health route until it answers 200 (true), the server dies or two minutes pass. */
async function answers(url, alive) {
  const deadline = Date.now() + 120_000;
  while (alive() && Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return false;
}
