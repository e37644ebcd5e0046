import 'server-only';
import type { LatencyBackend } from '@/lib/backends/types';
import { rankCorrelations } from '@/lib/domain/triage/correlations';
import { CORRELATION_FIELDS } from '@/lib/domain/triage/triage-data';
import type { CorrelationsResponse } from '@/lib/domain/triage/triage-responses';
import { correlationParamsSchema, DEFAULT_CORRELATION_LIMIT, toTriageComparison } from '@/lib/domain/triage/triage-query';
import { DEFAULT_SLOW_MS } from '@/lib/domain/query';
import { readEndpointParams, type ParamsInput } from '../parse-params';
import { collectNotices } from '../collect-notices';
import { resolveQueryOrThrow } from '../resolve-query';

/** Field values over-represented among the slow requests, ranked and tested (compared as toTriageComparison says). */
export async function getCorrelations(
  backend: LatencyBackend,
  input: ParamsInput,
  signal?: AbortSignal,
): Promise<CorrelationsResponse> {
  const { record, own: { slow, limit } } = readEndpointParams(input, correlationParamsSchema);
  const query = await resolveQueryOrThrow(backend, record, signal);
  const compared = toTriageComparison(query, slow ?? DEFAULT_SLOW_MS);
  const { onNotice, notices } = collectNotices();
  const counts = await backend.triage.fetchFieldValueCounts(compared.query, compared.slow, CORRELATION_FIELDS, limit ?? DEFAULT_CORRELATION_LIMIT, {
    signal,
    onNotice,
  });
  return { backend: backend.kind, query, ...rankCorrelations(counts, compared.slow), sample: null, notices: notices() };
}
