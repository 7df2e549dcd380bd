import { ACCEPTED_TYPES, type DocumentFamily, documentFamily } from '@technopolice/shared';
import { fileTypeFromFile } from 'file-type';
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { AppError } from '../common/app-error.js';

/** A stored file's real type, from its bytes. */
export interface SniffedType {
  mimeType: string;
  family: DocumentFamily;
}

// file-type's names where they differ from the allow-list's.
const ALIASES: Record<string, string> = {
  'audio/x-flac': 'audio/flac',
  'audio/vnd.wave': 'audio/wav',
  'audio/x-wav': 'audio/wav',
  'audio/opus': 'audio/ogg',
};

// What people recognise in a refusal, for the types file-type names that we refuse.
const REFUSED_NAMES: Record<string, string> = {
  'application/x-msdownload': 'a Windows program',
  'application/x-elf': 'a Linux program',
  'application/x-mach-binary': 'a macOS program',
  'application/x-cfb': 'a legacy Office file (export it as PDF, .docx or .odt)',
  'application/zip': 'a zip archive (attach its files one by one)',
  'image/heic': 'a HEIC photo (export it as JPEG)',
  'image/tiff': 'a TIFF image (export it as PDF, PNG or JPEG)',
};

const TEXT_SAMPLE_BYTES = 64 * 1024;

/**
 * Whether the first bytes read as text a person wrote: no NUL, valid UTF-8 (or a single-byte
 * encoding with almost no control characters, as old Windows exports are).
 */
function looksLikeText(sample: Buffer): boolean {
  if (sample.length === 0 || sample.includes(0)) return false;
  let controls = 0;
  for (const byte of sample) {
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) {
      controls += 1;
    }
  }
  return controls <= sample.length / 200;
}

async function readStart(path: string, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const refuse = (message: string) =>
  new AppError('unsupported_media_type', message, [{ path: 'file', message }]);

/** The lower-case extension of a file name, without the dot (`''` when it has none). */
export const extensionOf = (fileName: string) => extname(fileName).slice(1).toLowerCase();

/**
 * The real type of a file, sniffed from its bytes, never from its name or a header. A type
 * outside the allow-list, or a name whose extension belongs to another family than the bytes
 * (a "report.pdf" that is a program, an image or a web page), answers 415. Within one family
 * a wrong extension (a PNG named `.jpg`) is harmless and only corrected on download.
 */
export async function sniffType(path: string, fileName: string): Promise<SniffedType> {
  const detected = await fileTypeFromFile(path);
  const extension = extensionOf(fileName);
  let mimeType: string;
  if (detected) {
    const plain = detected.mime.split(';')[0]!.trim();
    mimeType = ALIASES[plain] ?? plain;
    if (!ACCEPTED_TYPES[mimeType]) {
      const what = REFUSED_NAMES[mimeType] ?? `of type ${mimeType}`;
      throw refuse(`This file is ${what}, which is not accepted.`);
    }
  } else {
    if (!looksLikeText(await readStart(path, TEXT_SAMPLE_BYTES))) {
      throw refuse('The type of this file could not be recognised from its content.');
    }
    // Text is accepted under the names of text formats only: web pages, SVG and scripts are
    // text too, and have no place among a case's documents.
    mimeType = ['csv', 'tsv'].includes(extension) ? 'text/csv' : 'text/plain';
    const known = Object.values(ACCEPTED_TYPES).some((type) => type.extensions.includes(extension));
    if (extension !== '' && !known) {
      throw refuse(`A .${extension} file is not accepted; text files are .txt, .md or .csv.`);
    }
  }
  const family = documentFamily(mimeType)!;
  const named = Object.entries(ACCEPTED_TYPES)
    .filter(([, type]) => type.extensions.includes(extension))
    .map(([, type]) => type.family);
  const mediaFamilies: DocumentFamily[] = ['audio', 'video'];
  const compatible =
    named.length === 0 ||
    named.includes(family) ||
    (mediaFamilies.includes(family) && named.some((f) => mediaFamilies.includes(f)));
  if (!compatible) {
    throw refuse(
      `The name says .${extension} but the content is ${mimeType}: rename the file or send the right one.`,
    );
  }
  return { mimeType, family };
}

/** The file name shown and offered on download, with the extension of its real type. */
export function downloadName(fileName: string, mimeType: string): string {
  const extensions = ACCEPTED_TYPES[mimeType]?.extensions ?? [];
  const extension = extensionOf(fileName);
  if (extensions.length === 0 || extensions.includes(extension)) return fileName;
  const base = extension ? fileName.slice(0, -(extension.length + 1)) : fileName;
  return `${base}.${extensions[0]!}`;
}
