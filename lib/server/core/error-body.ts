import 'server-only';
import type { ApiErrorBody } from '@/lib/domain/api-responses';
import { ConfigError } from './config';
import { AppError, ERROR_STATUS, type ErrorCode } from './errors';

/** The API's error body, its code one of ours (so `ERROR_STATUS[body.error.code]` is its HTTP status). */
export type AppErrorBody = ApiErrorBody & { error: { code: ErrorCode } };

/**
 * Maps any error to the API's `{ error: { code, message } }` body: an `AppError` as it is, a
 * configuration error as `config_error`, anything else as `internal` without details (logged
 * here, never echoed). Route handlers send it with `ERROR_STATUS[body.error.code]`; pages show
 * `body.error`.
 */
export function toErrorBody(error: unknown): AppErrorBody {
  const appError =
    error instanceof AppError
      ? error
      : error instanceof ConfigError
        ? new AppError('config_error', error.message)
        : null;
  if (!appError) {
    console.error('hopscope: unexpected error', error);
    return { error: { code: 'internal', message: 'unexpected server error; see the server log' } };
  }
  const body: AppErrorBody = { error: { code: appError.code, message: appError.message } };
  if (appError.parameter) body.error.parameter = appError.parameter;
  return body;
}

/** The HTTP status of an error body. */
export function errorStatus(body: AppErrorBody): number {
  return ERROR_STATUS[body.error.code];
}
