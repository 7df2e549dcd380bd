import { lstat, opendir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { errorCode } from './fs-errors.js';

/**
 * Deletes the files of `tempDir` last modified more than `olderThanMs` ago: what uploads cut
 * short by a crash left behind. Returns how many it deleted; a missing directory counts as empty.
 */
export async function sweepTempDir(tempDir: string, olderThanMs: number): Promise<number> {
  let dir;
  try {
    dir = await opendir(tempDir);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 0;
    throw error;
  }
  const cutoff = Date.now() - olderThanMs;
  let deleted = 0;
  for await (const entry of dir) {
    const path = join(tempDir, entry.name);
    try {
      const stats = await lstat(path);
      if (!stats.isFile() || stats.mtimeMs >= cutoff) continue;
      await rm(path, { force: true });
      deleted += 1;
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error; // gone meanwhile: an upload completed
    }
  }
  return deleted;
}
