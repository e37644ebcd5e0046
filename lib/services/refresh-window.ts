import 'server-only';
import type { LatencyBackend } from '@/lib/backends/types';
import type { RefreshResponse } from '@/lib/domain/api-responses';
import { AppError } from '@/lib/server/core/errors';
import { rejectUnknownParameters } from './parse-params';
import { resolveQueryOrThrow } from './resolve-query';

/** The largest refresh body accepted, in bytes: a window needs a few dozen. */
export const MAX_REFRESH_BODY_BYTES = 16_384;

const WINDOW_KEYS = ['from', 'to'] as const;

/**
 * The body's window as the shared query's `from`/`to` (validated and resolved by
 * resolveQueryOrThrow, as every endpoint's): a JSON object of exactly those two strings.
 */
function readWindowOrThrow(body: unknown): Record<(typeof WINDOW_KEYS)[number], string> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError('invalid_parameter', 'body: expected a JSON object {"from": …, "to": …}', 'body');
  }
  const record = body as Record<string, unknown>;
  rejectUnknownParameters(Object.fromEntries(Object.keys(record).map((key) => [key, ''])), WINDOW_KEYS);
  for (const key of WINDOW_KEYS) {
    if (record[key] === undefined) throw new AppError('invalid_parameter', `${key}: required; a refresh names its window (ISO-8601 or relative, now-1h)`, key);
    if (typeof record[key] !== 'string') throw new AppError('invalid_parameter', `${key}: expected a string`, key);
  }
  return { from: record.from as string, to: record.to as string };
}

/** Why a backend without refreshWindow has nothing to read again. */
function nothingToRefresh(backend: LatencyBackend): string {
  if (backend.frozenWindow) return 'a snapshot is frozen: it holds the lines read when it was taken, and nothing reads them again';
  if (backend.kind === 'duckdb') return 'the embedded store reads its log files once, when it loads: restart hopscope to read them again';
  return 'this backend keeps nothing of a window to read again';
}

/**
 * Forgets what the backend keeps of a window, so that the next answers read it again: on
 * Elasticsearch its materialized slices, which hold only the lines there when they were read (a
 * line that arrived later than HOPSCOPE_ES_LATE_MARGIN is otherwise never seen). The body's
 * `from`/`to` are checked and resolved like every endpoint's (relative times allowed); a backend
 * that keeps nothing (the embedded store, a snapshot) refuses with 409 `conflict`.
 */
export async function refreshWindow(backend: LatencyBackend, body: unknown, signal?: AbortSignal): Promise<RefreshResponse> {
  const query = await resolveQueryOrThrow(backend, readWindowOrThrow(body), signal);
  if (!backend.refreshWindow) throw new AppError('conflict', nothingToRefresh(backend));
  backend.refreshWindow(query.fromMs, query.toMs);
  return { refreshed: true, window: { from: query.from, to: query.to } };
}
