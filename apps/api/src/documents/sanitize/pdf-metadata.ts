import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import {
  PDFArray,
  type PDFContext,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFObject,
  PDFRef,
  PDFStream,
} from '@pdfme/pdf-lib';
import { stripEmbeddedJpegs } from './pdf-jpeg-images.js';
import { SanitizeError, malformed } from './sanitize-error.js';
import { RemovalLog, type StripResult } from './strip-result.js';

const METADATA = PDFName.of('Metadata');
const PIECE_INFO = PDFName.of('PieceInfo');

/**
 * Copies a PDF without its document information (author, creator, producer, dates…), XMP
 * packets, PieceInfo (application private data) and every object no longer reachable from the
 * catalog, so earlier revisions kept by incremental saves do not survive. The file ID is
 * replaced by a random one, and embedded JPEG images lose their EXIF and XMP. Loads the whole
 * file and keeps no state: run it in a child process whose memory is capped.
 *
 * @throws SanitizeError 'encrypted' for an encrypted PDF, 'malformed' when it cannot be parsed,
 *   has no page, or has fewer pages than its page tree announces (so a truncated file is
 *   accepted only when every page was recovered).
 */
export async function stripPdfMetadata(
  inputPath: string,
  outputPath: string,
): Promise<StripResult & { pages: number }> {
  const document = await loadPdf(await readFile(inputPath));
  const pages = countPages(document);
  const removed = new RemovalLog();
  removeTrailerEntries(document.context, removed);
  removeMetadataKeys(document.context, removed);
  if (dropUnreachableObjects(document.context) > 0) removed.add('pdf-unreferenced-objects');
  if (await stripEmbeddedJpegs(document.context)) removed.add('pdf-image-metadata');
  const output = await document.save({
    useObjectStreams: false,
    addDefaultPage: false,
    updateFieldAppearances: false,
  });
  await writeFile(outputPath, output);
  return { removed: removed.list(), pages };
}

async function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  let document: PDFDocument;
  try {
    // updateMetadata: false, or pdf-lib writes its own Producer and dates into the output.
    document = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
  } catch (error) {
    throw malformed('the PDF cannot be parsed', error);
  }
  // pdf-lib keeps the /Encrypt entry of any trailer it read, so an encrypted revision counts.
  if (document.context.trailerInfo.Encrypt !== undefined) {
    throw new SanitizeError('encrypted', 'the PDF is encrypted');
  }
  if (!(document.context.lookup(document.context.trailerInfo.Root) instanceof PDFDict)) {
    throw malformed('the PDF has no catalog');
  }
  return document;
}

/**
 * Counts the pages pdf-lib can reach. A truncated file may still parse: it is accepted only
 * when no page announced by the page tree is missing, rather than silently losing pages.
 */
function countPages(document: PDFDocument): number {
  let pages: number;
  let announced: number | undefined;
  try {
    pages = document.getPageCount();
    announced = document.catalog.Pages().lookupMaybe(PDFName.of('Count'), PDFNumber)?.asNumber();
  } catch (error) {
    throw malformed('the PDF page tree cannot be read', error);
  }
  if (pages === 0) throw malformed('the PDF has no readable page');
  if (announced !== undefined && pages < announced) {
    throw malformed(`the PDF announces ${announced} pages but only ${pages} can be read`);
  }
  return pages;
}

/** Drops the Info dictionary and replaces the file ID, which may hash the original path. */
function removeTrailerEntries(context: PDFContext, removed: RemovalLog): void {
  if (context.trailerInfo.Info !== undefined) removed.add('pdf-info');
  context.trailerInfo.Info = undefined;
  if (context.trailerInfo.ID !== undefined) removed.add('pdf-id');
  const id = PDFHexString.of(randomBytes(16).toString('hex'));
  context.trailerInfo.ID = context.obj([id, id]);
}

/** Deletes /Metadata and /PieceInfo from every dictionary, nested ones included. */
function removeMetadataKeys(context: PDFContext, removed: RemovalLog): void {
  for (const [, object] of context.enumerateIndirectObjects()) {
    for (const dict of directDictionaries(object)) {
      if (dict.has(METADATA)) removed.add('pdf-xmp');
      if (dict.has(PIECE_INFO)) removed.add('pdf-piece-info');
      dict.delete(METADATA);
      dict.delete(PIECE_INFO);
    }
  }
}

/** The dictionaries held directly in `root` (stream dictionaries included), not behind refs. */
function directDictionaries(root: PDFObject): PDFDict[] {
  const found: PDFDict[] = [];
  const pending: PDFObject[] = [root];
  for (let object = pending.pop(); object !== undefined; object = pending.pop()) {
    if (object instanceof PDFDict) found.push(object);
    // One push per child: spreading a huge array could overflow the argument limit.
    for (const child of childrenOf(object)) pending.push(child);
  }
  return found;
}

/** What is written inside `object`: a stream's dictionary, a dictionary's values, array items. */
function childrenOf(object: PDFObject): PDFObject[] {
  if (object instanceof PDFStream) return [object.dict];
  if (object instanceof PDFDict) return object.values();
  if (object instanceof PDFArray) return object.asArray();
  return [];
}

/**
 * Deletes every indirect object that the trailer's Root does not lead to: old Info and XMP
 * objects, replaced page content, whatever earlier revisions left. Returns how many went.
 */
function dropUnreachableObjects(context: PDFContext): number {
  const reached = new Set<string>();
  const pending: PDFObject[] = [];
  const root = context.trailerInfo.Root;
  if (root !== undefined) pending.push(root);
  for (let object = pending.pop(); object !== undefined; object = pending.pop()) {
    if (!(object instanceof PDFRef)) {
      for (const child of childrenOf(object)) pending.push(child);
    } else if (!reached.has(object.tag)) {
      reached.add(object.tag);
      const target = context.lookup(object);
      if (target !== undefined) pending.push(target);
    }
  }
  let dropped = 0;
  for (const [ref] of context.enumerateIndirectObjects()) {
    if (reached.has(ref.tag)) continue;
    context.delete(ref);
    dropped += 1;
  }
  return dropped;
}
