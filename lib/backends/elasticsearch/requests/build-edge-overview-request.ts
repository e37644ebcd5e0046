import type { estypes } from '@elastic/elasticsearch';
import { MAX_TIME_MS } from '@/lib/domain/nginx-value';
import type { TraceQuery } from '@/lib/domain/query';
import { numericMsRangeFilter } from '../filters';
import { edgeTraceIdMissingFilters, edgeTraceIdPresentFilters, edgeWindowFilters, type TraceSetFields } from '../trace-set-filters';
import { buildMsHistogramAggregation, MS_CHUNK_MS } from './build-ms-histogram';

/**
 * Per-document counts of the edge window, in one request: lines without a usable trace_id, and
 * of the others how request_time is distributed.
 * - numeric request_time: lines without it, below zero, above MAX_TIME_MS, the non-empty
 *   minutes-long chunks (`request_time_chunks`, one 60 s bucket each) and the 1 ms histogram of
 *   the first chunk; other chunks are asked for separately so no response nears max_buckets;
 * - keyword request_time: lines without it; its distinct strings come from composite pages.
 */
export function buildEdgeOverviewRequest(plan: TraceSetFields, query: TraceQuery): estypes.SearchRequest {
  const field = plan.edgeRequestTime.field;
  const requestTimeAggs: Record<string, estypes.AggregationsAggregationContainer> = {
    request_time_missing: { missing: { field } },
  };
  if (plan.edgeRequestTime.kind === 'number') {
    Object.assign(requestTimeAggs, {
      request_time_negative: { filter: { range: { [field]: { lt: 0 } } } },
      request_time_out_of_range: { filter: { range: { [field]: { gte: (MAX_TIME_MS + 0.5) / 1000 } } } },
      request_time_chunks: {
        filter: { bool: { filter: numericMsRangeFilter(field, null, null) } },
        aggs: {
          chunks: { histogram: { field, interval: MS_CHUNK_MS / 1000, offset: (MS_CHUNK_MS - 0.5) / 1000, min_doc_count: 1 } },
        },
      },
      request_time_first_chunk: {
        filter: { bool: { filter: numericMsRangeFilter(field, 0, MS_CHUNK_MS) } },
        aggs: { request_time_ms: buildMsHistogramAggregation(field) },
      },
    } satisfies Record<string, estypes.AggregationsAggregationContainer>);
  }
  return {
    size: 0,
    track_total_hits: false,
    query: { bool: { filter: edgeWindowFilters(plan, query) } },
    aggs: {
      trace_id_missing: { filter: { bool: { filter: edgeTraceIdMissingFilters(plan) } } },
      with_trace_id: { filter: { bool: { filter: edgeTraceIdPresentFilters(plan) } }, aggs: requestTimeAggs },
    },
  };
}
