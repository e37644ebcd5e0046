import 'server-only';

/** Error codes of API v1 and the HTTP status each one maps to. */
export const ERROR_STATUS = {
  invalid_parameter: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  backend_unavailable: 503,
  backend_unauthorized: 502,
  backend_timeout: 504,
  backend_error: 502,
  index_not_found: 404,
  config_error: 500,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** An error meant for the user: a code, a message safe to show, and the parameter when relevant. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly parameter?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** What a caller whose request was aborted gets (its own query interrupted, or it left a shared call). */
export function requestCancelled(cause?: unknown): AppError {
  return new AppError('backend_timeout', 'the request was cancelled', undefined, cause === undefined ? undefined : { cause });
}
