import type { estypes } from '@elastic/elasticsearch';

/**
 * Partitions split traces by a hash of the trace id that Elasticsearch computes for the terms
 * aggregation (`include.partition`), the same for every index and shard: all documents of a
 * trace fall in one partition (no script needed). `size` is above the buckets a partition
 * answers (the duplicated traces among about 100,000, trace-partitions.ts) and below
 * `search.max_buckets` (65,536), so the answer is complete; the parser checks
 * `sum_other_doc_count` to be sure.
 */
export const TRACE_IDS_SIZE = 60_000;

/**
 * Looking for duplicated traces only, each shard still hands over every trace of the partition
 * (a trace may have one line on each of two shards), but the answer holds only those with two
 * lines or more: partitions can be this large.
 */
export const DUPLICATES_SHARD_SIZE = 250_000;

export type TraceIdsRequestOptions = {
  filters: estypes.QueryDslQueryContainer[];
  traceIdField: string;
  partition: number;
  partitions: number;
  /** Numeric request_time: also the largest value of each trace (its representative's). */
  maxRequestTimeField: string | null;
  /** Also the latest @timestamp: a trace with one line is represented by it. */
  maxTimestampField?: string;
  /** Only traces with more than one line. */
  duplicatesOnly?: boolean;
};

/** The trace ids of one partition with their document counts. */
export function buildTraceIdsRequest(options: TraceIdsRequestOptions): estypes.SearchRequest {
  const { filters, traceIdField, partition, partitions, maxRequestTimeField, maxTimestampField, duplicatesOnly = false } = options;
  const metrics: Record<string, estypes.AggregationsAggregationContainer> = {};
  if (maxRequestTimeField) metrics.request_time_max = { max: { field: maxRequestTimeField } };
  if (maxTimestampField) metrics.timestamp_max = { max: { field: maxTimestampField } };
  return {
    size: 0,
    track_total_hits: false,
    query: { bool: { filter: filters } },
    aggs: {
      trace_ids: {
        terms: {
          field: traceIdField,
          size: TRACE_IDS_SIZE,
          shard_size: duplicatesOnly ? DUPLICATES_SHARD_SIZE : TRACE_IDS_SIZE,
          ...(duplicatesOnly ? { min_doc_count: 2 } : {}),
          order: { _key: 'asc' },
          include: { partition, num_partitions: partitions },
        },
        ...(Object.keys(metrics).length > 0 ? { aggs: metrics } : {}),
      },
    },
  };
}
