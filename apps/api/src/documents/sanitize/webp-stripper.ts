import { type ByteReader } from './byte-reader.js';
import { type ByteSink } from './byte-sink.js';
import { EXIF_HEADER, summarizeExif } from './exif.js';
import { malformed } from './sanitize-error.js';
import { RemovalLog } from './strip-result.js';

// Chunks that make up the picture; anything else is metadata or unknown, and goes.
const IMAGE_CHUNKS = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF', 'ICCP']);
const FIRST_CHUNKS = new Set(['VP8 ', 'VP8L', 'VP8X']);
const VP8X_EXIF_FLAG = 0x08;
const VP8X_XMP_FLAG = 0x04;
const VP8X_LENGTH = 10;
const EXIF_PREFIX_LENGTH = 64 * 1024;

/**
 * Copies a WebP without its EXIF, XMP and unknown chunks, clears the VP8X flags announcing
 * them, and rewrites the RIFF size once the output length is known. Bytes past the RIFF size
 * are dropped.
 */
export async function stripWebp(reader: ByteReader, sink: ByteSink): Promise<string[]> {
  const removed = new RemovalLog();
  const header = await reader.read(12);
  if (header.toString('latin1', 0, 4) !== 'RIFF' || header.toString('latin1', 8, 12) !== 'WEBP') {
    throw malformed('not a WebP: bad RIFF header');
  }
  const start = sink.position;
  await sink.write(header);
  const riffSize = header.readUInt32LE(4);
  if (riffSize < 4 + 8) throw malformed('the WebP holds no image');
  for (let left = riffSize - 4, first = true; left > 0; first = false) {
    left -= await passChunk(reader, sink, { left, first }, removed);
  }
  const newSize = Buffer.alloc(4);
  newSize.writeUInt32LE(sink.position - start - 8);
  await sink.patch(start + 4, newSize);
  return removed.list();
}

/** Copies or drops the next chunk; returns how many input bytes it took. */
async function passChunk(
  reader: ByteReader,
  sink: ByteSink,
  { left, first }: { left: number; first: boolean },
  removed: RemovalLog,
): Promise<number> {
  if (left < 8) throw malformed('a WebP chunk overruns the RIFF size');
  const chunkHeader = await reader.read(8);
  const fourcc = chunkHeader.toString('latin1', 0, 4);
  const length = chunkHeader.readUInt32LE(4);
  const padded = length + (length % 2);
  if (8 + padded > left) throw malformed('a WebP chunk overruns the RIFF size');
  if (first && !FIRST_CHUNKS.has(fourcc)) {
    throw malformed('the WebP does not start with an image chunk');
  }
  if (!IMAGE_CHUNKS.has(fourcc)) {
    await dropChunk(reader, fourcc, padded, removed);
  } else if (fourcc === 'VP8X') {
    await copyVp8x(reader, sink, chunkHeader, padded);
  } else {
    await sink.write(chunkHeader);
    await reader.copy(padded, sink);
  }
  return 8 + padded;
}

/** Copies the VP8X chunk with its EXIF and XMP flags cleared: those chunks are gone. */
async function copyVp8x(
  reader: ByteReader,
  sink: ByteSink,
  chunkHeader: Buffer,
  padded: number,
): Promise<void> {
  if (padded < VP8X_LENGTH) throw malformed('the WebP VP8X chunk is too short');
  const payload = await reader.read(padded);
  payload[0] = (payload[0] ?? 0) & ~(VP8X_EXIF_FLAG | VP8X_XMP_FLAG);
  await sink.write(chunkHeader);
  await sink.write(payload);
}

async function dropChunk(
  reader: ByteReader,
  fourcc: string,
  padded: number,
  removed: RemovalLog,
): Promise<void> {
  if (fourcc === 'EXIF') {
    const prefix = await reader.read(Math.min(padded, EXIF_PREFIX_LENGTH));
    await reader.skip(padded - prefix.length);
    // Some writers keep JPEG's "Exif\0\0" header in front of the TIFF data.
    const tiff = prefix.subarray(0, EXIF_HEADER.length).equals(EXIF_HEADER)
      ? prefix.subarray(EXIF_HEADER.length)
      : prefix;
    removed.add('exif');
    if (summarizeExif(tiff).hasGps) removed.add('gps');
    return;
  }
  await reader.skip(padded);
  removed.add(fourcc === 'XMP ' ? 'xmp' : 'other');
}
