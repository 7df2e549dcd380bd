import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, postJson, request, startTestApp, type TestApp } from './support/test-app.js';

const CSP = "default-src 'self';script-src 'self' 'wasm-unsafe-eval';style-src 'self'";

describe(`foundation on ${backend}`, () => {
  let t: TestApp;
  let webDist: string;

  beforeAll(async () => {
    // A built web app as Vite lays it out: index.html and hashed assets.
    webDist = await mkdtemp(join(tmpdir(), 'technopolice-web-'));
    await mkdir(join(webDist, 'assets'));
    await writeFile(
      join(webDist, 'index.html'),
      '<!doctype html><html lang="fr"><title>Technopolice</title><div id="root"></div><script type="module" src="/assets/index-abc123.js"></script></html>',
    );
    await writeFile(join(webDist, 'assets', 'index-abc123.js'), 'console.log("app")');
    t = await startTestApp({ webDistDir: webDist });
  });

  afterAll(async () => {
    await t?.close();
    await rm(webDist, { recursive: true, force: true });
  });

  it('reports its health and the database it runs on', async () => {
    const res = await request(`${t.url}/api/health`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: backend });
  });

  it('lists the taxonomy of the contract with French and English labels', async () => {
    const res = await request<Record<string, { id: string; label: { fr: string; en: string } }[]>>(
      `${t.url}/api/taxonomy`,
    );
    expect(res.status).toBe(200);
    const ids = (key: string) => res.body[key]?.map((entry) => entry.id);
    expect(ids('technologies')).toEqual([
      'algorithmic-video-surveillance',
      'facial-recognition',
      'biometrics',
      'sound-sensors',
      'drones',
      'predictive-policing',
      'data-interconnection',
      'social-media-monitoring',
      'emotion-recognition',
      'thermal-cameras',
      'other',
    ]);
    expect(ids('projectStatuses')).toEqual([
      'announced',
      'experiment',
      'deployed',
      'suspended',
      'abandoned',
      'contested',
    ]);
    expect(ids('documentKinds')).toEqual([
      'foi-answer',
      'deliberation',
      'contract',
      'tender',
      'vendor-material',
      'press',
      'photo',
      'correspondence',
      'other',
    ]);
    expect(ids('caseStages')).toEqual(['open', 'investigating', 'drafting', 'review', 'published']);
    expect(res.body.technologies?.[1]?.label).toEqual({
      fr: 'Reconnaissance faciale',
      en: 'Facial recognition',
    });
  });

  it('answers an unknown API route with a 404 JSON error', async () => {
    const res = await request(`${t.url}/api/does-not-exist?token=secret`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      statusCode: 404,
      code: 'route_not_found',
      message: 'No route GET /api/does-not-exist.',
    });
  });

  it('answers malformed JSON with a 400 JSON error', async () => {
    const res = await request(`${t.url}/api/health`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"title": ',
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      statusCode: 400,
      code: 'invalid_json',
      message: 'The request body is not valid JSON.',
    });
  });

  it('answers a body over the limit with 413', async () => {
    const res = await postJson(`${t.url}/api/health`, { text: 'x'.repeat(1024 * 1024 + 1) });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, code: 'payload_too_large' });
  });

  it('sends security headers with a strict CSP on API answers and pages', async () => {
    for (const path of ['/api/health', '/', '/dossiers/marseille', '/api/nope']) {
      const res = await request(`${t.url}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain(CSP);
      expect(csp, path).toContain("object-src 'none'");
      expect(csp, path).toContain("frame-ancestors 'self'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('x-powered-by'), path).toBeNull();
    }
  });

  it('serves the web app on the same port, with the client router taking every page path', async () => {
    const page = await request(`${t.url}/dossiers/marseille-vsa`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('<div id="root"></div>');
    expect(page.headers.get('cache-control')).toBe('no-cache');

    const asset = await request(`${t.url}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');

    const missingAsset = await request(`${t.url}/assets/missing.js`);
    expect(missingAsset.status).toBe(404);
  });

  it('describes every route in OpenAPI at /api/docs-json and serves the docs at /api/docs', async () => {
    const json = await request<{ openapi: string; paths: Record<string, unknown> }>(
      `${t.url}/api/docs-json`,
    );
    expect(json.status).toBe(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/taxonomy']),
    );
    const ui = await request(`${t.url}/api/docs`);
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
    expect(ui.text).not.toMatch(/<script>(?!\s*<\/script>)/);
  });
});
