import { type FileHandle } from 'node:fs/promises';
import { malformed } from './sanitize-error.js';

/** Fills `target` from `offset` with at most `length` next bytes; resolves to 0 at the end. */
export type ByteSource = (target: Buffer, offset: number, length: number) => Promise<number>;

/** Reads a file sequentially from its current position. */
export function fileSource(handle: FileHandle): ByteSource {
  return async (target, offset, length) =>
    (await handle.read(target, offset, length, null)).bytesRead;
}

/** Serves bytes already in memory, at most `chunkSize` per call (tests use it to cut anywhere). */
export function bufferSource(bytes: Uint8Array, chunkSize = Number.POSITIVE_INFINITY): ByteSource {
  let position = 0;
  return (target, offset, length) => {
    const piece = bytes.subarray(position, position + Math.min(length, chunkSize));
    target.set(piece, offset);
    position += piece.length;
    return Promise.resolve(piece.length);
  };
}

const DEFAULT_BUFFER_SIZE = 64 * 1024;

/**
 * Reads bytes front to back through one reused buffer, so memory stays bounded, and allocation
 * stays flat, whatever the file size. `read` returns copies the caller owns; `copy` and
 * `available` lend views of the buffer that are only valid until the next read.
 */
export class ByteReader {
  private buffer: Buffer;
  private start = 0;
  private end = 0;
  private ended = false;

  constructor(
    private readonly source: ByteSource,
    bufferSize = DEFAULT_BUFFER_SIZE,
  ) {
    this.buffer = Buffer.alloc(bufferSize);
  }

  /** Buffers at least `count` unread bytes; false when the input ends first. */
  async ensure(count: number): Promise<boolean> {
    if (this.unread() >= count) return true;
    this.makeRoom(count);
    while (this.unread() < count && !this.ended) {
      const bytesRead = await this.source(this.buffer, this.end, this.buffer.length - this.end);
      if (bytesRead === 0) this.ended = true;
      this.end += bytesRead;
    }
    return this.unread() >= count;
  }

  /** True when every byte has been consumed. */
  async atEnd(): Promise<boolean> {
    return !(await this.ensure(1));
  }

  /** The buffered unread bytes, lent until the next read. */
  available(): Buffer {
    return this.buffer.subarray(this.start, this.end);
  }

  /** Marks `count` buffered bytes as read. */
  consume(count: number): void {
    this.start += Math.min(count, this.unread());
  }

  /** Reads exactly `count` bytes into a new buffer; an input that ends first is malformed. */
  async read(count: number): Promise<Buffer> {
    if (!(await this.ensure(count))) throw malformed('the file ends unexpectedly');
    const bytes = Buffer.from(this.buffer.subarray(this.start, this.start + count));
    this.start += count;
    return bytes;
  }

  /** Reads one byte. */
  async readByte(): Promise<number> {
    if (!(await this.ensure(1))) throw malformed('the file ends unexpectedly');
    const byte = this.buffer[this.start] ?? 0;
    this.start += 1;
    return byte;
  }

  /** Discards `count` bytes, a buffer at a time. */
  async skip(count: number): Promise<void> {
    await this.forEachPiece(count, () => Promise.resolve());
  }

  /** Passes `count` bytes to `sink` a buffer at a time; each piece is lent until written. */
  async copy(count: number, sink: { write(bytes: Uint8Array): Promise<void> }): Promise<void> {
    await this.forEachPiece(count, (piece) => sink.write(piece));
  }

  private async forEachPiece(count: number, use: (piece: Buffer) => Promise<void>): Promise<void> {
    let left = count;
    while (left > 0) {
      if (!(await this.ensure(1))) throw malformed('the file ends unexpectedly');
      const piece = this.available().subarray(0, left);
      this.start += piece.length;
      left -= piece.length;
      await use(piece);
    }
  }

  private unread(): number {
    return this.end - this.start;
  }

  /** Moves the unread bytes to the front; grows the buffer only for a request larger than it. */
  private makeRoom(count: number): void {
    const unread = this.unread();
    const target = count > this.buffer.length ? Buffer.alloc(count) : this.buffer;
    this.buffer.copy(target, 0, this.start, this.end);
    this.buffer = target;
    this.start = 0;
    this.end = unread;
  }
}
