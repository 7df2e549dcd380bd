export {
  EXTRACTION_FAILURES,
  ExtractionError,
  type ExtractedPage,
  type ExtractedText,
  type ExtractionFailure,
} from './extraction.types.js';
export { MAX_OCR_PAGES, MAX_TEXT_PAGES } from './extraction.limits.js';
export { extractInIsolation, type ExtractionOptions } from './isolated-extraction.js';
export { extractable } from './mime-types.js';
