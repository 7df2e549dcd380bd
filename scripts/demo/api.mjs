// The public HTTP API as a script uses it: a token from the built-in issuer's direct access
// grant (client `technopolice-cli`), then bearer calls. Any unexpected answer throws, naming the
// call, so a failed load says where it stopped.

/** An answer other than the one expected. */
export class ApiError extends Error {
  constructor(method, path, status, body) {
    super(`${method} ${path} answered ${status}: ${JSON.stringify(body).slice(0, 500)}`);
    this.status = status;
    this.body = body;
  }
}

/** An access token for `username`, or `null` when the issuer refuses the password. */
export async function passwordGrant(url, username, password) {
  const res = await fetch(`${url}/realms/technopolice/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'technopolice-cli',
      username,
      password,
    }),
  });
  const body = await res.json().catch(() => ({}));
  if (res.status === 400 || res.status === 401) return null;
  if (!res.ok) throw new ApiError('POST', '/realms/technopolice/…/token', res.status, body);
  return body.access_token;
}

/** Calls on behalf of the bearer of `token`; each answers the parsed body. */
export function client(url, token) {
  const call = async (method, path, { body, expect = [200, 201, 204] } = {}) => {
    const headers = { authorization: `Bearer ${token}` };
    let payload;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(`${url}${path}`, { method, headers, body: payload });
    const text = await res.text();
    const parsed =
      text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
    if (!expect.includes(res.status)) throw new ApiError(method, path, res.status, parsed);
    return { status: res.status, body: parsed };
  };
  const json = (method) => async (path, body) => (await call(method, path, { body })).body;
  return {
    call,
    get: json('GET'),
    post: json('POST'),
    put: json('PUT'),
    patch: json('PATCH'),
    /** A multipart upload of one file with its metadata, as `curl -F` sends it. */
    upload: async (path, { bytes, fileName, fields }) => {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) {
        if (value != null) form.set(name, value);
      }
      form.set('file', new Blob([bytes]), fileName);
      return (await call('POST', path, { body: form })).body;
    },
  };
}
