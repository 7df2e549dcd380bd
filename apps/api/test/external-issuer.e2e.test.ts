import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, ADMIN_ENV, as, tokenFor } from './support/identity.js';
import { backend, freePort, request, startTestApp, type TestApp } from './support/test-app.js';

/**
 * Keycloak mode: with OIDC_ISSUER set, the API trusts that issuer alone and its own is off.
 * The external issuer here is another instance of ours (its Keycloak-compatible issuer),
 * reached through OIDC_INTERNAL_URL as a Keycloak container would be.
 */
describe(`an external issuer, and the socket handshake, on ${backend}`, () => {
  let issuerApp: TestApp;
  let api: TestApp;
  let issuer: string;

  beforeAll(async () => {
    const port = await freePort();
    issuerApp = await startTestApp({
      port,
      env: { ...ADMIN_ENV, PUBLIC_URL: `http://localhost:${port}` },
    });
    issuer = `http://localhost:${port}/realms/technopolice`;
    api = await startTestApp({
      env: {
        OIDC_ISSUER: issuer,
        OIDC_INTERNAL_URL: `http://127.0.0.1:${port}/realms/technopolice`,
      },
    });
  });
  afterAll(async () => {
    await api?.close();
    await issuerApp?.close();
  });

  it('trusts the external issuer’s tokens and has no issuer of its own', async () => {
    const token = await tokenFor(issuerApp, ADMIN.username, ADMIN.password);
    const me = await as(api, token).get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: 'admin', isInstanceAdmin: true });
    expect(
      (await request(`${api.url}/realms/technopolice/.well-known/openid-configuration`)).status,
    ).toBe(404);
    expect((await request(`${api.url}/api/auth/config`)).body).toEqual({
      url: issuer.replace('/realms/technopolice', ''),
      realm: 'technopolice',
      clientId: 'technopolice-web',
      registration: 'none',
    });
    // Accounts live in Keycloak then: the built-in admin route does not exist.
    expect(
      (
        await as(api, token).post('/api/admin/users', {
          username: 'someone',
          password: 'a-long-password',
        })
      ).status,
    ).toBe(404);
  });

  it('refuses the tokens of its former built-in issuer', async () => {
    const local = await startTestApp({ env: ADMIN_ENV });
    try {
      const foreign = await tokenFor(local, ADMIN.username, ADMIN.password);
      expect((await as(api, foreign).get('/api/me')).status).toBe(401);
    } finally {
      await local.close();
    }
  });

  const connect = (url: string, auth: Record<string, unknown>) =>
    new Promise<{ socket: Socket; error: (Error & { data?: { code: string } }) | null }>(
      (resolve) => {
        const socket = io(url, {
          auth,
          transports: ['websocket'],
          reconnection: false,
          timeout: 5000,
        });
        socket.on('connect', () => resolve({ socket, error: null }));
        socket.on('connect_error', (error) => resolve({ socket, error }));
      },
    );

  it('checks the socket.io handshake with the same token verification', async () => {
    const token = await tokenFor(issuerApp, ADMIN.username, ADMIN.password);
    const accepted = await connect(api.url, { token });
    expect(accepted.error).toBeNull();
    expect(accepted.socket.connected).toBe(true);
    accepted.socket.close();

    for (const auth of [
      {},
      { token: 'forged.token.value' },
      { token: `${token.slice(0, -4)}AAAA` },
    ]) {
      const refused = await connect(api.url, auth);
      expect(refused.socket.connected).toBe(false);
      expect(refused.error?.data).toEqual({ code: 'unauthorized' });
      refused.socket.close();
    }
  });
});
