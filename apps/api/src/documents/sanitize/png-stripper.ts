import { crc32 } from 'node:zlib';
import { type ByteReader } from './byte-reader.js';
import { type ByteSink } from './byte-sink.js';
import { orientationOnlyTiff, summarizeExif } from './exif.js';
import { malformed } from './sanitize-error.js';
import { RemovalLog } from './strip-result.js';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MAX_CHUNK_LENGTH = 0x7fffffff;
const TEXT_CHUNKS = new Set(['tEXt', 'zTXt', 'iTXt']);
const DROPPED_CHUNKS = new Set([...TEXT_CHUNKS, 'eXIf', 'tIME']);
// Enough of an eXIf chunk to reach IFD0, whose entries come first in practice.
const EXIF_PREFIX_LENGTH = 64 * 1024;
const KEYWORD_PREFIX_LENGTH = 80;

/**
 * Copies a PNG without its text chunks (tEXt, zTXt, iTXt: comments, XMP, software names),
 * eXIf and tIME. Everything else, colour profile included, is copied as is, chunk data
 * streamed. Anything after IEND is dropped.
 */
export async function stripPng(reader: ByteReader, sink: ByteSink): Promise<string[]> {
  const removed = new RemovalLog();
  const signature = await reader.read(SIGNATURE.length);
  if (!signature.equals(SIGNATURE)) throw malformed('not a PNG: bad signature');
  await sink.write(SIGNATURE);
  for (let first = true; ; first = false) {
    const header = await reader.read(8);
    const length = header.readUInt32BE(0);
    const type = header.toString('latin1', 4, 8);
    if (!/^[A-Za-z]{4}$/.test(type) || length > MAX_CHUNK_LENGTH) {
      throw malformed('a PNG chunk header is damaged');
    }
    if (first && type !== 'IHDR') throw malformed('the PNG does not start with IHDR');
    if (DROPPED_CHUNKS.has(type)) {
      await dropChunk(reader, sink, type, length, removed);
      continue;
    }
    await sink.write(header);
    await reader.copy(length + 4, sink);
    if (type === 'IEND') return removed.list();
  }
}

/** Skips one dropped chunk, noting what it held; an eXIf orientation is written back alone. */
async function dropChunk(
  reader: ByteReader,
  sink: ByteSink,
  type: string,
  length: number,
  removed: RemovalLog,
): Promise<void> {
  const prefixLength = Math.min(
    length,
    type === 'eXIf' ? EXIF_PREFIX_LENGTH : KEYWORD_PREFIX_LENGTH,
  );
  const prefix = await reader.read(prefixLength);
  await reader.skip(length - prefixLength + 4);
  if (TEXT_CHUNKS.has(type)) {
    removed.add(prefix.toString('latin1').startsWith('XML:com.adobe.xmp\0') ? 'xmp' : 'text');
  } else if (type === 'tIME') {
    removed.add('timestamp');
  } else {
    const { orientation, hasGps } = summarizeExif(prefix);
    removed.add('exif');
    if (hasGps) removed.add('gps');
    // Browsers honour eXIf orientation like JPEG's: keep the picture the right way up.
    if (orientation !== 1) await sink.write(pngChunk('eXIf', orientationOnlyTiff(orientation)));
  }
}

/** One complete chunk: length, type, data and CRC. */
export function pngChunk(type: string, data: Buffer): Buffer {
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write(type, 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return chunk;
}
