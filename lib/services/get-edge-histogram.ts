import 'server-only';
import type { LatencyBackend } from '@/lib/backends/types';
import type { AnswerNotice } from '@/lib/domain/answer-notices';
import type { EdgeHistogramResponse } from '@/lib/domain/api-responses';
import { buildHistogram } from '@/lib/domain/histogram';
import { toParamRecord, type ParamsInput } from './parse-params';
import { resolveQueryOrThrow } from './resolve-query';

/**
 * The edge histogram of a query with the edge counts, without the join: the page paints it while
 * the four histograms are still being joined (docs/ARCHITECTURE.md, "Edge-first paint").
 */
export async function getEdgeHistogram(backend: LatencyBackend, input: ParamsInput, signal?: AbortSignal): Promise<EdgeHistogramResponse> {
  const query = await resolveQueryOrThrow(backend, toParamRecord(input), signal);
  const notices: AnswerNotice[] = [];
  const result = await backend.fetchEdgeDistribution(query, { signal, onNotice: (notice) => void notices.push(notice) });
  const histogram = buildHistogram(result.distribution, query.bucketMs, query.upperMs);
  return { backend: backend.kind, query, counts: result.counts, histogram, notices };
}
