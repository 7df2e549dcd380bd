import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const screenshots = join(root, 'test-results', 'e2e', 'screenshots');

/** Debian's Chromium; never a browser downloaded by a test tool. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Server {
  url: string;
  stop(): Promise<void>;
}

/** A port nobody listens on now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Starts the built app as `npm start` does, on a free port with a fresh data directory. The
 * port is chosen first so that PUBLIC_URL (the issuer's URL, the redirect origin) is right.
 */
export async function startServer(env: NodeJS.ProcessEnv = {}): Promise<Server> {
  const main = join(root, 'apps', 'api', 'dist', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: build first (nx run-many -t build)`);
  const dataDir = await mkdtemp(join(tmpdir(), 'technopolice-e2e-'));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [main], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      PUBLIC_URL: `http://localhost:${port}`,
      DATA_DIR: dataDir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearInterval(timer);
        // The server prints its public URL (localhost); the browser uses the same origin.
        resolve(match[1]);
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`the server exited:\n${output}`));
      }
    }, 100);
  });
  return {
    url,
    async stop() {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  await mkdir(screenshots, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** What a page did that a person would not want: a request elsewhere, an error, a CSP violation. */
export interface PageWatch {
  foreignRequests: string[];
  errors: string[];
}

/** Opens a page that records every request leaving our origin and every console error. */
export async function watchedPage(
  context: BrowserContext,
  origin: string,
): Promise<{ page: Page; watch: PageWatch }> {
  const page = await context.newPage();
  const watch: PageWatch = { foreignRequests: [], errors: [] };
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'))
      watch.foreignRequests.push(url);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') watch.errors.push(message.text());
  });
  page.on('pageerror', (error) => watch.errors.push(error.message));
  return { page, watch };
}

/** Saves a screenshot under test-results/e2e/screenshots, to look at. */
export const shot = (page: Page, name: string, fullPage = false) =>
  page.screenshot({ path: join(screenshots, `${name}.png`), fullPage });

/** Nothing left the origin and nothing went wrong in the console. */
export function expectClean(watch: PageWatch) {
  expect(watch.foreignRequests).toEqual([]);
  expect(watch.errors).toEqual([]);
}

/** The API as a script uses it: a token from the direct access grant, then JSON. */
export async function api(server: Server, username: string, password: string) {
  const res = await fetch(`${server.url}/realms/technopolice/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'technopolice-cli',
      username,
      password,
    }),
  });
  const { access_token: token } = (await res.json()) as { access_token: string };
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const answer = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await answer.json()) as T;
    if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(json)}`);
    return json;
  };
}

/** Signs in through the built-in issuer's page (code flow with PKCE), as a person does. */
export async function signIn(
  page: Page,
  server: Server,
  who: { username: string; password: string },
) {
  await page.goto(`${server.url}/dossiers`);
  await page.getByRole('heading', { level: 1, name: 'Connexion nécessaire' }).waitFor();
  await page.getByRole('main').getByRole('button', { name: 'Se connecter' }).click();
  await page.locator('input[name="username"]').waitFor();
  await page.locator('input[name="username"]').fill(who.username);
  await page.locator('input[name="password"]').fill(who.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('button', { name: /, menu du compte$/ }).waitFor();
}
