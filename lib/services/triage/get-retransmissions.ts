import 'server-only';
import type { LatencyBackend } from '@/lib/backends/types';
import { detectRetransmissions } from '@/lib/domain/triage/retransmission';
import type { RetransmissionsResponse } from '@/lib/domain/triage/triage-responses';
import { CONNECT_MAX_GROUPS, DEFAULT_SLOW_MS } from '@/lib/domain/triage/triage-query';
import { toParamRecord, type ParamsInput } from '../parse-params';
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
  const [connects, stats] = await Promise.all([
    backend.triage.fetchConnectDistributions(query, CONNECT_MAX_GROUPS, { signal }),
    backend.triage.fetchSegmentStats(query, DEFAULT_SLOW_MS, { signal }),
  ]);
  return { backend: backend.kind, query, ...detectRetransmissions({ connects, edgeToIngressGap: stats.segments.edgeToIngress.all }) };
}
