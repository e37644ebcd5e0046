import type { estypes } from '@elastic/elasticsearch';

/** Elasticsearch's default `index.max_result_window`: one request returns at most this many hits. */
export const MAX_HITS_PER_REQUEST = 10_000;

/**
 * Whole documents (their `_source`) matching the filters, for the few lines shown to the user (one
 * trace's lines), each with its time as Elasticsearch parsed it (`timeField` as a doc value in
 * epoch milliseconds, whatever the mapping's date format). `track_total_hits` tells whether the
 * answer was cut at `size`.
 */
export function buildDocumentsRequest(filters: estypes.QueryDslQueryContainer[], size: number, timeField: string): estypes.SearchRequest {
  return {
    size,
    track_total_hits: true,
    query: { bool: { filter: filters } },
    _source: true,
    docvalue_fields: [{ field: timeField, format: 'epoch_millis' }],
  };
}
