import { open, rm } from 'node:fs/promises';
import { ByteReader, fileSource } from './byte-reader.js';
import { type ByteSink, FileSink } from './byte-sink.js';
import { stripGif } from './gif-stripper.js';
import { stripJpeg } from './jpeg-stripper.js';
import { stripPng } from './png-stripper.js';
import { SanitizeError } from './sanitize-error.js';
import { type StripResult } from './strip-result.js';
import { stripWebp } from './webp-stripper.js';

/** The image types the sanitizer can clean. */
export type ImageMime = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/gif';

type ImageStripper = (reader: ByteReader, sink: ByteSink) => Promise<string[]>;

const STRIPPERS: Record<ImageMime, ImageStripper> = {
  'image/jpeg': stripJpeg,
  'image/png': stripPng,
  'image/webp': stripWebp,
  'image/gif': stripGif,
};

/** Whether `mime` is an image type that `stripImageMetadata` handles. */
export function isImageMime(mime: string): mime is ImageMime {
  return Object.hasOwn(STRIPPERS, mime);
}

/**
 * Copies an image to `outputPath` without the metadata that could tell who made it, where or
 * with what (EXIF with GPS, XMP, IPTC, comments, text chunks), losslessly and with bounded
 * memory. A JPEG's or PNG's non-upright EXIF orientation is written back alone. On failure
 * the partial output is removed.
 *
 * @throws SanitizeError 'malformed' when the file is not a well-formed image of that type,
 *   'unsupported' for another type.
 */
export async function stripImageMetadata(
  mime: ImageMime,
  inputPath: string,
  outputPath: string,
): Promise<StripResult> {
  if (!isImageMime(mime)) throw new SanitizeError('unsupported', `cannot sanitize ${String(mime)}`);
  const input = await open(inputPath, 'r');
  try {
    const sink = await FileSink.open(outputPath);
    try {
      const removed = await STRIPPERS[mime](new ByteReader(fileSource(input)), sink);
      await sink.close();
      return { removed };
    } catch (error) {
      await sink.close().catch(() => undefined);
      await rm(outputPath, { force: true });
      throw error;
    }
  } finally {
    await input.close();
  }
}
