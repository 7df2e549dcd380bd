import { type ErrorCode, type FieldIssue } from '@technopolice/shared';

/** HTTP status of each error code: the one place that decides it. */
export const STATUS_OF: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  route_not_found: 404,
  conflict: 409,
  stale_version: 409,
  stage_forbidden: 409,
  last_admin: 409,
  username_taken: 409,
  invitation_expired: 410,
  invitation_revoked: 410,
  invitation_used_up: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  empty_file: 400,
  document_encrypted: 422,
  document_unreadable: 422,
  invalid_rich_text: 400,
  unsafe_link: 400,
  foreign_image: 400,
  mention_not_member: 400,
  thread_locked: 409,
  rate_limited: 429,
  not_in_review: 409,
  not_approved: 409,
  approval_by_last_editor: 409,
  summary_invalid: 409,
  not_published: 409,
  case_published: 409,
  retracted: 410,
  service_unavailable: 503,
  internal_error: 500,
};

/**
 * An error the API answers on purpose. Features throw it with their code; the error filter
 * turns it into `{statusCode, code, message, details?}`.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldIssue[],
  ) {
    super(message);
    this.name = 'AppError';
  }

  get statusCode(): number {
    return STATUS_OF[this.code];
  }

  /** 400 `validation_failed` naming one field, as the schema checks would. */
  static invalid(path: string, message: string): AppError {
    return new AppError('validation_failed', `${path}: ${message}`, [{ path, message }]);
  }
}
