import { createHash } from 'node:crypto';

/** A public answer rendered once and served from memory: bytes, status, type, validator. */
export interface Answer {
  status: number;
  type: string;
  body: Buffer;
  /** Strong: a hash of the bytes. */
  etag: string;
  cacheControl: string;
  /** For the cache's budget. */
  bytes: number;
}

export const PAGE_CACHE_CONTROL = 'public, max-age=60';
export const HTML = 'text/html; charset=utf-8';
export const ATOM = 'application/atom+xml; charset=utf-8';
export const JSON_TYPE = 'application/json; charset=utf-8';

export function answer(
  status: number,
  type: string,
  text: string,
  cacheControl = PAGE_CACHE_CONTROL,
): Answer {
  const body = Buffer.from(text, 'utf8');
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return { status, type, body, etag, cacheControl, bytes: body.length + 200 };
}
