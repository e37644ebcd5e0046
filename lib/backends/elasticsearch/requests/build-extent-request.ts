import type { estypes } from '@elastic/elasticsearch';

/** The first and last edge @timestamp of the whole index pattern. */
export function buildExtentRequest(timestampField: string): estypes.SearchRequest {
  return {
    size: 0,
    track_total_hits: false,
    aggs: {
      first_timestamp: { min: { field: timestampField } },
      last_timestamp: { max: { field: timestampField } },
    },
  };
}
