import 'server-only';
import type { LatencyBackend } from '@/lib/backends/types';
import { rankCorrelations } from '@/lib/domain/triage/correlations';
import { CORRELATION_FIELDS } from '@/lib/domain/triage/triage-data';
import type { CorrelationsResponse } from '@/lib/domain/triage/triage-responses';
import { correlationParamsSchema, DEFAULT_CORRELATION_LIMIT, DEFAULT_SLOW_MS, toTriageComparison } from '@/lib/domain/triage/triage-query';
import { toParamRecord, type ParamsInput } from '../parse-params';
import { resolveQueryOrThrow } from '../resolve-query';
import { parseTriageParams } from './triage-params';

/** Field values over-represented among the slow requests, ranked and tested (compared as toTriageComparison says). */
export async function getCorrelations(
  backend: LatencyBackend,
  input: ParamsInput,
  signal?: AbortSignal,
): Promise<CorrelationsResponse> {
  const record = toParamRecord(input, Object.keys(correlationParamsSchema.shape));
  const { slow, limit } = parseTriageParams(correlationParamsSchema, record);
  const query = await resolveQueryOrThrow(backend, record, signal);
  const compared = toTriageComparison(query, slow ?? DEFAULT_SLOW_MS);
  const counts = await backend.triage.fetchFieldValueCounts(compared.query, compared.slowMs, CORRELATION_FIELDS, limit ?? DEFAULT_CORRELATION_LIMIT, {
    signal,
  });
  return { backend: backend.kind, query, ...rankCorrelations(counts, compared.slowMs) };
}
