import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Canvas, createCanvas, loadImage } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ByteReader, bufferSource } from './byte-reader.js';
import { type ByteSink, MemorySink } from './byte-sink.js';
import { EXIF_HEADER, orientationOnlyTiff } from './exif.js';
import { stripGif } from './gif-stripper.js';
import { type ImageMime, stripImageMetadata } from './image-metadata.js';
import { stripJpeg } from './jpeg-stripper.js';
import { pngChunk, stripPng } from './png-stripper.js';
import { SanitizeError } from './sanitize-error.js';
import { stripWebp } from './webp-stripper.js';

// Strings planted in the fixtures' metadata: none may survive.
const SECRETS = ['Jean Dupont', 'xmpmeta', 'Photoshop', 'Scanned by', 'ACMECORP', 'GPS-MARK'];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'technopolice-sanitize-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let fileCount = 0;
async function strip(
  mime: ImageMime,
  input: Buffer,
): Promise<{ output: Buffer; removed: string[] }> {
  fileCount += 1;
  const inputPath = join(dir, `in-${fileCount}`);
  const outputPath = join(dir, `out-${fileCount}`);
  await writeFile(inputPath, input);
  const { removed } = await stripImageMetadata(mime, inputPath, outputPath);
  return { output: await readFile(outputPath), removed };
}

/** Runs a stripper over `input` cut into `size`-byte chunks: every boundary case at once. */
async function stripInChunks(
  stripper: (reader: ByteReader, sink: ByteSink) => Promise<string[]>,
  input: Buffer,
  size: number,
): Promise<Buffer> {
  const sink = new MemorySink();
  await stripper(new ByteReader(bufferSource(input, size)), sink);
  return sink.toBuffer();
}

