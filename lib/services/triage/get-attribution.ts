import 'server-only';
import type { LatencyBackend } from '@/lib/backends/types';
import { buildAttribution } from '@/lib/domain/triage/attribution';
import type { AttributionResponse } from '@/lib/domain/triage/triage-responses';
import { slowParamsSchema, toTriageComparison } from '@/lib/domain/triage/triage-query';
import { DEFAULT_SLOW_MS } from '@/lib/domain/query';
import { readEndpointParams, type ParamsInput } from '../parse-params';
import { collectNotices } from '../collect-notices';
import { resolveQueryOrThrow } from '../resolve-query';

/** How the slow requests' time divides among the five segments (compared as toTriageComparison says). */
export async function getAttribution(
  backend: LatencyBackend,
  input: ParamsInput,
  signal?: AbortSignal,
): Promise<AttributionResponse> {
  const { record, own: { slow } } = readEndpointParams(input, slowParamsSchema);
  const query = await resolveQueryOrThrow(backend, record, signal);
  const compared = toTriageComparison(query, slow ?? DEFAULT_SLOW_MS);
  const { onNotice, notices } = collectNotices();
  const stats = await backend.triage.fetchSegmentStats(compared.query, compared.slow, { signal, onNotice });
  return { backend: backend.kind, query, ...buildAttribution(stats, compared.slow), sample: null, notices: notices() };
}
