import type { AppConfig } from '../../config/config.js';
import type { BlobStore } from './blob-store.js';
import { FsBlobStore } from './fs-blob-store.js';
import { S3BlobStore } from './s3-blob-store.js';

export {
  BlobNotFoundError,
  isSha256,
  type BlobStore,
  type BlobVerdict,
  type ByteRange,
  type ListedBlob,
  type StoredBlob,
} from './blob-store.js';
export { FsBlobStore } from './fs-blob-store.js';
export { S3BlobStore, type S3Config } from './s3-blob-store.js';
export { sweepTempDir } from './temp-sweep.js';

/** The S3 store when S3 is configured (scaled mode), else files under `$DATA_DIR/files`. */
export function createBlobStore(options: { dataDir: string; s3: AppConfig['s3'] }): BlobStore {
  return options.s3
    ? new S3BlobStore(options.dataDir, options.s3)
    : new FsBlobStore(options.dataDir);
}
