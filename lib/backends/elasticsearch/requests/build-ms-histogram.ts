import type { estypes } from '@elastic/elasticsearch';
import type { TraceQuery } from '@/lib/domain/query';
import { numericMsRangeFilter } from '../filters';
import { edgeTraceIdPresentFilters, edgeWindowFilters, type TraceSetFields } from '../trace-set-filters';

/**
 * Milliseconds of a numeric field of seconds are counted with a 1 ms histogram whose buckets
 * start half a millisecond early: [m − 0.5, m + 0.5) ms holds every value nginx printed as m ms,
 * including its 32-bit float (2.3 is stored as 2.2999999523, in [2.2995, 2.3005)). Dividing
 * floating seconds by 0.001 instead would put that value in 2299 ms.
 */
export function buildMsHistogramAggregation(field: string): estypes.AggregationsAggregationContainer {
  return { histogram: { field, interval: 0.001, offset: 0.0005, min_doc_count: 1 } };
}

/** One request's histogram covers at most this span (60,000 buckets < search.max_buckets). */
export const MS_CHUNK_MS = 60_000;

/** The 1 ms histogram of the edge request_time in one chunk [k·60 s, (k+1)·60 s) of values. */
export function buildMsChunkRequest(plan: TraceSetFields, query: TraceQuery, chunk: number): estypes.SearchRequest {
  const field = plan.edgeRequestTime.field;
  return {
    size: 0,
    track_total_hits: false,
    query: {
      bool: {
        filter: [
          ...edgeWindowFilters(plan, query),
          ...edgeTraceIdPresentFilters(plan),
          ...numericMsRangeFilter(field, chunk * MS_CHUNK_MS, (chunk + 1) * MS_CHUNK_MS),
        ],
      },
    },
    aggs: { request_time_ms: buildMsHistogramAggregation(field) },
  };
}
