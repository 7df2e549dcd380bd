import { rm, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';

/** A blob as the caller hashed it: `sha256` is 64 lowercase hex digits, `size` in bytes. */
export interface StoredBlob {
  sha256: string;
  size: number;
}

/** An inclusive byte range, as in HTTP `Range: bytes=start-end`. */
export interface ByteRange {
  start: number;
  end: number;
}

export type BlobVerdict = 'ok' | 'missing' | 'corrupt';

export interface ListedBlob {
  sha256: string;
  size: number;
  storedAt: Date;
}

export class BlobNotFoundError extends Error {
  constructor(
    readonly sha256: string,
    options?: ErrorOptions,
  ) {
    super(`Blob ${sha256} is not stored`, options);
    this.name = 'BlobNotFoundError';
  }
}

/** Content-addressed storage of document bytes: local files (embedded) or an S3 bucket (scaled). */
export interface BlobStore {
  readonly kind: 'fs' | 's3';
  /** Where callers write upload temp files: always a local directory (`$DATA_DIR/tmp`). */
  readonly tempDir: string;
  /**
   * Moves a complete local temp file, already hashed by the caller, into the store under its
   * hash. Idempotent: when that blob is already stored, the temp file is removed and `created`
   * is false. Throws when the file's size is not `blob.size`.
   */
  put(tempPath: string, blob: StoredBlob): Promise<{ created: boolean }>;
  has(sha256: string): Promise<boolean>;
  /**
   * The bytes, whole or an inclusive range (an `end` past the last byte is clamped).
   * Throws BlobNotFoundError, or RangeError when the range starts past the last byte.
   */
  open(sha256: string, range?: ByteRange): Promise<Readable>;
  /** Copies the blob to a local path (extraction jobs need a file). Throws BlobNotFoundError. */
  download(sha256: string, toPath: string): Promise<void>;
  /** No error when absent. */
  delete(sha256: string): Promise<void>;
  /** Re-reads and re-hashes the stored bytes. */
  verify(sha256: string): Promise<BlobVerdict>;
  /** Every stored blob, for orphan sweeps and integrity runs; in no particular order. */
  list(): AsyncIterable<ListedBlob>;
}

const SHA256 = /^[0-9a-f]{64}$/;

export function isSha256(value: unknown): value is string {
  return typeof value === 'string' && SHA256.test(value);
}

/** Refuses anything but 64 lowercase hex digits: the hash becomes a path or an object key. */
export function assertSha256(value: unknown): asserts value is string {
  if (!isSha256(value)) {
    throw new TypeError(`Not a sha256 (64 lowercase hex digits): ${JSON.stringify(value)}`);
  }
}

export function assertBlob(blob: StoredBlob): void {
  assertSha256(blob.sha256);
  if (!Number.isSafeInteger(blob.size) || blob.size < 0) {
    throw new TypeError(`Not a blob size: ${String(blob.size)}`);
  }
}

export function assertRange(range: ByteRange): void {
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new RangeError(`Not a byte range: ${String(start)}-${String(end)}`);
  }
}

/** `ab/cd/<sha256>`: two levels of 256 directories keep each one small. */
export function shardedPath(sha256: string): [string, string, string] {
  return [sha256.slice(0, 2), sha256.slice(2, 4), sha256];
}

/**
 * What every store's `put` checks first: the blob is well named and the temp file holds
 * `blob.size` bytes; when the store already has these bytes, the temp file is removed and
 * `true` answered (nothing more to store).
 */
export async function alreadyStored(
  store: Pick<BlobStore, 'has'>,
  tempPath: string,
  blob: StoredBlob,
): Promise<boolean> {
  assertBlob(blob);
  const { size } = await stat(tempPath);
  if (size !== blob.size) {
    throw new Error(`Temp file ${tempPath} holds ${size} bytes, not ${blob.size}`);
  }
  if (!(await store.has(blob.sha256))) return false;
  await rm(tempPath, { force: true });
  return true;
}
