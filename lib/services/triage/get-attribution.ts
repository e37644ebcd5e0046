import 'server-only';
import type { LatencyBackend } from '@/lib/backends/types';
import { buildAttribution } from '@/lib/domain/triage/attribution';
import type { AttributionResponse } from '@/lib/domain/triage/triage-responses';
import { DEFAULT_SLOW_MS, slowParamsSchema } from '@/lib/domain/triage/triage-query';
import { toParamRecord, type ParamsInput } from '../parse-params';
import { resolveQueryOrThrow } from '../resolve-query';
import { parseTriageParams } from './triage-params';

/** How the slow requests' time divides among the five segments. */
export async function getAttribution(
  backend: LatencyBackend,
  input: ParamsInput,
  signal?: AbortSignal,
): Promise<AttributionResponse> {
  const record = toParamRecord(input, Object.keys(slowParamsSchema.shape));
  const { slow } = parseTriageParams(slowParamsSchema, record);
  const query = await resolveQueryOrThrow(backend, record, signal);
  const slowMs = slow ?? DEFAULT_SLOW_MS;
  const stats = await backend.triage.fetchSegmentStats(query, slowMs, { signal });
  return { backend: backend.kind, query, ...buildAttribution(stats, slowMs) };
}
