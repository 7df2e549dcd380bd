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

/** A rich-text body of one paragraph per string, as the API takes it. */
export const richText = (...paragraphs: string[]) => ({
  type: 'doc',
  content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
});

/**
 * A small valid PDF written by hand: one page per entry, Helvetica in WinAnsi (so that French
 * accents are real characters of the text layer).
 */
export function makePdf(pages: string[][]): Buffer {
  const escape = (text: string) => text.replace(/[\\()]/g, (char) => `\\${char}`);
  const objects: string[] = [];
  const pageIds = pages.map((_, index) => 4 + index * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  pages.forEach((lines, index) => {
    const id = pageIds[index] as number;
    const content = `BT /F1 13 Tf 18 TL 64 780 Td\n${lines.map((line) => `(${escape(line)}) '`).join('\n')}\nET`;
    objects[id] =
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] ' +
      `/Resources << /Font << /F1 3 0 R >> >> /Contents ${id + 1} 0 R >>`;
    objects[id + 1] =
      `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;
  });
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id += 1) {
    offsets[id] = Buffer.byteLength(body, 'latin1');
    body += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id += 1)
    body += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** An access token from the direct access grant, as a script gets one. */
export async function accessToken(server: Server, username: string, password: string) {
  const res = await fetch(`${server.url}/realms/technopolice/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'technopolice-cli',
      username,
      password,
    }),
  });
  if (!res.ok) throw new Error(`token for ${username}: ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** Attaches a file to a case as a script would: a multipart upload. Answers the document's id. */
export async function uploadDocument(
  server: Server,
  who: { username: string; password: string },
  caseId: string,
  file: { title: string; kind: string; fileName: string; bytes: Buffer; type: string },
) {
  const token = await accessToken(server, who.username, who.password);
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.fileName);
  form.set('title', file.title);
  form.set('kind', file.kind);
  const answer = await fetch(`${server.url}/api/cases/${caseId}/documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const json = (await answer.json()) as { id: string };
  if (!answer.ok) throw new Error(`upload: ${answer.status} ${JSON.stringify(json)}`);
  return json.id;
}

/** The people of a {@link seedWorkspace}: the instance admin, a group admin and a member. */
export const PEOPLE = {
  admin: { username: 'admin', password: 'admin-password-42' },
  alice: { username: 'alice', password: 'alice-password-42', displayName: 'Alice' },
  bob: { username: 'bob', password: 'bob-password-4242', displayName: 'Bob' },
} as const;

/** Environment of a server whose instance admin is {@link PEOPLE}.admin. */
export const SEED_ENV = {
  BOOTSTRAP_ADMIN_USERNAME: PEOPLE.admin.username,
  BOOTSTRAP_ADMIN_PASSWORD: PEOPLE.admin.password,
};

/** What {@link seedWorkspace} made, to visit. */
export interface Workspace {
  groupId: string;
  groupSlug: string;
  caseId: string;
  caseTitle: string;
  documentId: string;
  threadId: string;
  forumThreadId: string;
  /** Path of the published case's public page (`/p/<group>/<case>`). */
  publicPath: string;
  /** Path of a public document's bytes. */
  publicDocumentPath: string;
  /** Path of a retracted case's public page (410). */
  retractedPath: string;
}

/**
 * A lived-in workspace made through the API, as people would: Alice's group with Bob in it, a
 * case with a PDF, a task, a timeline entry, a thread and a forum thread with answers, a summary
 * Bob wrote and Alice approved and published with the PDF, and a second case published then
 * retracted. Every page of the app then has something to show.
 */
