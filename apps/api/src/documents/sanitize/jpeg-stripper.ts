import { type ByteReader } from './byte-reader.js';
import { type ByteSink } from './byte-sink.js';
import { EXIF_HEADER, orientationOnlyTiff, summarizeExif } from './exif.js';
import { malformed } from './sanitize-error.js';
import { RemovalLog } from './strip-result.js';

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP13 = 0xed;
const APP14 = 0xee;
const APP15 = 0xef;
const COM = 0xfe;

/** What happens to one APPn or COM segment: `kept` is written back, `kinds` were removed. */
interface SegmentFate {
  kept?: Buffer;
  kinds: string[];
  orientation?: number;
}

/** What the walk has met so far. */
interface WalkState {
  removed: RemovalLog;
  scanned: boolean;
  orientationWritten: boolean;
}

/**
 * Copies a JPEG without its metadata segments. Kept: APP0 JFIF (without its thumbnail),
 * APP2 ICC_PROFILE and APP14 Adobe, which change how the picture looks. Everything after EOI
 * is dropped too: cameras append trailers and second pictures there.
 */
export async function stripJpeg(reader: ByteReader, sink: ByteSink): Promise<string[]> {
  const start = await reader.read(2);
  if (start[0] !== 0xff || start[1] !== SOI) throw malformed('not a JPEG: no start-of-image');
  await sink.write(start);
  const state: WalkState = { removed: new RemovalLog(), scanned: false, orientationWritten: false };
  let marker = await readMarker(reader);
  while (marker !== undefined && marker !== EOI) {
    await passSegment(reader, sink, marker, state);
    marker = await readMarker(reader);
  }
  if (!state.scanned) throw malformed('the JPEG has no image data');
  // Also closes a JPEG cut short inside its image data, which decoders show anyway.
  await sink.write(Buffer.from([0xff, EOI]));
  return state.removed.list();
}

/** Copies one segment (and the scan data after SOS), or strips it when it is metadata. */
async function passSegment(
  reader: ByteReader,
  sink: ByteSink,
  marker: number,
  state: WalkState,
): Promise<void> {
  if (isStandalone(marker)) {
    await sink.write(Buffer.from([0xff, marker]));
    return;
  }
  const length = (await reader.read(2)).readUInt16BE(0);
  if (length < 2) throw malformed('a JPEG segment has an impossible length');
  if (isMetadataMarker(marker)) {
    await stripMetadataSegment(sink, marker, await reader.read(length - 2), state);
    return;
  }
  await sink.write(Buffer.from([0xff, marker, length >> 8, length & 0xff]));
  await reader.copy(length - 2, sink);
  if (marker === SOS) {
    state.scanned = true;
    await copyScanData(reader, sink);
  }
}

async function stripMetadataSegment(
  sink: ByteSink,
  marker: number,
  payload: Buffer,
  state: WalkState,
): Promise<void> {
  const fate = judgeSegment(marker, payload);
  fate.kinds.forEach((kind) => state.removed.add(kind));
  if (fate.kept !== undefined) await writeSegment(sink, marker, fate.kept);
  if (fate.orientation === undefined || fate.orientation === 1 || state.orientationWritten) return;
  // Viewers rotate by this tag: without it the photo would show sideways.
  await writeSegment(
    sink,
    APP1,
    Buffer.concat([EXIF_HEADER, orientationOnlyTiff(fate.orientation)]),
  );
  state.orientationWritten = true;
}

/** Reads the next marker code, skipping fill bytes; undefined at the end of the stream. */
async function readMarker(reader: ByteReader): Promise<number | undefined> {
  if (await reader.atEnd()) return undefined;
  if ((await reader.readByte()) !== 0xff)
    throw malformed('a JPEG segment does not start with a marker');
  let code = await reader.readByte();
  while (code === 0xff) code = await reader.readByte();
  if (code === 0x00) throw malformed('a JPEG segment does not start with a marker');
  return code;
}

/** Markers with no length field: SOI, EOI, TEM and the restart markers. */
function isStandalone(marker: number): boolean {
  return marker === 0x01 || marker === SOI || (marker >= 0xd0 && marker <= 0xd7);
}

