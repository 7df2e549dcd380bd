import { useQuery } from '@tanstack/react-query';
import {
  apiErrorSchema,
  healthSchema,
  taxonomySchema,
  type FieldIssue,
  type Health,
  type Taxonomy,
} from '@technopolice/shared';

/** Codes the client itself produces when the answer never was a proper API answer. */
export const CLIENT_ERROR_CODES = ['network_error', 'invalid_response', 'http_error'] as const;

/** What every failed API call throws: the server's `{statusCode, code, message, details?}`. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status, or 0 when the server could not be reached at all. */
  readonly statusCode: number;
  /** Machine-readable code: one of the shared `ERROR_CODES` or a `CLIENT_ERROR_CODES`. */
  readonly code: string;
  /** Problems with fields of the input, `path` as dotted keys, when the server named them. */
  readonly details: FieldIssue[];

  constructor(
    body: { statusCode: number; code: string; message: string; details?: FieldIssue[] },
    options?: ErrorOptions,
  ) {
    super(body.message, options);
    this.statusCode = body.statusCode;
    this.code = body.code;
    this.details = body.details ?? [];
  }

  /** The server could not be reached (offline, server down, proxy without upstream). */
  get isNetworkError(): boolean {
    return this.statusCode === 0 || this.statusCode === 502 || this.statusCode === 504;
  }
}

/** Anything with a zod-like `safeParse`: the shared schemas, without importing zod here. */
export interface Schema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: unknown };
}

/** Builds the error for a non-2xx answer, from its JSON body when it is an API error body. */
export function errorFromResponse(statusCode: number, statusText: string, body: unknown): ApiError {
  const parsed = apiErrorSchema.safeParse(body);
  if (parsed.success) {
    const { code, message, details } = parsed.data;
    return new ApiError({ statusCode: parsed.data.statusCode, code, message, details });
  }
  const message = `HTTP ${statusCode}${statusText ? ` ${statusText}` : ''}`;
  return new ApiError({ statusCode, code: 'http_error', message });
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * How requests get their bearer token. The {@link AuthProvider} registers itself here; without
 * it (signed out, tests of public pages) requests go out without `Authorization`.
 */
export interface TokenSource {
  /** A valid access token (refreshed when it is about to expire), or undefined when signed out. */
  token: () => Promise<string | undefined>;
  /** Forces a refresh after a 401; false when the session is gone. */
  refresh: () => Promise<boolean>;
  /** The server does not accept our session any more. */
  signedOut: () => void;
}

let tokenSource: TokenSource | null = null;

/** Registers (or, with null, removes) where bearer tokens come from. */
export function setTokenSource(source: TokenSource | null): void {
  tokenSource = source;
}

/** The current access token, for the socket handshake; undefined when signed out. */
export async function currentToken(): Promise<string | undefined> {
  return tokenSource ? await tokenSource.token() : undefined;
}

/**
 * After a 401 outside `fetch` (an upload sent with XMLHttpRequest or tus): refreshes once and
 * answers the new token, or ends the session and answers undefined.
 */
export async function refreshedToken(): Promise<string | undefined> {
  if (!tokenSource) return undefined;
  const refreshed = await tokenSource.refresh();
  const next = refreshed ? await tokenSource.token() : undefined;
  if (!next) tokenSource.signedOut();
  return next;
}

interface RequestOptions<T> {
  method: string;
  path: string;
  body?: unknown;
  /** Null when the answer has no body (204). */
  schema: Schema<T> | null;
  signal?: AbortSignal;
  /** Send the bearer token when signed in (default). Public routes work either way. */
  authenticated?: boolean;
}

/** What a request carries: JSON (the default) or a file's text with its own type. */
type Payload = { json: unknown } | { raw: BodyInit; contentType: string } | null;

async function send(
  method: string,
  path: string,
  payload: Payload,
  token: string | undefined,
  signal: AbortSignal | undefined,
  accept = 'application/json',
): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept };
  let body: BodyInit | null = null;
  if (payload && 'json' in payload) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(payload.json);
  } else if (payload) {
    headers['Content-Type'] = payload.contentType;
    body = payload.raw;
  }
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(path, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new ApiError(
      { statusCode: 0, code: 'network_error', message: `${method} ${path}: ${reason}` },
      { cause },
    );
  }
}

