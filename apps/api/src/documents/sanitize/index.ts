export { type ImageMime, isImageMime, stripImageMetadata } from './image-metadata.js';
export { stripPdfMetadata } from './pdf-metadata.js';
export { SanitizeError, type SanitizeErrorCode } from './sanitize-error.js';
export { type StripResult } from './strip-result.js';
export { stripOfficeMetadata } from './office-metadata.js';
export { type PdfIsolationLimits, stripPdfInIsolation } from './pdf-isolation.js';
