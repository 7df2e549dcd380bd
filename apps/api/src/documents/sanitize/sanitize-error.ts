/** Why a file could not be sanitized. */
export type SanitizeErrorCode = 'malformed' | 'encrypted' | 'unsupported';

/**
 * A file the sanitizer refuses: it cannot parse it ('malformed'), cannot see inside it
 * ('encrypted'), or does not handle its type ('unsupported'). The upload service maps the code
 * to its own error.
 */
export class SanitizeError extends Error {
  constructor(
    readonly code: SanitizeErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SanitizeError';
  }
}

/** Shorthand for the most common refusal. */
export function malformed(message: string, cause?: unknown): SanitizeError {
  return new SanitizeError('malformed', message, cause === undefined ? undefined : { cause });
}
