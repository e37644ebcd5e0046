import type { estypes } from '@elastic/elasticsearch';
import type { CompositeAfterKey } from '../requests/build-keyword-values-request';
import { aggregationOrThrow, type CompositeAggregate } from './aggregation-shapes';

/** Distinct field values of some documents (by source name; null when absent) and how many documents have them. */
export type TraceTuple = { values: Record<string, string | number | null>; count: number };

export type TraceTuplesPage = { tuples: TraceTuple[]; after: CompositeAfterKey | null };

/**
 * One composite page of buildTraceTuplesRequest; `after` is null on the last page (one shorter
 * than the page size: Elasticsearch gives an `after_key` even then, and following it would cost
 * a request that finds nothing).
 */
export function parseTraceTuples(response: estypes.SearchResponse, pageSize: number): TraceTuplesPage {
  const composite = aggregationOrThrow<CompositeAggregate<Record<string, string | number | null>>>(response, ['tuples']);
  return {
    tuples: composite.buckets.map((bucket) => ({ values: bucket.key, count: bucket.doc_count })),
    after: composite.buckets.length >= pageSize && composite.after_key ? composite.after_key : null,
  };
}
