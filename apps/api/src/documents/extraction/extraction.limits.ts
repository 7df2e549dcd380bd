/** PDF pages whose text layer is read; pages past it count in `pageCount` only. */
export const MAX_TEXT_PAGES = 2000;
/** PDF pages OCR'd per document: OCR costs seconds a page. */
export const MAX_OCR_PAGES = 50;
/** A PDF page with fewer non-space characters than this in its text layer is OCR'd. */
export const OCR_MIN_CHARS = 20;
/** Bytes of a text file read; the rest is dropped. */
export const MAX_TEXT_FILE_BYTES = 10 * 1024 * 1024;
/** Characters returned for a whole document, so that the result stays a sane size. */
export const MAX_TEXT_CHARS = 10 * 1024 * 1024;
/** Bytes inflated from an office file's entries, in all. */
export const MAX_ZIP_INFLATED_BYTES = 50 * 1024 * 1024;
/** Inflated over compressed bytes of one entry; real XML stays well below. */
export const MAX_ZIP_RATIO = 100;
/** Resolution PDF pages are rendered at for OCR. */
export const OCR_DPI = 250;
/** Pixels of an image handed to OCR; larger renders and photos are scaled down. */
export const MAX_OCR_PIXELS = 25_000_000;
/** Wall-clock limit of one extraction. */
export const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;
/** Memory limit of one extraction child (heap and resident set). */
export const DEFAULT_MAX_MEMORY_MB = 1024;
