import 'server-only';
import type { FirstAnswer, LatencyBackend } from '@/lib/backends/types';
import { sampleFirstParamsSchema } from '@/lib/domain/trace-id-sample';
import { buildAttribution } from '@/lib/domain/triage/attribution';
import { rankCorrelations } from '@/lib/domain/triage/correlations';
import { detectRetransmissions } from '@/lib/domain/triage/retransmission';
import { slowFrom } from '@/lib/domain/triage/slow-range';
import { CORRELATION_FIELDS } from '@/lib/domain/triage/triage-data';
import { CONNECT_MAX_GROUPS, correlationParamsSchema, DEFAULT_CORRELATION_LIMIT, toTriageComparison } from '@/lib/domain/triage/triage-query';
import { DEFAULT_SLOW_MS } from '@/lib/domain/query';
import type { TriageSummaryResponse } from '@/lib/domain/triage/triage-responses';
import { readEndpointParams, type ParamsInput } from '../parse-params';
import { collectNotices } from '../collect-notices';
import { resolveQueryOrThrow } from '../resolve-query';
import { fetchBaselineConnects } from './get-retransmissions';

/**
 * Attribution, correlations and the retransmission signature of one query in one answer, from
 * three store calls run together (the segment stats serve both attribution and the
 * edge→ingress segment check). The headlines lead with what names a culprit.
 */
export async function getTriageSummary(
  backend: LatencyBackend,
  input: ParamsInput,
  signal?: AbortSignal,
): Promise<TriageSummaryResponse> {
  const { record, own: { slow, limit, sample } } = readEndpointParams(input, correlationParamsSchema.extend(sampleFirstParamsSchema.shape));
  const query = await resolveQueryOrThrow(backend, record, signal);
  // Every call of the answer comes from the same engine: a sample's, or the window's exact one.
  const firstAnswer: FirstAnswer | undefined = sample === 'first' ? { sample: null } : undefined;
  const { onNotice, notices } = collectNotices();
  const options = { signal, firstAnswer, onNotice };
  const slowMs = slow ?? DEFAULT_SLOW_MS;
  const compared = toTriageComparison(query, slowMs);
  // The retransmission scan examines the query's own requests; attribution and correlations
  // compare its slow ones with the baseline. The same call when the query has no latency range.
  // The query's segment stats are asked before its connects, so that on Elasticsearch the
  // connects (any slow range) join the same pass instead of starting one at the default range.
  const [comparedStats, counts, examinedStats, connects, baselineConnects] = await Promise.all([
    backend.triage.fetchSegmentStats(compared.query, compared.slow, options),
    backend.triage.fetchFieldValueCounts(compared.query, compared.slow, CORRELATION_FIELDS, limit ?? DEFAULT_CORRELATION_LIMIT, options),
    compared.query === query ? null : backend.triage.fetchSegmentStats(query, slowFrom(slowMs), options),
    backend.triage.fetchConnectDistributions(query, CONNECT_MAX_GROUPS, options),
    fetchBaselineConnects(backend, query, options),
  ]);
  const sampleStatement = firstAnswer?.sample ?? null;
  const attribution = { ...buildAttribution(comparedStats, compared.slow), sample: sampleStatement };
  const correlations = { ...rankCorrelations(counts, compared.slow), sample: sampleStatement };
  const edgeToIngressGap = (examinedStats ?? comparedStats).segments.edgeToIngress.all;
  const retransmissions = { ...detectRetransmissions({ connects, baselineConnects, edgeToIngressGap }), sample: sampleStatement };
  const headlines = [
    ...retransmissions.findings.map((finding) => finding.sentence),
    ...(correlations.flaggedCount > 0 ? [correlations.sentence] : []),
    attribution.sentence,
  ];
  return {
    backend: backend.kind,
    query,
    slowMs: compared.slow.minMs,
    slowMaxMs: compared.slow.maxMs,
    attribution,
    correlations,
    retransmissions,
    headlines,
    notices: notices(),
  };
}
