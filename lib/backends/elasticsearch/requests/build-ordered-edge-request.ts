import type { estypes } from '@elastic/elasticsearch';

/** Where a drill-down scan resumes: after this edge @timestamp and trace id. */
export type EdgeSortKey = [timestampMs: number, traceId: string];

/**
 * Edge documents in drill-down order (@timestamp desc, then trace id asc) after `after`, without
 * their source: the sort values carry what the scan needs. The cursor of the API is the same
 * pair, so `search_after` applies it exactly (rows strictly after it).
 */
export function buildOrderedEdgeRequest(
  filters: estypes.QueryDslQueryContainer[],
  timestampField: string,
  traceIdField: string,
  after: EdgeSortKey | null,
  size: number,
): estypes.SearchRequest {
  return {
    size,
    track_total_hits: false,
    query: { bool: { filter: filters } },
    _source: false,
    sort: [{ [timestampField]: { order: 'desc', format: 'epoch_millis' } }, { [traceIdField]: { order: 'asc' } }],
    ...(after ? { search_after: after } : {}),
  };
}
