import { open } from 'node:fs/promises';
import { MAX_TEXT_FILE_BYTES } from './extraction.limits.js';
import { type RawText } from './extraction.types.js';

// windows-1252 where it differs from latin-1 (0x80–0x9f); the five unassigned bytes stay as
// is. Node's TextDecoder decodes 'windows-1252' as plain latin-1, losing € and œ.
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
    .toString('latin1')
    .replace(/[\u0080-\u009f]/g, (char) => CP1252_HIGH[char.charCodeAt(0) - 0x80]!);
}

/**
 * Decodes bytes as UTF-8, or as windows-1252 when they are not valid UTF-8 (what Windows
 * exports and old spreadsheets write). A UTF-16 byte-order mark wins over both. `cut` says the
 * bytes were truncated, so an incomplete last UTF-8 sequence is not taken for invalid bytes.
 */
export function decodeText(bytes: Uint8Array, cut = false): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: cut });
  } catch {
    return decodeWindows1252(bytes);
  }
}

/** Text of a plain-text, CSV or Markdown file: its first MAX_TEXT_FILE_BYTES, as one page. */
export async function extractPlainText(
  path: string,
  maxBytes: number = MAX_TEXT_FILE_BYTES,
): Promise<RawText> {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    const buffer = new Uint8Array(Math.min(size, maxBytes));
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break; // the file shrank meanwhile
      filled += bytesRead;
    }
    const truncated = size > maxBytes;
    const text = decodeText(buffer.subarray(0, filled), truncated);
    return { pageCount: 1, pages: [{ number: 1, text }], ocrPages: 0, truncated };
  } finally {
    await handle.close();
  }
}
