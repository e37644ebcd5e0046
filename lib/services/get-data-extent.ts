import 'server-only';
import type { LatencyBackend } from '@/lib/backends/types';
import type { DataExtentResponse } from '@/lib/domain/api-responses';
import { toIsoInstant } from '@/lib/domain/time-expression';
import { rejectAnyParameter, type ParamsInput } from './parse-params';

/**
 * Where the data is, so a window that holds none (a "last hour" on a sample of another day) can
 * say where to look: the store's first and last edge @timestamp, or a snapshot's frozen window.
 */
export async function getDataExtent(backend: LatencyBackend, params: ParamsInput, signal?: AbortSignal): Promise<DataExtentResponse> {
  rejectAnyParameter(params);
  const extent = backend.frozenWindow ?? (await backend.fetchExtent({ signal }));
  return {
    backend: backend.kind,
    extent: extent ? { from: toIsoInstant(extent.fromMs), to: toIsoInstant(extent.toMs), fromMs: extent.fromMs, toMs: extent.toMs } : null,
  };
}
