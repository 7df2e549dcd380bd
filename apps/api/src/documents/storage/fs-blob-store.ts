import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import {
  copyFile,
  type FileHandle,
  mkdir,
  open,
  opendir,
  rename,
  rm,
  stat,
} from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  alreadyStored,
  assertRange,
  assertSha256,
  BlobNotFoundError,
  type BlobStore,
  type BlobVerdict,
  type ByteRange,
  isSha256,
  type ListedBlob,
  shardedPath,
  type StoredBlob,
} from './blob-store.js';
import { errorCode } from './fs-errors.js';

const BLOB_MODE = 0o640;
const SHARD = /^[0-9a-f]{2}$/;

/**
 * Blobs as files at `$DATA_DIR/files/<ab>/<cd>/<sha256>`. A blob reaches its final name only by
 * rename of a fully written, fsynced file, so a crash leaves no blob or a whole one.
 */
export class FsBlobStore implements BlobStore {
  readonly kind = 'fs';
  readonly tempDir: string;
  readonly filesDir: string;

  constructor(dataDir: string) {
    this.tempDir = join(dataDir, 'tmp');
    this.filesDir = join(dataDir, 'files');
    mkdirSync(this.tempDir, { recursive: true });
    mkdirSync(this.filesDir, { recursive: true });
  }

  /** The file of a blob (for tests and diagnostics; callers go through the store). */
  pathOf(sha256: string): string {
    assertSha256(sha256);
    return join(this.filesDir, ...shardedPath(sha256));
  }

  async put(tempPath: string, blob: StoredBlob): Promise<{ created: boolean }> {
    if (await alreadyStored(this, tempPath, blob)) return { created: false };
    const target = this.pathOf(blob.sha256);
    await syncFile(tempPath);

    const dir = dirname(target);
    const firstCreated = await mkdir(dir, { recursive: true });
    try {
      await rename(tempPath, target);
    } catch (error) {
      if (errorCode(error) !== 'EXDEV') throw error;
      await copyIntoPlace(tempPath, target);
      await rm(tempPath, { force: true });
    }
    await syncDir(dir);
    // New shard directories must be durable too, or the rename could vanish with them.
    if (firstCreated !== undefined) {
      await syncDir(dirname(dir));
      await syncDir(this.filesDir);
    }
    return { created: true };
  }

  async has(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(sha256))).isFile();
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return false;
      throw error;
    }
  }

  async open(sha256: string, range?: ByteRange): Promise<Readable> {
    if (range) assertRange(range);
    const handle = await this.openBlob(sha256);
    if (!range) return handle.createReadStream();
    try {
      const { size } = await handle.stat();
      if (range.start >= size) {
        throw new RangeError(`Range starts at ${range.start}, past the ${size} bytes of ${sha256}`);
      }
      return handle.createReadStream({ start: range.start, end: Math.min(range.end, size - 1) });
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async download(sha256: string, toPath: string): Promise<void> {
    const source = this.pathOf(sha256);
    try {
      await copyFile(source, toPath);
    } catch (error) {
      // ENOENT may be the destination's directory as well as the blob.
      if (errorCode(error) === 'ENOENT' && !(await this.has(sha256))) {
        throw new BlobNotFoundError(sha256, { cause: error });
      }
      throw error;
    }
  }

  async delete(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  async verify(sha256: string): Promise<BlobVerdict> {
    let handle: FileHandle;
    try {
      handle = await this.openBlob(sha256);
    } catch (error) {
      if (error instanceof BlobNotFoundError) return 'missing';
      throw error;
    }
    const hash = createHash('sha256');
    await pipeline(handle.createReadStream(), hash);
    return hash.digest('hex') === sha256 ? 'ok' : 'corrupt';
  }

  async *list(): AsyncGenerator<ListedBlob> {
    for await (const first of subdirectories(this.filesDir)) {
      for await (const second of subdirectories(join(this.filesDir, first))) {
        const dir = join(this.filesDir, first, second);
        for await (const entry of entries(dir)) {
          if (!isSha256(entry) || !entry.startsWith(first + second)) continue;
          try {
            const stats = await stat(join(dir, entry));
            if (stats.isFile()) yield { sha256: entry, size: stats.size, storedAt: stats.mtime };
          } catch (error) {
            if (errorCode(error) !== 'ENOENT') throw error; // deleted while listing
          }
        }
      }
    }
  }

  private async openBlob(sha256: string): Promise<FileHandle> {
    const path = this.pathOf(sha256);
    try {
      return await open(path, 'r');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') throw new BlobNotFoundError(sha256, { cause: error });
      throw error;
    }
  }
}

/** Across filesystems: copy to a hidden name beside the target, fsync, then rename. */
async function copyIntoPlace(source: string, target: string): Promise<void> {
  const partial = join(
    dirname(target),
    `.partial-${randomBytes(6).toString('hex')}-${target.slice(-64)}`,
  );
  try {
    await copyFile(source, partial);
    await syncFile(partial);
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/** Makes a file's bytes durable before it gets its final name, and gives it the blob mode. */
async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.chmod(BLOB_MODE);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncDir(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Entry names of a directory, read lazily; nothing when it does not exist. */
async function* entries(path: string): AsyncGenerator<string> {
  let dir;
  try {
    dir = await opendir(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return;
    throw error;
  }
  for await (const entry of dir) yield entry.name;
}

async function* subdirectories(path: string): AsyncGenerator<string> {
  for await (const name of entries(path)) if (SHARD.test(name)) yield name;
}
