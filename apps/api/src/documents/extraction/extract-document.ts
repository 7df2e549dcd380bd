import { detectLanguage } from './language.js';
import { MAX_TEXT_CHARS } from './extraction.limits.js';
import {
  ExtractionError,
  type ExtractedPage,
  type ExtractedText,
  type RawText,
} from './extraction.types.js';
import { extractorKind, type ExtractorKind } from './mime-types.js';
import { OcrEngine } from './ocr.engine.js';
import { tidyText } from './xml-text.js';

const LANGUAGE_SAMPLE_CHARS = 200_000;

// Each child extracts one file: it loads only that file's extractor (pdfjs, canvas and fflate
// are slow to import), which is most of a small document's time.
async function extractRaw(path: string, kind: ExtractorKind, ocr: OcrEngine): Promise<RawText> {
  switch (kind) {
    case 'pdf':
      return (await import('./pdf.extractor.js')).extractPdf(path, ocr);
    case 'image':
      return (await import('./image.extractor.js')).extractImage(path, ocr);
    case 'text':
      return (await import('./plain-text.extractor.js')).extractPlainText(path);
    case 'docx':
    case 'xlsx':
    case 'pptx':
    case 'odt':
    case 'ods':
    case 'odp':
      return (await import('./office.extractor.js')).extractOffice(path, kind);
  }
}

/** Cuts a text to `length` characters without splitting a surrogate pair. */
function cut(text: string, length: number): string {
  const code = text.charCodeAt(length - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length);
}

/**
 * Turns what an extractor read into the result: tidied pages, empty ones dropped, at most
 * MAX_TEXT_CHARS characters in all, and the language of the text.
 */
export function finishExtraction(raw: RawText, maxChars: number = MAX_TEXT_CHARS): ExtractedText {
  let truncated = raw.truncated;
  let left = maxChars;
  const pages: ExtractedPage[] = [];
  for (const page of raw.pages) {
    let text = tidyText(page.text);
    if (text === '') continue;
    if (left <= 0 || text.length > left) {
      truncated = true;
      if (left <= 0) break;
      text = cut(text, left);
    }
    left -= text.length;
    pages.push({ number: page.number, text });
  }
  let sample = '';
  for (const page of pages) {
    if (sample.length >= LANGUAGE_SAMPLE_CHARS) break;
    sample += `${page.text}\n`;
  }
  return {
    pageCount: raw.pageCount,
    pages,
    language: detectLanguage(sample),
    ocrPages: raw.ocrPages,
    truncated,
  };
}

/**
 * Extracts the text of a file in this process. Meant for the extraction child only: a hostile
 * file can exhaust memory or hang here. `workDir` is the job's private scratch directory.
 */
export async function extractDocument(
  path: string,
  mime: string,
  workDir: string,
): Promise<ExtractedText> {
  const kind = extractorKind(mime);
  if (!kind) throw new ExtractionError('unsupported', `No text can be extracted from ${mime}.`);
  const ocr = new OcrEngine(workDir);
  try {
    return finishExtraction(await extractRaw(path, kind, ocr));
  } finally {
    await ocr.terminate();
  }
}
