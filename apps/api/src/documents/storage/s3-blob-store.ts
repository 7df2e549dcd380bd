import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  type GetObjectCommandOutput,
  HeadBucketCommand,
  HeadObjectCommand,
  paginateListObjectsV2,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { AppConfig } from '../../config/config.js';
import {
  alreadyStored,
  assertRange,
  assertSha256,
  BlobNotFoundError,
  type BlobStore,
  type BlobVerdict,
  type ByteRange,
  type ListedBlob,
  shardedPath,
  type StoredBlob,
} from './blob-store.js';

export type S3Config = NonNullable<AppConfig['s3']>;

const PREFIX = 'blobs/';
const CONTENT_RANGE = /^bytes (\d+)-(\d+)\/(\d+)$/;
const KEY = /^blobs\/([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{64})$/;
/** Multipart parts held in memory at once: about PART_SIZE × (QUEUE_SIZE + 1). */
const PART_SIZE = 8 * 1024 * 1024;
const QUEUE_SIZE = 2;

export function createS3Client(config: S3Config): S3Client {
  return new S3Client({
    endpoint: config.endpoint,
    region: config.region,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    forcePathStyle: true, // MinIO, and any endpoint without wildcard DNS
    // The SDK's default checksums send streamed bodies aws-chunked with a trailer, which
    // S3-compatible servers that predate it (s3rver, older MinIO) store framing and all.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/**
 * Blobs as objects `blobs/<ab>/<cd>/<sha256>` of one bucket, created on first use when missing.
 * Uploads go through a local temp file, so `tempDir` stays on the local disk.
 */
export class S3BlobStore implements BlobStore {
  readonly kind = 's3';
  readonly tempDir: string;
  readonly bucket: string;
  readonly client: S3Client;
  private bucketReady: Promise<void> | null = null;

  constructor(dataDir: string, config: S3Config) {
    this.tempDir = join(dataDir, 'tmp');
    mkdirSync(this.tempDir, { recursive: true });
    this.bucket = config.bucket;
    this.client = createS3Client(config);
  }

  static keyOf(sha256: string): string {
    assertSha256(sha256);
    return PREFIX + shardedPath(sha256).join('/');
  }

  /** Creates the bucket when missing; done once (again after a failure) before any operation. */
  ensureBucket(): Promise<void> {
    this.bucketReady ??= this.createBucketIfMissing().catch((error: unknown) => {
      this.bucketReady = null;
      throw error;
    });
    return this.bucketReady;
  }

  /** Closes the client's sockets. */
  destroy(): void {
    this.client.destroy();
  }

  async put(tempPath: string, blob: StoredBlob): Promise<{ created: boolean }> {
    if (await alreadyStored(this, tempPath, blob)) return { created: false };
    const key = S3BlobStore.keyOf(blob.sha256);
    const body = createReadStream(tempPath);
    try {
      // An object appears whole or not at all: a failed multipart upload is aborted.
      await new Upload({
        client: this.client,
        params: {
          Bucket: this.bucket,
          Key: key,
          Body: body,
          ContentType: 'application/octet-stream',
        },
        partSize: PART_SIZE,
        queueSize: QUEUE_SIZE,
        leavePartsOnError: false,
      }).done();
    } finally {
      body.destroy();
    }
    await rm(tempPath, { force: true });
    return { created: true };
  }

  async has(sha256: string): Promise<boolean> {
    const key = S3BlobStore.keyOf(sha256);
    await this.ensureBucket();
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if (httpStatus(error) === 404) return false;
      throw error;
    }
  }

  async open(sha256: string, range?: ByteRange): Promise<Readable> {
    if (!range) return bodyOf(await this.getObject(sha256));
    assertRange(range);
    const object = await this.getObject(sha256, range);
    const body = bodyOf(object);
    // Never pass on bytes other than those asked for: a caller answers 206 with its own range.
    const served = CONTENT_RANGE.exec(object.ContentRange ?? '');
    const total = served ? Number(served[3]) : undefined;
    if (total === 0) {
      body.destroy(); // empty object: S3 answers 416, some servers 206 with one phantom byte
      throw new RangeError(`Range starts at ${range.start}, past the 0 bytes of ${sha256}`);
    }
    const expected = total === undefined ? '' : `${range.start}-${Math.min(range.end, total - 1)}`;
    if (!served || `${served[1]}-${served[2]}` !== expected) {
      body.destroy();
      throw new Error(
        `S3 answered ${object.ContentRange ?? 'without Content-Range'} for bytes ${range.start}-${range.end}`,
      );
    }
    return body;
  }

  async download(sha256: string, toPath: string): Promise<void> {
    const body = bodyOf(await this.getObject(sha256));
    try {
      await pipeline(body, createWriteStream(toPath));
    } catch (error) {
      await rm(toPath, { force: true });
      throw error;
    }
  }

  async delete(sha256: string): Promise<void> {
    const key = S3BlobStore.keyOf(sha256);
    await this.ensureBucket();
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async verify(sha256: string): Promise<BlobVerdict> {
    let object: GetObjectCommandOutput;
    try {
      object = await this.getObject(sha256);
    } catch (error) {
      if (error instanceof BlobNotFoundError) return 'missing';
      throw error;
    }
    const hash = createHash('sha256');
    await pipeline(bodyOf(object), hash);
    return hash.digest('hex') === sha256 ? 'ok' : 'corrupt';
  }

  async *list(): AsyncGenerator<ListedBlob> {
    await this.ensureBucket();
    const pages = paginateListObjectsV2(
      { client: this.client },
      { Bucket: this.bucket, Prefix: PREFIX },
    );
    for await (const page of pages) {
      for (const object of page.Contents ?? []) {
        const match = KEY.exec(object.Key ?? '');
        const sha256 = match?.[3];
        if (!match || !sha256?.startsWith(`${match[1]}${match[2]}`)) continue;
        yield {
          sha256,
          size: object.Size ?? 0,
          storedAt: object.LastModified ?? new Date(0),
        };
      }
    }
  }

  private async getObject(sha256: string, range?: ByteRange): Promise<GetObjectCommandOutput> {
    const key = S3BlobStore.keyOf(sha256);
    await this.ensureBucket();
    try {
      return await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
        }),
      );
    } catch (error) {
      const status = httpStatus(error);
      if (status === 404) throw new BlobNotFoundError(sha256, { cause: error });
      if (status === 416 && range) {
        throw new RangeError(`Range starts at ${range.start}, past the last byte of ${sha256}`, {
          cause: error,
        });
      }
      throw error;
    }
  }

  private async createBucketIfMissing(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
      return;
    } catch (error) {
      if (httpStatus(error) !== 404) throw error;
    }
    try {
      await this.client.send(new CreateBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      // Another instance created it meanwhile.
      if (httpStatus(error) !== 409) throw error;
    }
  }
}

function httpStatus(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && '$metadata' in error) {
    const { $metadata } = error as { $metadata?: { httpStatusCode?: number } };
    return $metadata?.httpStatusCode;
  }
  return undefined;
}

function bodyOf(object: GetObjectCommandOutput): Readable {
  if (!(object.Body instanceof Readable)) throw new Error('S3 answered without a readable body');
  return object.Body;
}