export async function seedWorkspace(server: Server): Promise<Workspace> {
  const { admin: adminAccount, alice: aliceAccount, bob: bobAccount } = PEOPLE;
  const admin = await api(server, adminAccount.username, adminAccount.password);
  for (const person of [aliceAccount, bobAccount]) await admin('POST', '/api/admin/users', person);
  const alice = await api(server, aliceAccount.username, aliceAccount.password);
  const bob = await api(server, bobAccount.username, bobAccount.password);

  const group = await alice<{ id: string; slug: string }>('POST', '/api/groups', {
    name: 'Technopolice Provence',
    description: 'Le collectif marseillais de la campagne.',
  });
  const invitation = await alice<{ token: string }>('POST', `/api/groups/${group.id}/invitations`, {
    role: 'member',
  });
  await bob('POST', `/api/invitations/${invitation.token}/accept`);

  const caseTitle = 'Marseille — vidéosurveillance algorithmique';
  const created = await alice<{ id: string }>('POST', `/api/groups/${group.id}/cases`, {
    title: caseTitle,
    cityCode: '13055',
    technologies: ['algorithmic-video-surveillance', 'drones'],
    description: 'Caméras « intelligentes » sur le Vieux-Port et la Canebière.',
    stage: 'drafting',
  });
  const caseId = created.id;
  const documentId = await uploadDocument(server, aliceAccount, caseId, {
    title: 'Délibération du conseil municipal du 12 mars',
    kind: 'deliberation',
    fileName: 'deliberation.pdf',
    type: 'application/pdf',
    bytes: makePdf([['Deliberation 23/118', 'Videoprotection intelligente : 50 cameras']]),
  });
  await alice('POST', `/api/cases/${caseId}/tasks`, { title: 'Demander le marché à la CADA' });
  await alice('POST', `/api/cases/${caseId}/timeline`, {
    date: '2024-03-12',
    title: 'Vote de la délibération',
    documentId,
  });
  const thread = await bob<{ id: string }>('POST', `/api/cases/${caseId}/threads`, {
    title: 'Compte rendu du conseil municipal du 12 mars',
    body: richText('La délibération sur les caméras est passée, 38 voix pour.'),
  });
  await alice('POST', `/api/threads/${thread.id}/posts`, {
    body: richText('Merci ! Je la joins au dossier.'),
  });
  const forumThread = await alice<{ id: string }>('POST', `/api/groups/${group.id}/forum/threads`, {
    title: 'Modèle de saisine de la CNIL',
    body: richText('Voici le modèle que nous avons utilisé à Nice, à adapter.'),
  });
  await bob('POST', `/api/threads/${forumThread.id}/posts`, {
    body: richText('Merci, je l’adapte pour Marseille.'),
  });

  // Bob writes, Alice (a coordinator, not the last editor) approves and publishes.
  const publish = async (id: string, documentIds: string[]) => {
    await bob('PUT', `/api/cases/${id}/summary`, {
      body: richText('La ville a voté 1,2 million d’euros pour 50 caméras « intelligentes ».'),
      version: 0,
    });
    await bob('POST', `/api/cases/${id}/review`, { note: 'Vérifiez le montant.' });
    await alice('POST', `/api/cases/${id}/approvals`);
    return alice<{ url: string }>('POST', `/api/cases/${id}/publication`, { documentIds });
  };
  const published = await publish(caseId, [documentId]);
  const publicPath = new URL(published.url).pathname;

  const other = await alice<{ id: string }>('POST', `/api/groups/${group.id}/cases`, {
    title: 'Nice — reconnaissance faciale au carnaval',
    cityCode: '06088',
    technologies: ['facial-recognition'],
  });
  const retracted = await publish(other.id, []);
  await alice('DELETE', `/api/cases/${other.id}/publication`, {
    reason: 'Des informations sur des personnes devaient être retirées.',
  });

  return {
    groupId: group.id,
    groupSlug: group.slug,
    caseId,
    caseTitle,
    documentId,
    threadId: thread.id,
    forumThreadId: forumThread.id,
    publicPath,
    publicDocumentPath: `${publicPath}/documents/${documentId}`,
    retractedPath: new URL(retracted.url).pathname,
  };
}
