import 'server-only';
import { NextResponse } from 'next/server';
import type { LatencyBackend } from '@/lib/backends/types';
import type { ApiErrorBody } from '@/lib/domain/api-responses';
import { getBackendFor } from './backend';
import { errorStatus, toErrorBody } from './core/error-body';
import { AppError } from './core/errors';

/** Maps any error to the API's JSON error answer (`toErrorBody` with its status). */
export function toErrorResponse(error: unknown): NextResponse<ApiErrorBody> {
  const body = toErrorBody(error);
  return NextResponse.json(body, { status: errorStatus(body) });
}

type RouteContext<Params> = { params: Promise<Params> };

/** The parameter that points any read endpoint at a snapshot's frozen window instead of live data. */
const SNAPSHOT_PARAMETER = 'snapshot';

/**
 * The backend a request reads and the request as its service sees it: `snapshot=<id>` chooses the
 * snapshot's frozen window and is removed, since services refuse parameters they do not know.
 */
export async function resolveRequestBackend(request: Request): Promise<{ backend: LatencyBackend; request: Request }> {
  const url = new URL(request.url);
  const snapshots = url.searchParams.getAll(SNAPSHOT_PARAMETER);
  if (snapshots.length === 0) return { backend: await getBackendFor(undefined), request };
  if (snapshots.length > 1) throw new AppError('invalid_parameter', 'snapshot: give one snapshot id', SNAPSHOT_PARAMETER);
  url.searchParams.delete(SNAPSHOT_PARAMETER);
  const backend = await getBackendFor(snapshots[0]);
  return { backend, request: new Request(url, { method: request.method, headers: request.headers, signal: request.signal }) };
}

/**
 * Wraps a route: hands it the request's backend (the process backend, or a snapshot's) and the
 * request, returns its value as JSON, and turns every failure into `{ error: { code, message } }`
 * with the status of its code.
 */
export function jsonRoute<Params = Record<string, never>, Result = unknown>(
  handler: (backend: LatencyBackend, request: Request, params: Params) => Promise<Result>,
) {
  return async (request: Request, context: RouteContext<Params>): Promise<NextResponse> => {
    try {
      const resolved = await resolveRequestBackend(request);
      const params = await context.params;
      const result = await handler(resolved.backend, resolved.request, params);
      return NextResponse.json(result, { headers: { 'Cache-Control': 'no-store' } });
    } catch (error) {
      // The browser went away (a superseded query): nobody reads the answer, and it is no error.
      if (request.signal.aborted) return new NextResponse(null, { status: 499 });
      return toErrorResponse(error);
    }
  };
}
