import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../common/app-error.js';

/** A complete upload on local disk, with the hash and size of its bytes. */
export interface LocalFile {
  path: string;
  sha256: string;
  size: number;
}

/** The 413 of an upload past `MAX_UPLOAD_BYTES`. */
export const tooLarge = (limit: number) =>
  new AppError(
    'payload_too_large',
    `The file is larger than this server accepts (${limit} bytes).`,
    [{ path: 'file', message: `must be at most ${limit} bytes` }],
  );

// Writes in 1 MiB pieces: with the 16 KiB default each multipart piece became its own write,
// and a large upload ran at two thirds of a bare server (bench/uploads.bench.mjs).
const CHUNK_BYTES = 1024 * 1024;

/** A fresh temp path in the upload temp directory. */
export const tempPath = (tempDir: string, suffix = 'part') =>
  join(tempDir, `${randomUUID()}.${suffix}`);

/**
 * Streams bytes to a new temp file while hashing and counting them, in one pass and with
 * bounded memory. Past `limit` bytes it stops with 413; on any failure the temp file is gone.
 */
export async function receive(
  source: Readable,
  tempDir: string,
  limit: number,
): Promise<LocalFile> {
  const path = tempPath(tempDir);
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    highWaterMark: CHUNK_BYTES,
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > limit) {
        callback(tooLarge(limit));
        return;
      }
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(
      source,
      meter,
      createWriteStream(path, { flags: 'wx', mode: 0o600, highWaterMark: CHUNK_BYTES }),
    );
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  return { path, sha256: hash.digest('hex'), size };
}

/** Hash and size of a file already on disk (a finished resumable upload, a stripped copy). */
export async function hashFile(path: string): Promise<Omit<LocalFile, 'path'>> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    hash.update(bytes);
  }
  return { sha256: hash.digest('hex'), size };
}
