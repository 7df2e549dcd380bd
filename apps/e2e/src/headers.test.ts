import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessToken,
  PEOPLE,
  SEED_ENV,
  seedWorkspace,
  type Server,
  startServer,
  type Workspace,
} from './support.js';

/**
 * Sources a Content-Security-Policy may name: our own origin, nothing, and the data and blob
 * URLs the app makes itself (images, PDF.js's worker and media). No other origin, ever.
 */
const ALLOWED_SOURCES = new Set(["'self'", "'none'", 'data:', 'blob:']);

/**
 * Keywords allowed beyond those, each for one reason (anything else fails):
 * - `'wasm-unsafe-eval'` in `script-src`: PDF.js decodes JBIG2 and JPEG 2000 scans in
 *   WebAssembly; it allows compiling WebAssembly, not evaluating JavaScript;
 * - `'unsafe-inline'` in `style-src` of the OpenAPI docs only: Swagger UI styles itself with
 *   inline style attributes (apps/api/src/http/security-headers.ts, `docsStylePolicy`).
 *   Scripts stay `'self'` there too.
 */
function allowedKeyword(directive: string, source: string, path: string): boolean {
  if (directive === 'script-src' && source === "'wasm-unsafe-eval'") return true;
  return directive === 'style-src' && source === "'unsafe-inline'" && path.startsWith('/api/docs');
}

/** A CSP's directives by name, each with its sources. */
function directives(csp: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), sources);
  }
  return out;
}

/** What is wrong with the security headers of an answer, in words; empty when nothing is. */
function problemsOf(path: string, res: Response): string[] {
  const problems: string[] = [];
  const header = (name: string) => res.headers.get(name);
  const csp = header('content-security-policy');
  if (!csp) problems.push('no Content-Security-Policy');
  else {
    // Two policies would both apply (fetch joins repeated headers with a comma).
    if (csp.includes(',')) problems.push(`more than one Content-Security-Policy: ${csp}`);
    const policy = directives(csp);
    const scripts = policy.get('script-src') ?? policy.get('default-src');
    if (!scripts) problems.push('neither script-src nor default-src');
    else if (scripts.includes("'unsafe-inline'") || scripts.includes("'unsafe-eval'"))
      problems.push(`script-src allows inline or eval: ${scripts.join(' ')}`);
    if (!policy.has('default-src')) problems.push('no default-src');
    if (!policy.has('object-src') && policy.get('default-src')?.join(' ') !== "'none'")
      problems.push('plugins allowed: no object-src and default-src is not none');
    for (const [name, sources] of policy) {
      for (const source of sources) {
        if (!ALLOWED_SOURCES.has(source) && !allowedKeyword(name, source, path))
          problems.push(`${name} allows ${source}`);
      }
    }
    if (!policy.has('frame-ancestors') && !header('x-frame-options'))
      problems.push('may be framed: neither frame-ancestors nor X-Frame-Options');
  }
  if (header('x-content-type-options') !== 'nosniff')
    problems.push(`X-Content-Type-Options: ${header('x-content-type-options')}`);
  if (header('referrer-policy') !== 'no-referrer')
    problems.push(`Referrer-Policy: ${header('referrer-policy')}`);
  const permissions = header('permissions-policy') ?? '';
  for (const feature of ['camera=()', 'microphone=()', 'geolocation=()'])
    if (!permissions.includes(feature)) problems.push(`Permissions-Policy lacks ${feature}`);
  if (header('x-powered-by')) problems.push(`X-Powered-By: ${header('x-powered-by')}`);
  const server = header('server');
  if (server && /\d/.test(server)) problems.push(`Server tells its version: ${server}`);
  return problems.map((problem) => `${path} (${res.status}): ${problem}`);
}

/** Reads an answer to the end (so the connection is free) and keeps its headers. */
async function get(server: Server, path: string, init: RequestInit = {}) {
  const res = await fetch(`${server.url}${path}`, { redirect: 'manual', ...init });
  await res.arrayBuffer();
  return res;
}

