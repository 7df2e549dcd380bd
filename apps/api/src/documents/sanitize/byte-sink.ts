import { type FileHandle, open } from 'node:fs/promises';

/** Where a stripper writes its output, in order, with the one look-back WebP needs. */
export interface ByteSink {
  /** Bytes written so far. */
  readonly position: number;
  /** Must be done with `bytes` when the promise settles: readers lend views of a reused buffer. */
  write(bytes: Uint8Array): Promise<void>;
  /** Overwrites bytes already written at `position` (a size field known only at the end). */
  patch(position: number, bytes: Uint8Array): Promise<void>;
}

const FILE_BUFFER_SIZE = 64 * 1024;

/**
 * Writes to a file through one fixed buffer, so formats made of tiny blocks (GIF sub-blocks)
 * do not cost one system call each.
 */
export class FileSink implements ByteSink {
  private readonly pending = Buffer.alloc(FILE_BUFFER_SIZE);
  private used = 0;
  private written = 0;

  private constructor(private readonly handle: FileHandle) {}

  /** Creates or truncates `path`. */
  static async open(path: string): Promise<FileSink> {
    return new FileSink(await open(path, 'w'));
  }

  get position(): number {
    return this.written + this.used;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (this.used + bytes.length > this.pending.length) await this.flush();
    if (bytes.length >= this.pending.length) {
      await this.writeAt(bytes, this.written);
      this.written += bytes.length;
      return;
    }
    this.pending.set(bytes, this.used);
    this.used += bytes.length;
  }

  async patch(position: number, bytes: Uint8Array): Promise<void> {
    await this.flush();
    await this.writeAt(bytes, position);
  }

  /** Flushes and closes the file; call it exactly once, also after a failure. */
  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      await this.handle.close();
    }
  }

  private async flush(): Promise<void> {
    if (this.used === 0) return;
    await this.writeAt(this.pending.subarray(0, this.used), this.written);
    this.written += this.used;
    this.used = 0;
  }

  private async writeAt(bytes: Uint8Array, position: number): Promise<void> {
    let done = 0;
    while (done < bytes.length) {
      const { bytesWritten } = await this.handle.write(
        bytes,
        done,
        bytes.length - done,
        position + done,
      );
      done += bytesWritten;
    }
  }
}

/** Collects output in memory: for small inputs already in memory, such as images inside a PDF. */
export class MemorySink implements ByteSink {
  private readonly chunks: Buffer[] = [];
  private length = 0;
  private readonly patches: { position: number; bytes: Uint8Array }[] = [];

  get position(): number {
    return this.length;
  }

  write(bytes: Uint8Array): Promise<void> {
    this.chunks.push(Buffer.from(bytes));
    this.length += bytes.length;
    return Promise.resolve();
  }

  patch(position: number, bytes: Uint8Array): Promise<void> {
    this.patches.push({ position, bytes: Buffer.from(bytes) });
    return Promise.resolve();
  }

  /** Everything written, patches applied. */
  toBuffer(): Buffer {
    const output = Buffer.concat(this.chunks, this.length);
    for (const { position, bytes } of this.patches) output.set(bytes, position);
    return output;
  }
}