function isMetadataMarker(marker: number): boolean {
  return (marker >= APP0 && marker <= APP15) || marker === COM;
}

async function writeSegment(sink: ByteSink, marker: number, payload: Buffer): Promise<void> {
  const header = Buffer.from([0xff, marker, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  await sink.write(header);
  await sink.write(payload);
}

function startsWith(payload: Buffer, signature: string): boolean {
  return payload.toString('latin1', 0, signature.length) === signature;
}

const JFIF_LENGTH = 14;

/** Decides what happens to one APPn or COM segment from its marker and signature. */
function judgeSegment(marker: number, payload: Buffer): SegmentFate {
  switch (marker) {
    case APP0:
      return judgeApp0(payload);
    case APP1:
      return judgeApp1(payload);
    case APP2:
      return startsWith(payload, 'ICC_PROFILE\0')
        ? { kept: payload, kinds: [] }
        : { kinds: ['other'] };
    case APP13:
      return { kinds: ['iptc'] };
    case APP14:
      return startsWith(payload, 'Adobe') ? { kept: payload, kinds: [] } : { kinds: ['other'] };
    case COM:
      return { kinds: ['comment'] };
    default:
      return { kinds: ['other'] };
  }
}

function judgeApp0(payload: Buffer): SegmentFate {
  if (startsWith(payload, 'JFXX\0')) return { kinds: ['thumbnail'] };
  if (!startsWith(payload, 'JFIF\0')) return { kinds: ['other'] };
  if (payload.length <= JFIF_LENGTH) return { kept: payload, kinds: [] };
  return { kept: jfifWithoutThumbnail(payload), kinds: ['thumbnail'] };
}

function judgeApp1(payload: Buffer): SegmentFate {
  if (startsWith(payload, EXIF_HEADER.toString('latin1'))) {
    const { orientation, hasGps } = summarizeExif(payload.subarray(EXIF_HEADER.length));
    return { kinds: hasGps ? ['exif', 'gps'] : ['exif'], orientation };
  }
  // Both the main XMP packet and its "extension" continuation segments.
  if (startsWith(payload, 'http://ns.adobe.com/')) return { kinds: ['xmp'] };
  return { kinds: ['other'] };
}

/** JFIF may embed an uncompressed thumbnail, which could show what the photo was cropped from. */
function jfifWithoutThumbnail(payload: Buffer): Buffer {
  const header = Buffer.from(payload.subarray(0, JFIF_LENGTH));
  header[12] = 0;
  header[13] = 0;
  return header;
}

/**
 * Copies entropy-coded data up to the next marker, chunk by chunk. In that data 0xFF is
 * followed by 0x00 (a stuffed byte), a restart marker, or more 0xFF fill: anything else is
 * the marker that ends the scan, left unread.
 */
async function copyScanData(reader: ByteReader, sink: ByteSink): Promise<void> {
  while (await reader.ensure(2)) {
    const bytes = reader.available();
    const { length, atMarker } = scanDataExtent(bytes);
    await sink.write(bytes.subarray(0, length));
    reader.consume(length);
    if (atMarker) return;
  }
  // The stream ends inside the scan: keep its last byte, the caller closes the image.
  const rest = reader.available();
  await sink.write(rest);
  reader.consume(rest.length);
}

/**
 * How many leading bytes of `bytes` are scan data, and whether a marker follows them. A final
 * lone 0xFF is left out: the byte after it, in the next chunk, says what it is.
 */
export function scanDataExtent(bytes: Buffer): { length: number; atMarker: boolean } {
  let from = 0;
  for (;;) {
    const index = bytes.indexOf(0xff, from);
    if (index === -1) return { length: bytes.length, atMarker: false };
    if (index === bytes.length - 1) return { length: index, atMarker: false };
    const next = bytes[index + 1] ?? 0;
    if (next === 0xff) from = index + 1;
    else if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) from = index + 2;
    else return { length: index, atMarker: true };
  }
}
