import { IssuerService } from '../src/identity/issuer.service.js';
import { importJWK, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  ADMIN_ENV,
  as,
  newPerson,
  passwordGrant,
  type Person,
  tokenFor,
} from './support/identity.js';
import { backend, request, startTestApp, type TestApp } from './support/test-app.js';

describe(`sign-in and tokens on ${backend}`, () => {
  let t: TestApp;
  let adminToken: string;

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV });
    adminToken = await tokenFor(t, ADMIN.username, ADMIN.password);
  });
  afterAll(() => t?.close());

  it('serves a discovery document with Keycloak’s layout', async () => {
    const res = await request<Record<string, unknown>>(
      `${t.url}/realms/technopolice/.well-known/openid-configuration`,
    );
    expect(res.status).toBe(200);
    const issuer = 'http://localhost:3000/realms/technopolice';
    expect(res.body).toMatchObject({
      issuer,
      authorization_endpoint: `${issuer}/protocol/openid-connect/auth`,
      token_endpoint: `${issuer}/protocol/openid-connect/token`,
      jwks_uri: `${issuer}/protocol/openid-connect/certs`,
      userinfo_endpoint: `${issuer}/protocol/openid-connect/userinfo`,
      end_session_endpoint: `${issuer}/protocol/openid-connect/logout`,
      code_challenge_methods_supported: ['S256'],
    });
  });

  it('tells the web app where to sign in', async () => {
    const res = await request(`${t.url}/api/auth/config`);
    expect(res.body).toEqual({
      url: 'http://localhost:3000',
      realm: 'technopolice',
      clientId: 'technopolice-web',
      registration: 'invitation',
    });
  });

  it('issues RS256 JWTs for technopolice-api through the direct access grant', async () => {
    const [header, payload] = adminToken
      .split('.')
      .slice(0, 2)
      .map(
        (part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>,
      );
    expect(header?.alg).toBe('RS256');
    expect(typeof header?.kid).toBe('string');
    expect(payload).toMatchObject({
      aud: 'technopolice-api',
      iss: 'http://localhost:3000/realms/technopolice',
      preferred_username: 'admin',
    });
    const me = await as(t, adminToken).get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      username: 'admin',
      displayName: 'admin',
      language: 'fr',
      isInstanceAdmin: true,
      groups: [],
    });
  });

  it('answers a wrong password exactly as an unknown user, and slows down repeated failures', async () => {
    const person = await newPerson(t, adminToken);
    const wrong = await passwordGrant(t, person.username, 'not-the-password');
    const unknown = await passwordGrant(t, 'nobody-by-that-name', 'not-the-password');
    expect(wrong.status).toBe(400);
    expect(unknown).toEqual(wrong);
    for (let i = 0; i < 2; i++) await passwordGrant(t, person.username, 'still-wrong');
    const started = Date.now();
    const fourth = await passwordGrant(t, person.username, 'still-wrong');
    expect(fourth.body.error).toBe('invalid_grant');
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    // The right password still works (the account is not resting yet) and resets the count.
    expect((await passwordGrant(t, person.username, person.password)).status).toBe(200);
    const audit = await as(t, adminToken).get<{
      items: { type: string; data: Record<string, unknown> }[];
    }>('/api/admin/audit');
    const failures = audit.body.items.filter((event) => event.type === 'sign-in.failed');
    expect(failures.length).toBeGreaterThanOrEqual(5);
    // An address, not the four f's a random id may hold.
    expect(JSON.stringify(audit.body)).not.toMatch(/127\.0\.0\.1|::1\b|::ffff:/);
  });

  it('refuses missing, forged, expired, wrong-issuer and wrong-audience tokens with 401', async () => {
    const [key] = await t.dataSource.query<{ private_jwk: JWK }[]>(
      'SELECT private_jwk FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1',
    );
    const realKey = await importJWK(key!.private_jwk, 'RS256');
    const { generateKeyPair } = await import('jose');
    const { privateKey: otherKey } = await generateKeyPair('RS256');
    const now = Math.floor(Date.now() / 1000);
    const sign = (
      claims: Record<string, unknown>,
      signingKey = realKey,
      kid = key!.private_jwk.kid,
    ) =>
      new SignJWT({ sub: 'someone', preferred_username: 'someone', ...claims })
        .setProtectedHeader({ alg: 'RS256', kid })
        .sign(signingKey);
    const good = {
      iss: 'http://localhost:3000/realms/technopolice',
      aud: 'technopolice-api',
      iat: now,
      exp: now + 300,
    };

    // Signed like a real token, the same claims pass: the cases below fail for one reason each.
    expect((await as(t, await sign(good)).get('/api/me')).status).toBe(200);
    const cases: [string, string | null][] = [
      ['missing', null],
      ['not a JWT', 'not-a-token'],
      ['forged (other key)', await sign(good, otherKey)],
      ['expired', await sign({ ...good, iat: now - 900, exp: now - 600 })],
      ['wrong issuer', await sign({ ...good, iss: 'https://evil.example/realms/technopolice' })],
      ['wrong audience', await sign({ ...good, aud: 'another-api' })],
      [
        'unsigned (alg none)',
        `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ ...good, sub: 'x' })).toString('base64url')}.`,
      ],
    ];
    for (const [name, token] of cases) {
      const res = await request(
        `${t.url}/api/me`,
        token ? { headers: { authorization: `Bearer ${token}` } } : {},
      );
      expect(res.status, name).toBe(401);
      expect(res.body, name).toMatchObject({ statusCode: 401, code: 'unauthorized' });
    }
  });

  it('rotates signing keys: new tokens use the new key, earlier ones still verify', async () => {
    const before = await tokenFor(t, ADMIN.username, ADMIN.password);
    const rotated = await as(t, adminToken).post<{ kid: string }>('/api/admin/signing-keys/rotate');
    expect(rotated.status).toBe(201);
    const after = await tokenFor(t, ADMIN.username, ADMIN.password);
    const kidOf = (token: string) =>
      (JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { kid: string })
        .kid;
    expect(kidOf(after)).toBe(rotated.body.kid);
    expect(kidOf(before)).not.toBe(rotated.body.kid);
    expect((await as(t, before).get('/api/me')).status).toBe(200);
    expect((await as(t, after).get('/api/me')).status).toBe(200);
  });

  it('forgets sessions and tokens once they expire', async () => {
    await t.dataSource.query(
      `INSERT INTO oidc_payloads (kind, id, payload, expires_at) VALUES
         ('Session', 'gone-${backend}', '{}', now() - interval '1 minute'),
         ('Session', 'kept-${backend}', '{}', now() + interval '1 hour')`,
    );
    await t.app.get(IssuerService).forgetExpired();
    const left = await t.dataSource.query<{ id: string }[]>(
      `SELECT id FROM oidc_payloads WHERE id IN ('gone-${backend}', 'kept-${backend}')`,
    );
    expect(left).toEqual([{ id: `kept-${backend}` }]);
  });

  it('lets instance admins alone create accounts, with the password policy', async () => {
    const person: Person = await newPerson(t, adminToken, 'Camille');
    const denied = await person.api.post('/api/admin/users', {
      username: 'someone-else',
      password: 'a-long-password',
    });
    expect(denied.status).toBe(403);
    const taken = await as(t, adminToken).post('/api/admin/users', {
      username: person.username.toUpperCase(),
      password: 'a-long-password',
    });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 'username_taken' });
    const weak = await as(t, adminToken).post('/api/admin/users', {
      username: 'weakling',
      password: 'short',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.message).toMatch(/^password: must be at least 10 characters/);
    const same = await as(t, adminToken).post('/api/admin/users', {
      username: 'samesame12',
      password: 'samesame12',
    });
    expect(same.status).toBe(400);
    expect((await passwordGrant(t, 'weakling', 'short')).status).toBe(400);
  });

  it('lets people change their pseudonym and language, and nothing else', async () => {
    const person = await newPerson(t, adminToken);
    const res = await person.api.patch('/api/me', { displayName: '  Renard  ', language: 'en' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      displayName: 'Renard',
      language: 'en',
      username: person.username,
    });
    const bad = await person.api.patch('/api/me', { username: 'hijack', displayName: '' });
    expect(bad.status).toBe(400);
    expect((await person.api.get('/api/me')).body).toMatchObject({
      displayName: 'Renard',
      username: person.username,
    });
  });
});
