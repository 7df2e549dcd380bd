/** One page of extracted text; `number` is 1-based. */
export interface ExtractedPage {
  number: number;
  text: string;
}

/** The text of a document, as the extraction child returns it. */
export interface ExtractedText {
  /** PDF pages, slides or sheets; 1 for an image or a text file; null when the format has none. */
  pageCount: number | null;
  /** Only the pages that have text, in order. */
  pages: ExtractedPage[];
  /** Detected from the text; null when it is too short or mixed to tell. */
  language: 'fr' | 'en' | null;
  /** How many pages were OCR'd. */
  ocrPages: number;
  /** Whether a limit (pages, OCR pages, bytes, characters) cut the text short. */
  truncated: boolean;
}

/** Why a document's text could not be extracted. */
export type ExtractionFailure =
  'encrypted' | 'malformed' | 'too_large' | 'timeout' | 'out_of_memory' | 'crashed' | 'unsupported';

/** Every failure code, for checking what the child sends. */
export const EXTRACTION_FAILURES = [
  'encrypted',
  'malformed',
  'too_large',
  'timeout',
  'out_of_memory',
  'crashed',
  'unsupported',
] as const satisfies readonly ExtractionFailure[];

// The file itself is the problem: the same bytes fail the same way on every retry.
const PERMANENT: ReadonlySet<ExtractionFailure> = new Set([
  'encrypted',
  'malformed',
  'too_large',
  'unsupported',
]);

/**
 * A failed extraction. `permanent` says whether retrying cannot help (the file is encrypted,
 * malformed, too large or of an unsupported type) as opposed to a timeout, a memory limit or a
 * crash, which a retry on a quieter machine or with more room may get past.
 */
export class ExtractionError extends Error {
  readonly permanent: boolean;

  constructor(
    readonly code: ExtractionFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ExtractionError';
    this.permanent = PERMANENT.has(code);
  }
}

/** What an extractor returns, before empty pages are dropped and the language is detected. */
export interface RawText {
  pageCount: number | null;
  pages: ExtractedPage[];
  ocrPages: number;
  truncated: boolean;
}
