import type { estypes } from '@elastic/elasticsearch';
import type { CompositeAfterKey } from '../requests/build-keyword-values-request';
import type { KeywordValueCount } from '../timing-values';
import { aggregationOrThrow, type CompositeAggregate } from './aggregation-shapes';

export type KeywordValuesPage = { values: KeywordValueCount[]; after: CompositeAfterKey | null };

/** One composite page of distinct values; `after` is null on the last page (shorter than `pageSize`). */
export function parseKeywordValues(response: estypes.SearchResponse, pageSize: number): KeywordValuesPage {
  const composite = aggregationOrThrow<CompositeAggregate<{ value: string | number }>>(response, ['values']);
  const values = composite.buckets.map((bucket) => ({ value: String(bucket.key.value), count: bucket.doc_count }));
  return { values, after: composite.buckets.length >= pageSize && composite.after_key ? composite.after_key : null };
}
