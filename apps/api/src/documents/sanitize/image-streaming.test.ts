import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIF_HEADER } from './exif.js';
import { stripImageMetadata } from './image-metadata.js';

const SCAN_MEBIBYTES = 50;

function segment(marker: number, payload: Buffer): Buffer {
  const header = Buffer.from([0xff, marker, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

/** One mebibyte of scan-like data: no bare 0xFF, but stuffed bytes and restart markers. */
function scanPiece(): Buffer {
  const piece = Buffer.alloc(1024 * 1024);
  for (let index = 0; index < piece.length; index += 1) piece[index] = (index * 7919) % 255;
  for (let index = 1000; index < piece.length - 1; index += 4099) {
    piece[index] = 0xff;
    piece[index + 1] = index % 2 === 0 ? 0x00 : 0xd3;
  }
  // Ends on a lone 0xFF whose stuffed 0x00 opens the next piece: a boundary on every read.
  piece[piece.length - 1] = 0xff;
  piece[0] = 0x00;
  return piece;
}

/**
 * Writes a JPEG-shaped file (headers, an EXIF segment, a 50 MiB scan, EOI) and returns the
 * SHA-256 of what the stripped file must be: the same bytes without the EXIF segment.
 */
async function writeLargeJpeg(path: string): Promise<string> {
  const exif = segment(
    0xe1,
    Buffer.concat([EXIF_HEADER, Buffer.from('MM\0*\0\0\0\x08\0\0', 'latin1')]),
  );
  const headers = [
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    segment(0xdb, Buffer.alloc(65, 1)),
    segment(0xc0, Buffer.from([8, 0x10, 0, 0x10, 0, 1, 1, 0x11, 0])),
    segment(0xc4, Buffer.alloc(29, 1)),
    segment(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])),
  ];
  const expected = createHash('sha256');
  const file = await open(path, 'w');
  try {
    const write = async (bytes: Buffer, kept: boolean): Promise<void> => {
      await file.write(bytes);
      if (kept) expected.update(bytes);
    };
    await write(headers[0] ?? Buffer.alloc(0), true);
    await write(exif, false);
    for (const header of headers.slice(1)) await write(header, true);
    const piece = scanPiece();
    for (let count = 0; count < SCAN_MEBIBYTES; count += 1) await write(piece, true);
    await write(Buffer.from([0x00, 0xff, 0xd9]), true);
  } finally {
    await file.close();
  }
  return expected.digest('hex');
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

describe('streaming a large JPEG', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'technopolice-sanitize-large-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('strips a 50 MiB file with memory growth far below its size', async () => {
    const inputPath = join(dir, 'large.jpg');
    const outputPath = join(dir, 'large-out.jpg');
    const expectedHash = await writeLargeJpeg(inputPath);
    const before = process.memoryUsage();
    const peak = { rss: before.rss, arrayBuffers: before.arrayBuffers };
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peak.rss = Math.max(peak.rss, now.rss);
      peak.arrayBuffers = Math.max(peak.arrayBuffers, now.arrayBuffers);
    }, 2);

    const started = performance.now();
    const { removed } = await stripImageMetadata('image/jpeg', inputPath, outputPath);
    const elapsed = performance.now() - started;
    clearInterval(sampler);

    const mebibyte = 1024 * 1024;
    const growth = {
      rss: (peak.rss - before.rss) / mebibyte,
      arrayBuffers: (peak.arrayBuffers - before.arrayBuffers) / mebibyte,
    };
    console.info(
      `50 MiB JPEG stripped in ${elapsed.toFixed(0)} ms; peak growth ${growth.rss.toFixed(1)} MiB rss, ${growth.arrayBuffers.toFixed(1)} MiB array buffers`,
    );
    expect(removed).toEqual(['exif']);
    expect((await stat(outputPath)).size).toBeGreaterThan(SCAN_MEBIBYTES * mebibyte);
    expect(await sha256Of(outputPath)).toBe(expectedHash);
    expect(growth.arrayBuffers).toBeLessThan(4);
    expect(growth.rss).toBeLessThan(16);
  });
});
