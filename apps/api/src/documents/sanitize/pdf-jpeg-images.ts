import { PDFArray, type PDFContext, PDFName, type PDFObject, PDFRawStream } from '@pdfme/pdf-lib';
import { ByteReader, bufferSource } from './byte-reader.js';
import { MemorySink } from './byte-sink.js';
import { stripJpeg } from './jpeg-stripper.js';
import { SanitizeError } from './sanitize-error.js';

const DCT_DECODE = PDFName.of('DCTDecode');

/**
 * Strips EXIF, XMP and the like from JPEG images embedded in a PDF (DCTDecode streams): a
 * scanning app may leave its name, the phone's model or GPS there. Returns whether any image
 * carried metadata. A JPEG the stripper cannot parse is left as it is, as are JPEGs behind a
 * second filter.
 */
export async function stripEmbeddedJpegs(context: PDFContext): Promise<boolean> {
  let found = false;
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    if (
      !(object instanceof PDFRawStream) ||
      !isPlainJpeg(object.dict.get(PDFName.of('Filter')), context)
    )
      continue;
    const stripped = await stripJpegBytes(object.contents);
    if (stripped === undefined) continue;
    found = true;
    context.assign(ref, PDFRawStream.of(object.dict, stripped));
  }
  return found;
}

/** Whether the stream's only filter is DCTDecode, so its contents are a JPEG file. */
function isPlainJpeg(filter: PDFObject | undefined, context: PDFContext): boolean {
  const resolved = filter === undefined ? undefined : context.lookup(filter);
  if (resolved instanceof PDFArray)
    return resolved.size() === 1 && context.lookup(resolved.get(0)) === DCT_DECODE;
  return resolved === DCT_DECODE;
}

/** The JPEG without its metadata, or undefined when it had none or cannot be parsed. */
async function stripJpegBytes(jpeg: Uint8Array): Promise<Uint8Array | undefined> {
  const sink = new MemorySink();
  try {
    const removed = await stripJpeg(new ByteReader(bufferSource(jpeg)), sink);
    return removed.length === 0 ? undefined : sink.toBuffer();
  } catch (error) {
    if (error instanceof SanitizeError) return undefined;
    throw error;
  }
}
