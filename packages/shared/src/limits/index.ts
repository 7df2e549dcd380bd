/**
 * Limits shared by forms and the API, so both refuse the same input with the same words.
 */

/** Largest JSON request body the API parses; larger answers 413. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

/** Default for `MAX_UPLOAD_BYTES` (512 MiB). */
export const DEFAULT_MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

/** Longest title of a group, case, thread or document. */
export const MAX_TITLE_LENGTH = 200;

/** Longest free-text description. */
export const MAX_DESCRIPTION_LENGTH = 5000;
