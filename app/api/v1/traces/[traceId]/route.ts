import { getTrace } from '@/lib/services/get-trace';
import { AppError } from '@/lib/server/core/errors';
import { jsonRoute } from '@/lib/server/route-handler';

export const dynamic = 'force-dynamic';

/** A lone or broken `%` escape (`%zz`, `%E0%A4%A`) is the caller's mistake: 400, not a URIError's 500. */
function decodeTraceIdOrThrow(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new AppError('invalid_parameter', 'traceId: not a valid percent-encoded path segment', 'traceId');
  }
}

export const GET = jsonRoute<{ traceId: string }>((backend, request, params) =>
  getTrace(backend, decodeTraceIdOrThrow(params.traceId), request.signal, new URL(request.url).searchParams),
);
