import { useQuery } from '@tanstack/react-query';
import {
  apiErrorSchema,
  healthSchema,
  taxonomySchema,
  type Health,
  type Taxonomy,
} from '@technopolice/shared';

/** Codes the client itself produces when the answer never was a proper API answer. */
export const CLIENT_ERROR_CODES = ['network_error', 'invalid_response', 'http_error'] as const;

/** What every failed API call throws: the server's `{statusCode, code, message}`. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status, or 0 when the server could not be reached at all. */
  readonly statusCode: number;
  /** Machine-readable code: one of the shared `ERROR_CODES` or a `CLIENT_ERROR_CODES`. */
  readonly code: string;

  constructor(body: { statusCode: number; code: string; message: string }, options?: ErrorOptions) {
    super(body.message, options);
    this.statusCode = body.statusCode;
    this.code = body.code;
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
    const { code, message } = parsed.data;
    return new ApiError({ statusCode: parsed.data.statusCode, code, message });
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
 * GETs a same-origin JSON resource and validates it with a shared schema. Throws an
 * {@link ApiError} for network failures, error answers and answers of the wrong shape.
 */
export async function getJson<T>(
  path: string,
  schema: Schema<T>,
  init?: { signal?: AbortSignal },
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'GET',
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
      signal: init?.signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new ApiError(
      { statusCode: 0, code: 'network_error', message: `GET ${path}: ${reason}` },
      { cause },
    );
  }

  const body = await readJson(response);
  if (!response.ok) throw errorFromResponse(response.status, response.statusText, body);

  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(
      {
        statusCode: response.status,
        code: 'invalid_response',
        message: `GET ${path}: ${body === undefined ? 'the answer is not JSON' : 'the answer does not match the expected schema'}`,
      },
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

/** Query keys, exported so tests and later mutations address the same cache entries. */
export const queryKeys = {
  health: ['health'] as const,
  taxonomy: ['taxonomy'] as const,
};

/** `GET /api/health`, polled so the status line notices the server going away. */
export function useHealth() {
  return useQuery<Health, ApiError>({
    queryKey: queryKeys.health,
    queryFn: ({ signal }) => getJson('/api/health', healthSchema, { signal }),
    refetchInterval: 30_000,
    retry: false,
  });
}

/** `GET /api/taxonomy`: part of the public contract, it does not change while the page lives. */
export function useTaxonomy() {
  return useQuery<Taxonomy, ApiError>({
    queryKey: queryKeys.taxonomy,
    queryFn: ({ signal }) => getJson('/api/taxonomy', taxonomySchema, { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
