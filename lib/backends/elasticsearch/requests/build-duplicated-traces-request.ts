import type { estypes } from '@elastic/elasticsearch';

/**
 * Most duplicated traces one answer lists (under `search.max_buckets`, 65,536). More than this
 * and the search falls back to hash partitions (trace-partitions.ts).
 */
export const DUPLICATED_TRACES_SIZE = 60_000;

/**
 * The traces with two matching documents or more, in one request over the whole trace set.
 * `shard_min_doc_count: 2` makes each shard hand over only its own duplicates, so the answer is
 * small and cheap; it is complete only when every document sits on one shard (a trace with one
 * line on each of two shards counts 1 on both): the caller checks `_shards` of the answer.
 */
export function buildDuplicatedTracesRequest(filters: estypes.QueryDslQueryContainer[], traceIdField: string): estypes.SearchRequest {
  return {
    size: 0,
    track_total_hits: false,
    query: { bool: { filter: filters } },
    aggs: {
      trace_ids: {
        terms: {
          field: traceIdField,
          size: DUPLICATED_TRACES_SIZE,
          shard_size: DUPLICATED_TRACES_SIZE,
          min_doc_count: 2,
          shard_min_doc_count: 2,
          order: { _key: 'asc' },
        },
      },
    },
  };
}
