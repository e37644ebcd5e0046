import 'server-only';
import type { LatencyBackend } from '@/lib/backends/types';
import { formatLoadStatus, type StoreLoadStatus } from '@/lib/domain/load-status';
import { rejectAnyParameter, type ParamsInput } from './parse-params';

export type LoadStatusResponse = { loading: StoreLoadStatus | null; message: string | null };

/**
 * How far the embedded store's load has come, without waiting for it (the health endpoint waits):
 * what the page shows instead of a bare spinner while the first answers are held up by the load.
 */
export function getLoadStatus(backend: LatencyBackend, params: ParamsInput): LoadStatusResponse {
  rejectAnyParameter(params);
  const loading = backend.loadStatus();
  return { loading, message: loading ? formatLoadStatus(loading) : null };
}
