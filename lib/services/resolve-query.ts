import 'server-only';
import type { LatencyBackend, TimeExtent } from '@/lib/backends/types';
import { publicQuerySchema, resolveQuery, type NormalizedQuery } from '@/lib/domain/query';
import { AppError } from '@/lib/server/core/errors';
import { parseOrThrow } from './parse-params';

const HOUR_MS = 3_600_000;

/**
 * The window a query without from/to opens on: a snapshot's frozen window, the loaded data's
 * extent for the embedded store (a sample incident is rarely "now"), the last hour for Elasticsearch.
 */
export async function getDefaultWindow(backend: LatencyBackend, nowMs: number, signal?: AbortSignal): Promise<TimeExtent> {
  if (backend.frozenWindow) return backend.frozenWindow;
  if (backend.kind === 'duckdb') {
    const extent = await backend.fetchExtent({ signal });
    if (extent) return extent;
  }
  return { fromMs: nowMs - HOUR_MS, toMs: nowMs };
}

/** Validates and normalizes the shared query parameters of every endpoint. */
export async function resolveQueryOrThrow(
  backend: LatencyBackend,
  record: Readonly<Record<string, unknown>>,
  signal?: AbortSignal,
): Promise<NormalizedQuery> {
  const input = parseOrThrow(publicQuerySchema, record);
  const nowMs = Date.now();
  const needsDefault = input.from === undefined || input.to === undefined;
  const defaultRange = needsDefault ? await getDefaultWindow(backend, nowMs, signal) : { fromMs: nowMs - HOUR_MS, toMs: nowMs };
  const resolved = resolveQuery(input, nowMs, defaultRange);
  if (!resolved.ok) throw new AppError('invalid_parameter', `${resolved.issue.parameter}: ${resolved.issue.message}`, resolved.issue.parameter);
  const frozen = backend.frozenWindow;
  if (frozen && (resolved.query.fromMs < frozen.fromMs || resolved.query.toMs > frozen.toMs)) {
    const window = `${new Date(frozen.fromMs).toISOString()} to ${new Date(frozen.toMs).toISOString()}`;
    const parameter = resolved.query.fromMs < frozen.fromMs ? 'from' : 'to';
    throw new AppError('invalid_parameter', `${parameter}: outside the snapshot's frozen window (${window}); a snapshot holds only that window`, parameter);
  }
  return resolved.query;
}
