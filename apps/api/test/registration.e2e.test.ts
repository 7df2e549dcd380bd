import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, newPerson, tokenFor } from './support/identity.js';
import { backend, request, startTestApp, type TestApp } from './support/test-app.js';

/** A browser's part of the code flow, with its cookie jar, as keycloak-js drives it. */
function browser(t: TestApp) {
  const jar = new Map<string, string>();
  const go = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(
      path.startsWith('http') ? path.replace('http://localhost:3000', t.url) : `${t.url}${path}`,
      {
        ...init,
        redirect: 'manual',
        headers: {
          ...(init.headers as Record<string, string>),
          cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        },
      },
    );
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = pair!.split('=');
      jar.set(name!, value.join('='));
    }
    return res;
  };
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  /** Starts sign-in or registration; answers the form page's path. */
  const start = async (action: 'login' | 'register') => {
    const query = new URLSearchParams({
      client_id: 'technopolice-web',
      redirect_uri: 'http://localhost:3000/groupes',
      response_type: 'code',
      scope: 'openid',
      state: 'state-1',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const endpoint = action === 'register' ? 'registrations' : 'auth';
    let res = await go(
      `/realms/technopolice/protocol/openid-connect/${endpoint}?${query.toString()}`,
    );
    while (res.status === 303 || res.status === 302) res = await go(res.headers.get('location')!);
    return { page: await res.text(), url: res.url };
  };
  /** Posts a form and follows redirects back to the app; answers the code if there is one. */
  const submit = async (page: string, fields: Record<string, string>) => {
    const action = /<form method="post" action="([^"]+)"/.exec(page)![1]!;
    let res = await go(action, { method: 'POST', body: new URLSearchParams(fields) });
    while (
      (res.status === 303 || res.status === 302) &&
      !res.headers.get('location')!.includes('/groupes')
    ) {
      res = await go(res.headers.get('location')!);
    }
    const location = res.headers.get('location');
    return {
      status: res.status,
      code: location ? new URL(location).searchParams.get('code') : null,
      page: location ? '' : await res.text(),
    };
  };
  const exchange = async (code: string) => {
    const res = await fetch(`${t.url}/realms/technopolice/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: 'technopolice-web',
        code,
        redirect_uri: 'http://localhost:3000/groupes',
        code_verifier: verifier,
      }),
    });
    return (await res.json()) as Record<string, string>;
  };
  return { go, start, submit, exchange };
}

describe(`registration on the built-in issuer on ${backend}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    // A new instance: on PostgreSQL, a database of its own rather than the run's shared one.
    t = await startTestApp({ isolated: true });
  }, 60_000);
  afterAll(() => t?.close());

  it('lets the first person of a new instance register and makes them its admin; then only invitations open it', async () => {
    expect((await request(`${t.url}/api/auth/config`)).body).toMatchObject({
      registration: 'open',
    });
    const first = browser(t);
    const { page } = await first.start('register');
    expect(page).toContain('Créer un compte');
    const done = await first.submit(page, {
      username: 'fondatrice',
      displayName: 'Fondatrice',
      password: 'a-long-password-1',
      passwordConfirm: 'a-long-password-1',
    });
    expect(done.code, done.page).toBeTruthy();
    const tokens = await first.exchange(done.code!);
    // keycloak-js decodes the refresh token as Keycloak's JWTs: ours decodes too, and works.
    const [, payload] = tokens.refresh_token!.split('.');
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString())).toMatchObject({
      typ: 'Refresh',
    });
    const refreshed = await fetch(`${t.url}/realms/technopolice/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: 'technopolice-web',
        refresh_token: tokens.refresh_token!,
      }),
    }).then((res) => res.json() as Promise<Record<string, string>>);
    expect(refreshed.access_token).toBeTruthy();
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    const me = await as(t, tokens.access_token!).get('/api/me');
    expect(me.body).toMatchObject({
      username: 'fondatrice',
      displayName: 'Fondatrice',
      isInstanceAdmin: true,
    });

    // A second visitor without an invitation is told how accounts are made.
    const stranger = browser(t);
    const closed = await stranger.start('register');
    expect(closed.page).toContain('Les inscriptions se font sur invitation');
    expect(closed.page).not.toContain('name="passwordConfirm"');

    // With an invitation link, the form opens; the new account is not an admin.
    const group = await as(t, tokens.access_token!).post<{ id: string }>('/api/groups', {
      name: 'Technopolice Nice',
    });
    const invitation = await as(t, tokens.access_token!).post<{ token: string }>(
      `/api/groups/${group.body.id}/invitations`,
      {},
    );
    const invited = browser(t);
    const registrationUrl = `http://localhost:3000/realms/technopolice/protocol/openid-connect/registrations?client_id=technopolice-web`;
    const remembered = await invited.go(
      `/realms/technopolice/invitations/${invitation.body.token}?next=${encodeURIComponent(registrationUrl)}`,
    );
    expect(remembered.status).toBe(303);
    expect(remembered.headers.get('location')).toBe(registrationUrl);
    const form = await invited.start('register');
    const mismatch = await invited.submit(form.page, {
      username: 'renard',
      displayName: 'Renard',
      password: 'a-long-password-2',
      passwordConfirm: 'another-password',
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.page).toContain('Les deux mots de passe diffèrent.');
    const joined = await invited.submit(mismatch.page, {
      username: 'renard',
      displayName: 'Renard',
      password: 'a-long-password-2',
      passwordConfirm: 'a-long-password-2',
    });
    const invitedTokens = await invited.exchange(joined.code!);
    const invitedMe = await as(t, invitedTokens.access_token!).get('/api/me');
    expect(invitedMe.body).toMatchObject({ username: 'renard', isInstanceAdmin: false });
    expect(
      (
        await as(t, invitedTokens.access_token!).post(
          `/api/invitations/${invitation.body.token}/accept`,
        )
      ).status,
    ).toBe(200);

    // An open redirect through the invitation route is refused.
    const elsewhere = await invited.go(
      `/realms/technopolice/invitations/${invitation.body.token}?next=${encodeURIComponent('https://evil.example/')}`,
    );
    expect(elsewhere.headers.get('location')).toBe('/');
  });

  it('signs in through the login form, with one answer for every wrong credential', async () => {
    const admin = await tokenFor(t, 'fondatrice', 'a-long-password-1');
    const person = await newPerson(t, admin, 'Marin');
    const visitor = browser(t);
    const { page } = await visitor.start('login');
    expect(page).toContain('<h1>Se connecter</h1>');
    const wrong = await visitor.submit(page, {
      username: person.username,
      password: 'wrong-password',
    });
    const unknown = await visitor.submit(page, {
      username: 'nobody-at-all',
      password: 'wrong-password',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.page).toContain('Identifiant ou mot de passe incorrect.');
    expect(unknown.page.replace(/nobody-at-all/g, person.username)).toBe(wrong.page);
    const ok = await visitor.submit(page, { username: person.username, password: person.password });
    expect((await visitor.exchange(ok.code!)).access_token).toBeTruthy();
  });
});
