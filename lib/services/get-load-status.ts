import 'server-only';
import type { LatencyBackend } from '@/lib/backends/types';
import type { LoadStatusResponse } from '@/lib/domain/api-responses';
import { formatLoadStatus } from '@/lib/domain/load-status';
import { rejectAnyParameter, type ParamsInput } from './parse-params';

/**
 * How far a read still under way has come, without waiting for it (the health endpoint waits):
 * the embedded store's load, or on Elasticsearch the window being read into the engine. What the
 * page shows instead of a bare spinner; `backend` lets it say which of the two it is.
 */
export function getLoadStatus(backend: LatencyBackend, params: ParamsInput): LoadStatusResponse {
  rejectAnyParameter(params);
  const loading = backend.loadStatus();
  return { backend: backend.kind, loading, message: loading ? formatLoadStatus(loading) : null };
}
