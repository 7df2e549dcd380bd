/**
 * Error codes the API answers in `{statusCode, code, message}`. Scripts match on `code`,
 * people read `message`; add codes, never rename one.
 */
export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'invalid_json',
  'unauthorized',
  'forbidden',
  'not_found',
  'route_not_found',
  'conflict',
  'stale_version',
  'stage_forbidden',
  'last_admin',
  'username_taken',
  'invitation_expired',
  'invitation_revoked',
  'invitation_used_up',
  'payload_too_large',
  'unsupported_media_type',
  'empty_file',
  'document_encrypted',
  'document_unreadable',
  'invalid_rich_text',
  'unsafe_link',
  'foreign_image',
  'mention_not_member',
  'thread_locked',
  'rate_limited',
  'not_in_review',
  'not_approved',
  'approval_by_last_editor',
  'summary_invalid',
  'not_published',
  'case_published',
  'retracted',
  'service_unavailable',
  'internal_error',
] as const;
/** A machine-readable error code. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem with a field of the input, `path` as dotted keys (`technologies.2`). */
export interface FieldIssue {
  path: string;
  message: string;
}

/** The body of every error answer. */
export interface ApiErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details?: FieldIssue[];
}
