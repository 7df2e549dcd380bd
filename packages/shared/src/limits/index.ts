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

/** Shortest password the built-in issuer accepts. */
export const PASSWORD_MIN_LENGTH = 10;

/** Longest password (argon2 hashes anything, but a megabyte-long one is an attack). */
export const PASSWORD_MAX_LENGTH = 256;

/** Usernames: what people type to sign in. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,31}$/;

/** Longest display name (a pseudonym is enough). */
export const MAX_DISPLAY_NAME_LENGTH = 60;

/** How long an invitation link lives by default, and at most. */
export const INVITATION_DEFAULT_DAYS = 7;
/** Longest life of an invitation link. */
export const INVITATION_MAX_DAYS = 90;

/** Most tags on one case. */
export const MAX_TAGS = 20;
/** Longest tag. */
export const MAX_TAG_LENGTH = 40;
/** Most actors named on one case. */
export const MAX_CASE_ACTORS = 30;
/** Most rows one CSV import reads. */
export const MAX_IMPORT_ROWS = 1000;