/**
 * Sends with the bearer token; after a 401, refreshes once and retries, else the session is
 * over. Error answers throw an {@link ApiError}.
 */
async function authorized(
  method: string,
  path: string,
  payload: Payload,
  options: { signal?: AbortSignal; authenticated?: boolean; accept?: string } = {},
): Promise<Response> {
  const source = options.authenticated === false ? null : tokenSource;
  const token = source ? await source.token() : undefined;
  let response = await send(method, path, payload, token, options.signal, options.accept);

  // An expired or revoked access token: refresh once and retry, else the session is over.
  if (response.status === 401 && source && token) {
    const refreshed = await source.refresh();
    const next = refreshed ? await source.token() : undefined;
    if (next) response = await send(method, path, payload, next, options.signal, options.accept);
    if (!next || response.status === 401) source.signedOut();
  }
  if (!response.ok) {
    throw errorFromResponse(response.status, response.statusText, await readJson(response));
  }
  return response;
}

/**
 * A request whose answer is not JSON to validate (a download) or whose body is not JSON (a
 * CSV file): the same token, refresh and errors as {@link getJson}, the raw answer back.
 */
export function sendRaw(
  method: 'GET' | 'POST',
  path: string,
  options: { body?: { raw: BodyInit; contentType: string }; accept: string },
): Promise<Response> {
  return authorized(method, path, options.body ?? null, { accept: options.accept });
}

async function request<T>({
  method,
  path,
  body,
  schema,
  signal,
  authenticated = true,
}: RequestOptions<T>): Promise<T> {
  const response = await authorized(method, path, body === undefined ? null : { json: body }, {
    signal,
    authenticated,
  });
  const json = await readJson(response);
  if (schema === null) return undefined as T;

  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError(
      {
        statusCode: response.status,
        code: 'invalid_response',
        message: `${method} ${path}: ${json === undefined ? 'the answer is not JSON' : 'the answer does not match the expected schema'}`,
      },
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

/**
 * GETs a same-origin JSON resource and validates it with a shared schema. Throws an
 * {@link ApiError} for network failures, error answers and answers of the wrong shape. Sends the
 * bearer token when someone is signed in; public routes work signed out too.
 */
export function getJson<T>(
  path: string,
  schema: Schema<T>,
  init?: { signal?: AbortSignal; authenticated?: boolean },
): Promise<T> {
  return request({ method: 'GET', path, schema, ...init });
}

/**
 * Sends a JSON body (POST, PATCH, PUT, DELETE) and validates the answer; `schema` null for
 * answers without a body (204).
 */
export function sendJson<T>(
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body: unknown,
  schema: Schema<T> | null,
): Promise<T> {
  return request({ method, path, body, schema });
}

/** `{items, nextCursor?}`, the shape every list route answers, checked item by item. */
export function itemsOf<T>(item: Schema<T>): Schema<{ items: T[]; nextCursor: string | null }> {
  return {
    safeParse(data) {
      if (data === null || typeof data !== 'object' || !('items' in data)) {
        return { success: false, error: new Error('not a list') };
      }
      const { items, nextCursor } = data as { items: unknown; nextCursor?: unknown };
      if (!Array.isArray(items)) return { success: false, error: new Error('items not an array') };
      const out: T[] = [];
      for (const entry of items) {
        const parsed = item.safeParse(entry);
        if (!parsed.success) return parsed;
        out.push(parsed.data);
      }
      return {
        success: true,
        data: { items: out, nextCursor: typeof nextCursor === 'string' ? nextCursor : null },
      };
    },
  };
}

/** Query keys, exported so tests and mutations address the same cache entries. */
export const queryKeys = {
  health: ['health'] as const,
  taxonomy: ['taxonomy'] as const,
};

/** `GET /api/health`, polled so the status line notices the server going away. */
export function useHealth() {
  return useQuery<Health, ApiError>({
    queryKey: queryKeys.health,
    queryFn: ({ signal }) => getJson('/api/health', healthSchema, { signal, authenticated: false }),
    refetchInterval: 30_000,
    retry: false,
  });
}

/** `GET /api/taxonomy`: part of the public contract, it does not change while the page lives. */
export function useTaxonomy() {
  return useQuery<Taxonomy, ApiError>({
    queryKey: queryKeys.taxonomy,
    queryFn: ({ signal }) =>
      getJson('/api/taxonomy', taxonomySchema, { signal, authenticated: false }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
