import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import {
  getDocument,
  VerbosityLevel,
  type PDFDocumentProxy,
  type PDFPageProxy,
} from 'pdfjs-dist/legacy/build/pdf.mjs';
import {
  MAX_OCR_PAGES,
  MAX_OCR_PIXELS,
  MAX_TEXT_PAGES,
  OCR_DPI,
  OCR_MIN_CHARS,
} from './extraction.limits.js';
import { ExtractionError, type ExtractedPage, type RawText } from './extraction.types.js';
import { type OcrEngine } from './ocr.engine.js';

type TextContentItem = Awaited<ReturnType<PDFPageProxy['getTextContent']>>['items'][number];

/** What pdfjs's Node canvas factory hands out (its own @napi-rs/canvas, not ours). */
interface RenderCanvas {
  width: number;
  height: number;
  encode(format: 'png'): Promise<Buffer>;
}
interface CanvasAndContext {
  canvas: RenderCanvas;
  context: unknown;
}
interface CanvasFactory {
  create(width: number, height: number): CanvasAndContext;
  destroy(canvasAndContext: CanvasAndContext): void;
}

const pdfjsDir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
// In Node pdfjs reads these "URLs" with fs: plain paths ending with a separator.
const bundled = (folder: string) => join(pdfjsDir, folder) + sep;

/**
 * pdfjs options for untrusted files: no eval (PDF functions are interpreted instead), fonts,
 * CMaps, colour profiles and wasm decoders read from node_modules, never fetched, system
 * fonts left alone.
 */
function documentOptions(data: Uint8Array) {
  return {
    data,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    useWorkerFetch: false,
    enableXfa: false,
    standardFontDataUrl: bundled('standard_fonts'),
    cMapUrl: bundled('cmaps'),
    cMapPacked: true,
    iccUrl: bundled('iccs'),
    wasmUrl: bundled('wasm'),
    verbosity: VerbosityLevel.ERRORS,
  };
}

const nonSpaceLength = (text: string) => text.replace(/\s+/g, '').length;

/**
 * Joins a page's text items into lines: a line break where pdfjs marks one (`hasEOL`) or where
 * the baseline moves, a blank line for a large jump, and a space where items sit apart on a
 * line without one (PDF producers often position words instead of writing spaces).
 */
export function joinTextItems(items: readonly TextContentItem[]): string {
  let out = '';
  let previous: { end: number; y: number; height: number } | null = null;
  const breakLine = (blank: boolean) => {
    if (out === '') return;
    if (!out.endsWith('\n')) out += '\n';
    if (blank && !out.endsWith('\n\n')) out += '\n';
  };
  for (const item of items) {
    if (!('str' in item)) continue; // marked-content boundaries
    const transform = item.transform as number[];
    const x = transform[4] ?? 0;
    const y = transform[5] ?? 0;
    const height = item.height || Math.hypot(transform[2] ?? 0, transform[3] ?? 0);
    if (previous) {
      const lineHeight = Math.max(previous.height, height, 1);
      const rise = Math.abs(y - previous.y);
      if (rise > lineHeight * 0.5) breakLine(rise > lineHeight * 1.8);
      else if (x - previous.end > lineHeight * 0.15 && !/\s$/.test(out) && !/^\s/.test(item.str)) {
        out += ' ';
      }
    }
    out += item.str;
    if (item.hasEOL) breakLine(false);
    previous = { end: x + item.width, y, height };
  }
  return out;
}

async function openDocument(data: Uint8Array) {
  const task = getDocument(documentOptions(data));
  try {
    return { task, pdf: await task.promise };
  } catch (error) {
    await task.destroy();
    const name = error instanceof Error ? error.name : '';
    if (name === 'PasswordException') {
      throw new ExtractionError('encrypted', 'The PDF is password-protected.', { cause: error });
    }
    if (['InvalidPDFException', 'FormatError', 'UnknownErrorException'].includes(name)) {
      throw new ExtractionError('malformed', 'The PDF cannot be parsed.', { cause: error });
    }
    throw error;
  }
}

/** Renders a page at OCR_DPI (less for huge pages) and encodes it as PNG; null if it fails. */
async function renderPage(pdf: PDFDocumentProxy, page: PDFPageProxy): Promise<Buffer | null> {
  const natural = page.getViewport({ scale: 1 });
  const area = natural.width * natural.height;
  if (!(area > 0)) return null;
  const viewport = page.getViewport({
    scale: Math.min(OCR_DPI / 72, Math.sqrt(MAX_OCR_PIXELS / area)),
  });
  const factory = pdf.canvasFactory as CanvasFactory;
  const target = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
  try {
    // The canvas must come from pdfjs's factory: pdfjs builds glyph paths with its own copy of
    // @napi-rs/canvas, which a canvas of another copy refuses.
    await page.render({ canvas: target.canvas, canvasContext: target.context, viewport }).promise;
    return await target.canvas.encode('png');
  } catch {
    return null; // a page that cannot be drawn keeps whatever text layer it had
  } finally {
    factory.destroy(target);
  }
}

/** Reads one page's text layer; a page pdfjs cannot read counts as empty. */
async function pageText(page: PDFPageProxy): Promise<string> {
  try {
    return joinTextItems((await page.getTextContent()).items);
  } catch {
    return '';
  }
}

/**
 * Text of a PDF: the text layer of its first MAX_TEXT_PAGES pages, and OCR of those with almost
 * no text (scans), up to MAX_OCR_PAGES. Throws 'encrypted' or 'malformed'.
 */
export async function extractPdf(path: string, ocr: OcrEngine): Promise<RawText> {
  const file = await readFile(path);
  // pdfjs refuses Node Buffers and takes ownership of the array it is given.
  const { task, pdf } = await openDocument(
    new Uint8Array(file.buffer, file.byteOffset, file.length),
  );
  try {
    const pageCount = pdf.numPages;
    const readable = Math.min(pageCount, MAX_TEXT_PAGES);
    let truncated = pageCount > readable;
    let ocrPages = 0;
    const pages: ExtractedPage[] = [];
    for (let number = 1; number <= readable; number += 1) {
      const page = await pdf.getPage(number).catch(() => null);
      if (!page) continue;
      try {
        let text = await pageText(page);
        if (nonSpaceLength(text) < OCR_MIN_CHARS) {
          if (ocrPages < MAX_OCR_PAGES) {
            ocrPages += 1;
            const image = await renderPage(pdf, page);
            const read = image ? await ocr.recognize(image) : '';
            if (nonSpaceLength(read) > nonSpaceLength(text)) text = read;
          } else truncated = true;
        }
        pages.push({ number, text });
      } finally {
        page.cleanup();
      }
    }
    return { pageCount, pages, ocrPages, truncated };
  } finally {
    await task.destroy();
  }
}