describe('the header check itself', () => {
  it('refuses a lax answer, naming every fault', () => {
    const lax = new Response('', {
      headers: {
        'content-security-policy':
          "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.example.org; style-src 'self' 'unsafe-inline'",
        'x-powered-by': 'Express',
        server: 'nginx/1.25.3',
      },
    });
    expect(problemsOf('/', lax).map((problem) => problem.replace('/ (200): ', ''))).toEqual([
      "script-src allows inline or eval: 'self' 'unsafe-inline' https://cdn.example.org",
      'plugins allowed: no object-src and default-src is not none',
      "script-src allows 'unsafe-inline'",
      'script-src allows https://cdn.example.org',
      "style-src allows 'unsafe-inline'",
      'may be framed: neither frame-ancestors nor X-Frame-Options',
      'X-Content-Type-Options: null',
      'Referrer-Policy: null',
      'Permissions-Policy lacks camera=()',
      'Permissions-Policy lacks microphone=()',
      'Permissions-Policy lacks geolocation=()',
      'X-Powered-By: Express',
      'Server tells its version: nginx/1.25.3',
    ]);
  });
});

describe('security headers on every kind of answer', () => {
  let server: Server;
  let ws: Workspace;
  let token: string;

  beforeAll(async () => {
    server = await startServer(SEED_ENV);
    ws = await seedWorkspace(server);
    token = await accessToken(server, PEOPLE.alice.username, PEOPLE.alice.password);
  });

  afterAll(async () => {
    await server?.stop();
  });

  /** Fetches `path`, checks its status and type, and answers what its headers lack. */
  async function check(
    path: string,
    status: number,
    type: RegExp | null,
    init: RequestInit = {},
  ): Promise<string[]> {
    const res = await get(server, path, init);
    expect(res.status, path).toBe(status);
    if (type) expect(res.headers.get('content-type'), path).toMatch(type);
    return problemsOf(path, res);
  }

  it('the web app: its pages, a hashed script and stylesheet, its static files', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    const stylesheet = /href="(\/assets\/[^"]+\.css)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect(stylesheet).toBeDefined();
    const problems = [
      ...(await check('/', 200, /^text\/html/)),
      ...(await check('/dossiers', 200, /^text\/html/)),
      ...(await check(`/dossiers/${ws.caseId}?onglet=synthese`, 200, /^text\/html/)),
      ...(await check(script!, 200, /javascript/)),
      ...(await check(stylesheet!, 200, /^text\/css/)),
      ...(await check('/favicon.svg', 200, /^image\/svg\+xml/)),
      ...(await check('/silent-check-sso.html', 200, /^text\/html/)),
    ];
    // The app's own policy: no inline script on any page of the app.
    const app = await get(server, '/dossiers');
    expect(directives(app.headers.get('content-security-policy')!).get('script-src')).toEqual([
      "'self'",
      "'wasm-unsafe-eval'",
    ]);
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('the API: JSON, errors, and the OpenAPI docs', async () => {
    const auth = { headers: { authorization: `Bearer ${token}` } };
    const problems = [
      ...(await check('/api/health', 200, /^application\/json/)),
      ...(await check('/api/me', 200, /^application\/json/, auth)),
      ...(await check(`/api/cases/${ws.caseId}`, 200, /^application\/json/, auth)),
      // Errors: no token, a case that is not there, a route that is not there, a bad body.
      ...(await check('/api/me', 401, /^application\/json/)),
      ...(await check('/api/cases/00000000-0000-4000-8000-000000000000', 404, /json/, auth)),
      ...(await check('/api/nothing-here', 404, /^application\/json/)),
      ...(await check('/api/groups', 400, /^application\/json/, {
        method: 'POST',
        headers: { ...auth.headers, 'content-type': 'application/json' },
        body: '{"name":',
      })),
      ...(await check('/api/docs', 200, /^text\/html/)),
      ...(await check('/api/docs-json', 200, /^application\/json/)),
    ];
    // Swagger UI's page loads its scripts from files of ours, none inline.
    const docs = await (await fetch(`${server.url}/api/docs`)).text();
    expect(docs).not.toMatch(/<script>(?!\s*<\/script>)/);
    for (const src of docs.matchAll(/<script[^>]*src="([^"]+)"/g)) {
      const path = new URL(src[1]!, `${server.url}/api/docs`).pathname;
      expect(path).toMatch(/^\/api\/docs\/[\w.-]+\.js$/);
      problems.push(...(await check(path, 200, /javascript/)));
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('the built-in issuer: discovery, keys, its sign-in page and stylesheet', async () => {
    const realm = '/realms/technopolice';
    const problems = [
      ...(await check(`${realm}/.well-known/openid-configuration`, 200, /^application\/json/)),
      ...(await check(`${realm}/protocol/openid-connect/certs`, 200, /json/)),
      ...(await check(`${realm}/resources/login.css`, 200, /^text\/css/)),
      ...(await check(`${realm}/protocol/openid-connect/3p-cookies/step1.html`, 200, /html/)),
    ];
    // The sign-in page, as the web app reaches it: the authorization request redirects there
    // with the interaction's cookie.
    const authorize = new URLSearchParams({
      client_id: 'technopolice-web',
      redirect_uri: `${server.url}/`,
      response_type: 'code',
      scope: 'openid',
      state: 'state-of-the-test',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
    const start = await get(server, `${realm}/protocol/openid-connect/auth?${authorize}`);
    problems.push(...problemsOf(`${realm}/protocol/openid-connect/auth`, start));
    const location = start.headers.get('location');
    expect(location, `authorization answered ${start.status}`).toMatch(/\/login-actions\//);
    const cookie = start.headers
      .getSetCookie()
      .map((entry) => entry.split(';')[0])
      .join('; ');
    const loginPath = new URL(location!, server.url).pathname;
    const loginPage = await get(server, loginPath, { headers: { cookie } });
    expect(loginPage.status).toBe(200);
    expect(loginPage.headers.get('content-type')).toMatch(/^text\/html/);
    problems.push(...problemsOf(loginPath, loginPage));
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('the public pages, feed, open data and published files', async () => {
    const page = await (await fetch(`${server.url}${ws.publicPath}`)).text();
    const stylesheet = /<link rel="stylesheet" href="([^"]+)"/.exec(page)?.[1];
    expect(stylesheet).toMatch(/^\/p\/assets\//);
    const problems = [
      ...(await check('/p', 200, /^text\/html/)),
      ...(await check(ws.publicPath, 200, /^text\/html/)),
      ...(await check(`${ws.publicPath}?lang=en`, 200, /^text\/html/)),
      ...(await check(`${ws.publicPath}/revisions/1`, 200, /^text\/html/)),
      ...(await check('/p/technopolice-provence/pas-de-dossier-ici', 404, /^text\/html/)),
      ...(await check(ws.retractedPath, 410, /^text\/html/)),
      ...(await check(stylesheet!, 200, /^text\/css/)),
      ...(await check('/feed.atom', 200, /^application\/atom\+xml/)),
      ...(await check('/api/public/cases', 200, /^application\/json/)),
      ...(await check('/api/public/cases?technology=nothing', 400, /^application\/json/)),
      ...(await check(ws.publicDocumentPath, 200, /^application\/pdf/)),
    ];
    // The public pages' own policy: nothing runs, nothing frames them.
    const policy = directives(
      (await get(server, ws.publicPath)).headers.get('content-security-policy')!,
    );
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.has('script-src')).toBe(false);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    for (const path of [ws.publicPath, ws.publicDocumentPath, '/feed.atom', '/api/public/cases'])
      expect((await get(server, path)).headers.get('x-frame-options'), path).toBe('DENY');
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
