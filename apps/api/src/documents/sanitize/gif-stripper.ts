import { type ByteReader } from './byte-reader.js';
import { type ByteSink } from './byte-sink.js';
import { malformed } from './sanitize-error.js';
import { RemovalLog } from './strip-result.js';

const IMAGE_DESCRIPTOR = 0x2c;
const EXTENSION = 0x21;
const TRAILER = 0x3b;
const COMMENT_LABEL = 0xfe;
const APPLICATION_LABEL = 0xff;
// Looping instructions: without them an animation plays once.
const KEPT_APPLICATIONS = new Set(['NETSCAPE2.0', 'ANIMEXTS1.0']);
const XMP_APPLICATION = 'XMP DataXMP';

/**
 * Copies a GIF without comment extensions and application extensions other than the looping
 * ones (XMP lives in one). Image data is copied sub-block by sub-block; anything after the
 * trailer is dropped.
 */
export async function stripGif(reader: ByteReader, sink: ByteSink): Promise<string[]> {
  const removed = new RemovalLog();
  const signature = await reader.read(6);
  if (!/^GIF8[79]a$/.test(signature.toString('latin1')))
    throw malformed('not a GIF: bad signature');
  await sink.write(signature);
  const screen = await reader.read(7);
  await sink.write(screen);
  await copyColourTable(reader, sink, screen[4] ?? 0);
  for (;;) {
    const introducer = await reader.readByte();
    if (introducer === TRAILER) {
      await sink.write(Buffer.from([TRAILER]));
      return removed.list();
    }
    if (introducer === IMAGE_DESCRIPTOR) await copyImage(reader, sink);
    else if (introducer === EXTENSION) await handleExtension(reader, sink, removed);
    else throw malformed('a GIF block has an unknown introducer');
  }
}

/** Copies the colour table that a packed field announces, if any. */
async function copyColourTable(reader: ByteReader, sink: ByteSink, packed: number): Promise<void> {
  if ((packed & 0x80) === 0) return;
  await reader.copy(3 * 2 ** ((packed & 0x07) + 1), sink);
}

async function copyImage(reader: ByteReader, sink: ByteSink): Promise<void> {
  const descriptor = await reader.read(9);
  await sink.write(Buffer.from([IMAGE_DESCRIPTOR]));
  await sink.write(descriptor);
  await copyColourTable(reader, sink, descriptor[8] ?? 0);
  await reader.copy(1, sink); // LZW minimum code size
  await passSubBlocks(reader, sink);
}

async function handleExtension(
  reader: ByteReader,
  sink: ByteSink,
  removed: RemovalLog,
): Promise<void> {
  const label = await reader.readByte();
  if (label === COMMENT_LABEL) {
    removed.add('comment');
    await passSubBlocks(reader, undefined);
    return;
  }
  if (label !== APPLICATION_LABEL) {
    await sink.write(Buffer.from([EXTENSION, label]));
    await passSubBlocks(reader, sink);
    return;
  }
  const size = await reader.readByte();
  const identifier = await reader.read(size);
  const name = identifier.toString('latin1');
  if (size === 11 && KEPT_APPLICATIONS.has(name)) {
    await sink.write(Buffer.from([EXTENSION, label, size]));
    await sink.write(identifier);
    await passSubBlocks(reader, sink);
    return;
  }
  removed.add(name === XMP_APPLICATION ? 'xmp' : 'other');
  // XMP's raw packet ends with a "magic trailer" that makes this walk land on its terminator.
  await passSubBlocks(reader, undefined);
}

/** Copies (or, without a sink, skips) data sub-blocks through their zero-length terminator. */
async function passSubBlocks(reader: ByteReader, sink: ByteSink | undefined): Promise<void> {
  for (;;) {
    const size = await reader.readByte();
    if (sink === undefined) await reader.skip(size);
    else {
      await sink.write(Buffer.from([size]));
      await reader.copy(size, sink);
    }
    if (size === 0) return;
  }
}
