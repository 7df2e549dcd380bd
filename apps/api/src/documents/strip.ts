import { rm } from 'node:fs/promises';
import { AppError } from '../common/app-error.js';
import { tempPath } from './ingest.js';
import { documentFamily } from '@technopolice/shared';
import {
  SanitizeError,
  isImageMime,
  stripImageMetadata,
  stripOfficeMetadata,
  stripPdfInIsolation,
} from './sanitize/index.js';

/** A file made safe to store: its path (the same one when nothing needed removing). */
export interface Stripped {
  path: string;
  /** What was removed (`exif`, `gps`, `xmp`, `pdf-info`…), told to the uploader. */
  removed: string[];
  /** Pages of a PDF, known once it has been read. */
  pages: number | null;
}

function refusal(error: unknown): unknown {
  if (!(error instanceof SanitizeError)) return error;
  if (error.code === 'encrypted') {
    return new AppError(
      'document_encrypted',
      'This PDF is protected by a password: remove the protection and send it again.',
      [{ path: 'file', message: 'is password-protected' }],
    );
  }
  return new AppError('document_unreadable', `This file cannot be read safely: ${error.message}.`, [
    { path: 'file', message: 'cannot be read' },
  ]);
}

/**
 * Removes what would tell who made a file and where: EXIF (GPS above all), XMP and IPTC of
 * images, the Info dictionary and XMP of PDFs, the authors and company of office documents. Writes a new temp file beside the upload; a file
 * that cannot be read safely is refused (422), never stored with its metadata.
 */
export async function stripMetadata(
  mimeType: string,
  path: string,
  tempDir: string,
): Promise<Stripped> {
  const family = documentFamily(mimeType);
  if (family !== 'image' && family !== 'pdf' && family !== 'office') {
    return { path, removed: [], pages: null };
  }
  const output = tempPath(tempDir, 'clean');
  try {
    if (isImageMime(mimeType)) {
      const result = await stripImageMetadata(mimeType, path, output);
      return { path: output, removed: result.removed, pages: null };
    }
    if (family === 'office') {
      const result = await stripOfficeMetadata(path, output);
      return { path: output, removed: result.removed, pages: null };
    }
    const result = await stripPdfInIsolation(path, output);
    return { path: output, removed: result.removed, pages: result.pages };
  } catch (error) {
    await rm(output, { force: true });
    throw refusal(error);
  }
}
