import type { estypes } from '@elastic/elasticsearch';
import type { CompositeAfterKey } from './build-keyword-values-request';

/** Combinations per composite page: bins × groups × distinct connect times stay few. */
export const CONNECT_BINS_PAGE_SIZE = 20_000;

export type ConnectBinsRequestOptions = {
  filters: estypes.QueryDslQueryContainer[];
  timestampField: string;
  binMs: number;
  groupField: string;
  connectField: string;
  after: CompositeAfterKey | null;
};

/**
 * Edge lines counted per time bin (floor(@timestamp / binMs) · binMs, from the epoch), group
 * value and raw upstream_connect_time value: the connect timeline aggregated in the store, one
 * line at a time. Absent groups and connect times form their own (null) buckets.
 */
export function buildConnectBinsRequest(options: ConnectBinsRequestOptions): estypes.SearchRequest {
  const { filters, timestampField, binMs, groupField, connectField, after } = options;
  return {
    size: 0,
    track_total_hits: false,
    query: { bool: { filter: filters } },
    aggs: {
      connect_bins: {
        composite: {
          size: CONNECT_BINS_PAGE_SIZE,
          sources: [
            { bin: { date_histogram: { field: timestampField, fixed_interval: `${binMs}ms` } } },
            { group: { terms: { field: groupField, missing_bucket: true } } },
            { connect: { terms: { field: connectField, missing_bucket: true } } },
          ],
          ...(after ? { after } : {}),
        },
      },
    },
  };
}
