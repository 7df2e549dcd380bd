import { expect } from 'vitest';
import { request, type TestApp } from './test-app.js';

export const ADMIN = { username: 'admin', password: 'admin-password-42' };
/** Environment that makes the built-in issuer create the instance admin. */
export const ADMIN_ENV = {
  BOOTSTRAP_ADMIN_USERNAME: ADMIN.username,
  BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
};

/** A token from the built-in issuer's direct access grant, as a script would get it. */
export async function passwordGrant(t: TestApp, username: string, password: string) {
  const res = await fetch(`${t.url}/realms/technopolice/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'technopolice-cli',
      username,
      password,
    }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

export async function tokenFor(t: TestApp, username: string, password: string): Promise<string> {
  const res = await passwordGrant(t, username, password);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.access_token!;
}

/** Calls the API as the bearer of `token`. */
export function as(t: TestApp, token: string) {
  const headers = { authorization: `Bearer ${token}` };
  const json = { ...headers, 'content-type': 'application/json' };
  return {
    get: <T = Record<string, unknown>>(path: string) => request<T>(`${t.url}${path}`, { headers }),
    post: <T = Record<string, unknown>>(path: string, body: unknown = {}) =>
      request<T>(`${t.url}${path}`, { method: 'POST', headers: json, body: JSON.stringify(body) }),
    patch: <T = Record<string, unknown>>(path: string, body: unknown) =>
      request<T>(`${t.url}${path}`, { method: 'PATCH', headers: json, body: JSON.stringify(body) }),
    put: <T = Record<string, unknown>>(path: string, body: unknown) =>
      request<T>(`${t.url}${path}`, { method: 'PUT', headers: json, body: JSON.stringify(body) }),
    delete: <T = Record<string, unknown>>(path: string) =>
      request<T>(`${t.url}${path}`, { method: 'DELETE', headers }),
  };
}

export type Client = ReturnType<typeof as>;

let counter = 0;

/** Factory: an account made by the instance admin, signed in. */
export async function newPerson(
  t: TestApp,
  adminToken: string,
  displayName = `Person ${++counter}`,
) {
  const username = `person-${Date.now().toString(36)}-${++counter}`;
  const password = `a-long-password-${counter}`;
  const res = await as(t, adminToken).post('/api/admin/users', { username, password, displayName });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const token = await tokenFor(t, username, password);
  const me = await as(t, token).get<{ id: string }>('/api/me');
  return { username, password, token, id: me.body.id, api: as(t, token) };
}

export type Person = Awaited<ReturnType<typeof newPerson>>;

/** Factory: a group with its admin, and optionally members joined through invitations. */
export async function newGroup(t: TestApp, admin: Person, name = `Technopolice ${++counter}`) {
  const res = await admin.api.post<{ id: string; slug: string }>('/api/groups', { name });
  expect(res.status).toBe(201);
  return res.body;
}

export async function join(
  group: { id: string },
  inviter: Person,
  person: Person,
  role = 'member',
) {
  const invitation = await inviter.api.post<{ token: string }>(
    `/api/groups/${group.id}/invitations`,
    { role },
  );
  expect(invitation.status, JSON.stringify(invitation.body)).toBe(201);
  const accepted = await person.api.post(`/api/invitations/${invitation.body.token}/accept`);
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
}
