import 'server-only';
import type { CallOptions, LatencyBackend } from '@/lib/backends/types';
import { DEFAULT_SLOW_MS, hasLatencyFilter, type TraceQuery } from '@/lib/domain/query';
import type { ConnectDistributions } from '@/lib/domain/triage/triage-data';
import { detectRetransmissions } from '@/lib/domain/triage/retransmission';
import { slowFrom } from '@/lib/domain/triage/slow-range';
import type { RetransmissionsResponse } from '@/lib/domain/triage/triage-responses';
import { CONNECT_MAX_GROUPS, toBaselineQuery } from '@/lib/domain/triage/triage-query';
import { toParamRecord, type ParamsInput } from '../parse-params';
import { collectNotices } from '../collect-notices';
import { resolveQueryOrThrow } from '../resolve-query';

/**
 * The retransmission signature in the connect times and the edge→ingress segment. It looks at
 * every request of the window, not only slow ones, so it takes no `slow` parameter (the segment
 * stats are fetched at the default threshold, which does not change the distribution used).
 */
export async function getRetransmissions(
  backend: LatencyBackend,
  input: ParamsInput,
  signal?: AbortSignal,
): Promise<RetransmissionsResponse> {
  const query = await resolveQueryOrThrow(backend, toParamRecord(input), signal);
  const { onNotice, notices } = collectNotices();
  const options = { signal, onNotice };
  const [connects, stats, baselineConnects] = await Promise.all([
    backend.triage.fetchConnectDistributions(query, CONNECT_MAX_GROUPS, options),
    backend.triage.fetchSegmentStats(query, slowFrom(DEFAULT_SLOW_MS), options),
    fetchBaselineConnects(backend, query, options),
  ]);
  return {
    backend: backend.kind,
    query,
    ...detectRetransmissions({ connects, baselineConnects, edgeToIngressGap: stats.segments.edgeToIngress.all }),
    sample: null,
    notices: notices(),
  };
}

/**
 * The connect distributions a finding's hosts are compared with: those of the same window and
 * non-latency filters (one more store call, only when the query has a latency range).
 */
export async function fetchBaselineConnects(backend: LatencyBackend, query: TraceQuery, options: CallOptions): Promise<ConnectDistributions | undefined> {
  if (!hasLatencyFilter(query)) return undefined;
  return backend.triage.fetchConnectDistributions(toBaselineQuery(query), CONNECT_MAX_GROUPS, options);
}
