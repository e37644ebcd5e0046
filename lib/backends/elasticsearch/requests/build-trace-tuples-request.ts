import type { estypes } from '@elastic/elasticsearch';
import type { CompositeAfterKey } from './build-keyword-values-request';

/** Tuples per composite page: a partition's documents usually fit in one, under `search.max_buckets`. */
export const TRACE_TUPLES_PAGE_SIZE = 40_000;

/** A composite source: its name in the answer and the field it reads. */
export type TupleSource = { name: string; field: string };

/**
 * The documents matching `filters` as distinct tuples of field values (trace id first) with the
 * number of documents carrying each: what choosing a trace's representative needs, aggregated
 * in the store instead of fetched. Absent values form their own (null) bucket.
 */
export function buildTraceTuplesRequest(
  filters: estypes.QueryDslQueryContainer[],
  traceIdField: string,
  sources: readonly TupleSource[],
  after: CompositeAfterKey | null,
): estypes.SearchRequest {
  return {
    size: 0,
    track_total_hits: false,
    query: { bool: { filter: filters } },
    aggs: {
      tuples: {
        composite: {
          size: TRACE_TUPLES_PAGE_SIZE,
          sources: [
            { trace_id: { terms: { field: traceIdField } } },
            ...sources.map(({ name, field }) => ({ [name]: { terms: { field, missing_bucket: true } } })),
          ],
          ...(after ? { after } : {}),
        },
      },
    },
  };
}
