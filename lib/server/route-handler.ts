import 'server-only';
import { NextResponse } from 'next/server';
import type { LatencyBackend } from '@/lib/backends/types';
import type { ApiErrorBody } from '@/lib/domain/api-responses';
import { getBackend } from './backend';
import { ConfigError } from './config';
import { AppError } from './errors';

/** Maps any error to the API's JSON error shape; unexpected errors are logged, never echoed. */
export function toErrorResponse(error: unknown): NextResponse<ApiErrorBody> {
  const appError =
    error instanceof AppError
      ? error
      : error instanceof ConfigError
        ? new AppError('config_error', error.message)
        : null;
  if (!appError) {
    console.error('hopscope: unexpected error', error);
    return NextResponse.json({ error: { code: 'internal', message: 'unexpected server error; see the server log' } }, { status: 500 });
  }
  const body: ApiErrorBody = { error: { code: appError.code, message: appError.message } };
  if (appError.parameter) body.error.parameter = appError.parameter;
  return NextResponse.json(body, { status: appError.status });
}

type RouteContext<Params> = { params: Promise<Params> };

/**
 * Wraps a route: hands it the process backend and the request, returns its value as JSON, and
 * turns every failure into `{ error: { code, message } }` with the status of its code.
 */
export function jsonRoute<Params = Record<string, never>, Result = unknown>(
  handler: (backend: LatencyBackend, request: Request, params: Params) => Promise<Result>,
) {
  return async (request: Request, context: RouteContext<Params>): Promise<NextResponse> => {
    try {
      const backend = await getBackend();
      const result = await handler(backend, request, await context.params);
      return NextResponse.json(result, { headers: { 'Cache-Control': 'no-store' } });
    } catch (error) {
      // The browser went away (a superseded query): nobody reads the answer, and it is no error.
      if (request.signal.aborted) return new NextResponse(null, { status: 499 });
      return toErrorResponse(error);
    }
  };
}
