import 'server-only';
import { NextResponse } from 'next/server';
import type { LatencyBackend } from '@/lib/backends/types';
import type { ApiErrorBody } from '@/lib/domain/api-responses';
import { getBackend } from './backend';
import { errorStatus, toErrorBody } from './core/error-body';

/** Maps any error to the API's JSON error answer (`toErrorBody` with its status). */
export function toErrorResponse(error: unknown): NextResponse<ApiErrorBody> {
  const body = toErrorBody(error);
  return NextResponse.json(body, { status: errorStatus(body) });
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