function expectNoSecrets(output: Buffer): void {
  const text = output.toString('latin1');
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

/** A 40×24 picture in two colours: wider than tall, so a rotation shows in its size. */
function picture(): Canvas {
  const canvas = createCanvas(40, 24);
  const context = canvas.getContext('2d');
  context.fillStyle = '#c33';
  context.fillRect(0, 0, 40, 24);
  context.fillStyle = '#33c';
  context.fillRect(0, 0, 10, 10);
  return canvas;
}

/** Little-endian TIFF: IFD0 with Orientation, Artist and a GPS IFD holding a latitude. */
function exifTiff(orientation: number): Buffer {
  const tiff = Buffer.alloc(140);
  tiff.write('II*\0', 0, 'latin1');
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(3, 8);
  const entry = (at: number, tag: number, type: number, count: number, value: number): void => {
    tiff.writeUInt16LE(tag, at);
    tiff.writeUInt16LE(type, at + 2);
    tiff.writeUInt32LE(count, at + 4);
    tiff.writeUInt32LE(value, at + 8);
  };
  entry(10, 0x0112, 3, 1, orientation);
  entry(22, 0x013b, 2, 12, 50);
  entry(34, 0x8825, 4, 1, 62);
  tiff.write('Jean Dupont\0', 50, 'latin1');
  tiff.writeUInt16LE(2, 62);
  entry(64, 0x0001, 2, 2, 0x4e); // "N"
  entry(76, 0x0002, 5, 3, 92);
  [48, 1, 51, 1, 2400, 100].forEach((value, index) => tiff.writeUInt32LE(value, 92 + index * 4));
  tiff.write('GPS-MARK', 116, 'latin1');
  return tiff;
}

const XMP_PACKET =
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>Jean Dupont</dc:creator></x:xmpmeta>';

function jpegSegment(marker: number, payload: Buffer): Buffer {
  const header = Buffer.from([0xff, marker, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

describe('JPEG', () => {
  // The canvas JPEG is SOI, APP0 JFIF (20 bytes with SOI), APP2 ICC_PROFILE, then the image.
  async function fixture(): Promise<{ clean: Buffer; dirty: Buffer }> {
    const clean = await picture().encode('jpeg', 90);
    const metadata = [
      jpegSegment(0xe1, Buffer.concat([EXIF_HEADER, exifTiff(6)])),
      jpegSegment(0xe1, Buffer.from(`http://ns.adobe.com/xap/1.0/\0${XMP_PACKET}`, 'latin1')),
      jpegSegment(0xed, Buffer.from('Photoshop 3.0\x008BIM\x04\x04 Jean Dupont', 'latin1')),
      jpegSegment(0xfe, Buffer.from('Scanned by Jean Dupont', 'latin1')),
    ];
    return {
      clean,
      dirty: Buffer.concat([clean.subarray(0, 20), ...metadata, clean.subarray(20)]),
    };
  }

  it('drops EXIF, XMP, IPTC and comments, keeps ICC and writes the orientation back alone', async () => {
    const { clean, dirty } = await fixture();
    expect(clean.toString('latin1', 24, 36)).toBe('ICC_PROFILE\0');

    const { output, removed } = await strip('image/jpeg', dirty);

    const orientation = jpegSegment(0xe1, Buffer.concat([EXIF_HEADER, orientationOnlyTiff(6)]));
    expect(output).toEqual(Buffer.concat([clean.subarray(0, 20), orientation, clean.subarray(20)]));
    expect(removed).toEqual(['exif', 'gps', 'xmp', 'iptc', 'comment']);
    expectNoSecrets(output);
    // Skia honours the orientation: the 40×24 picture comes out 24 wide, 40 tall.
    const image = await loadImage(output);
    expect([image.width, image.height]).toEqual([24, 40]);
  });

  it('writes no EXIF at all when the photo is upright', async () => {
    const clean = await picture().encode('jpeg', 90);
    const exif = jpegSegment(0xe1, Buffer.concat([EXIF_HEADER, exifTiff(1)]));
    const dirty = Buffer.concat([clean.subarray(0, 20), exif, clean.subarray(20)]);

    const { output } = await strip('image/jpeg', dirty);

    expect(output).toEqual(clean);
  });

  it('gives the same output whatever the chunk boundaries', async () => {
    const { dirty } = await fixture();
    const { output } = await strip('image/jpeg', dirty);
    for (const size of [1, 2, 7, 300])
      expect(await stripInChunks(stripJpeg, dirty, size)).toEqual(output);
  });

  it('ends a JPEG cut inside its image data, and drops what follows EOI', async () => {
    const clean = await picture().encode('jpeg', 90);
    const cut = await strip('image/jpeg', clean.subarray(0, clean.length - 10));
    expect(cut.output.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    await expect(loadImage(cut.output)).resolves.toBeDefined();

    const trailer = await strip('image/jpeg', Buffer.concat([clean, Buffer.from('Jean Dupont')]));
    expect(trailer.output).toEqual(clean);
  });
});

describe('PNG', () => {
  it('drops text chunks, eXIf and tIME, and leaves every other byte alone', async () => {
    const clean = await picture().encode('png');
    const metadata = [
      pngChunk('tEXt', Buffer.from('Author\0Jean Dupont', 'latin1')),
      pngChunk('iTXt', Buffer.from(`XML:com.adobe.xmp\0\0\0\0\0${XMP_PACKET}`, 'latin1')),
      pngChunk('eXIf', exifTiff(1)),
      pngChunk('tIME', Buffer.from([0x07, 0xe9, 1, 2, 3, 4, 5])),
    ];
    const afterHeader = 8 + 25;
    const dirty = Buffer.concat([
      clean.subarray(0, afterHeader),
      ...metadata,
      clean.subarray(afterHeader),
    ]);

    const { output, removed } = await strip('image/png', dirty);

    expect(output).toEqual(clean);
    expect(removed).toEqual(['text', 'xmp', 'exif', 'gps', 'timestamp']);
    expect((await loadImage(output)).width).toBe(40);
  });

  it('writes a rotated picture’s orientation back as a minimal eXIf', async () => {
    const clean = await picture().encode('png');
    const dirty = Buffer.concat([
      clean.subarray(0, 33),
      pngChunk('eXIf', exifTiff(8)),
      clean.subarray(33),
    ]);

    const { output } = await strip('image/png', dirty);

    const orientation = pngChunk('eXIf', orientationOnlyTiff(8));
    expect(output).toEqual(Buffer.concat([clean.subarray(0, 33), orientation, clean.subarray(33)]));
    expectNoSecrets(output);
    for (const size of [1, 5]) expect(await stripInChunks(stripPng, dirty, size)).toEqual(output);
  });
});

describe('WebP', () => {
  // The canvas WebP is already extended: VP8X (ICC flag), ICCP, VP8.
  async function fixture(): Promise<{ clean: Buffer; dirty: Buffer }> {
    const clean = await picture().encode('webp', 90);
    expect(clean.toString('latin1', 12, 16)).toBe('VP8X');
    const chunk = (fourcc: string, data: Buffer): Buffer => {
      const header = Buffer.alloc(8);
      header.write(fourcc, 0, 'latin1');
      header.writeUInt32LE(data.length, 4);
      return Buffer.concat([header, data, Buffer.alloc(data.length % 2)]);
    };
    const dirty = Buffer.concat([
      clean,
      chunk('EXIF', Buffer.concat([exifTiff(6), Buffer.from('!')])),
      chunk('XMP ', Buffer.from(XMP_PACKET, 'latin1')),
    ]);
    dirty.writeUInt32LE(dirty.length - 8, 4);
    dirty[20] = (dirty[20] ?? 0) | 0x08 | 0x04;
    return { clean, dirty };
  }

  it('drops EXIF and XMP chunks, clears their flags and fixes the RIFF size', async () => {
    const { clean, dirty } = await fixture();

    const { output, removed } = await strip('image/webp', dirty);

    expect(output).toEqual(clean);
    expect(removed).toEqual(['exif', 'gps', 'xmp']);
    expect((await loadImage(output)).width).toBe(40);
    for (const size of [1, 3]) expect(await stripInChunks(stripWebp, dirty, size)).toEqual(output);
  });
});

describe('GIF', () => {
  function extension(label: number, blocks: Buffer[]): Buffer {
    const parts = blocks.map((block) => Buffer.concat([Buffer.from([block.length]), block]));
    return Buffer.concat([Buffer.from([0x21, label]), ...parts, Buffer.from([0])]);
  }

  /** XMP as the XMP spec stores it in GIF: raw packet, then a 258-byte "magic trailer". */
  function xmpExtension(): Buffer {
    const magic = Buffer.from([
      0x01,
      ...Array.from({ length: 256 }, (_, index) => 255 - index),
      0x00,
    ]);
    const packet = Buffer.from(XMP_PACKET, 'latin1');
    return Buffer.concat([
      Buffer.from([0x21, 0xff, 11]),
      Buffer.from('XMP DataXMP'),
      packet,
      magic,
    ]);
  }

  it('drops comments, XMP and unknown application extensions, keeps looping', async () => {
    const canvasGif = await picture().encode('gif');
    const headerLength = 13 + 6; // header, screen descriptor, two-colour global table
    const loop = extension(0xff, [Buffer.from('NETSCAPE2.0'), Buffer.from([1, 0, 0])]);
    const clean = Buffer.concat([
      canvasGif.subarray(0, headerLength),
      loop,
      canvasGif.subarray(headerLength),
    ]);
    const metadata = [
      extension(0xfe, [Buffer.from('Scanned by Jean Dupont')]),
      xmpExtension(),
      extension(0xff, [Buffer.from('ACMECORP1.0'), Buffer.from('Jean Dupont')]),
    ];
    const dirty = Buffer.concat([
      clean.subarray(0, headerLength),
      ...metadata,
      clean.subarray(headerLength),
    ]);

    const { output, removed } = await strip('image/gif', dirty);

    expect(output).toEqual(clean);
    expect(removed).toEqual(['comment', 'xmp', 'other']);
    expect((await loadImage(output)).width).toBe(40);
    for (const size of [1, 4]) expect(await stripInChunks(stripGif, dirty, size)).toEqual(output);
  });
});

describe('malformed images', () => {
  it.each<[ImageMime, Buffer]>([
    ['image/jpeg', Buffer.from('this is not a picture at all')],
    ['image/png', Buffer.from('this is not a picture at all')],
    ['image/webp', Buffer.from('this is not a picture at all')],
    ['image/gif', Buffer.from('this is not a picture at all')],
    ['image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00])],
  ])('refuses a broken %s, leaving no output', async (mime, input) => {
    const inputPath = join(dir, 'broken');
    const outputPath = join(dir, 'broken-out');
    await writeFile(inputPath, input);

    const failure = stripImageMetadata(mime, inputPath, outputPath);

    await expect(failure).rejects.toBeInstanceOf(SanitizeError);
    await expect(failure).rejects.toMatchObject({ code: 'malformed' });
    await expect(readFile(outputPath)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a PNG cut before IEND and a GIF cut before its trailer', async () => {
    const png = await picture().encode('png');
    const gif = await picture().encode('gif');
    await expect(strip('image/png', png.subarray(0, png.length - 12))).rejects.toMatchObject({
      code: 'malformed',
    });
    await expect(strip('image/gif', gif.subarray(0, gif.length - 1))).rejects.toMatchObject({
      code: 'malformed',
    });
  });

  it('refuses a type it does not handle', async () => {
    const failure = stripImageMetadata(
      'image/tiff' as ImageMime,
      join(dir, 'none'),
      join(dir, 'none-out'),
    );
    await expect(failure).rejects.toMatchObject({ code: 'unsupported' });
  });
});
