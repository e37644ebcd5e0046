import type { estypes } from '@elastic/elasticsearch';
import type { Suggestion } from '@/lib/backends/types';
import { aggregationOrThrow, type KeyedBucket, type TermsAggregate } from './aggregation-shapes';

/** Values in the answer's order (count desc, value asc). */
export function parseSuggestions(response: estypes.SearchResponse): Suggestion[] {
  return aggregationOrThrow<TermsAggregate<KeyedBucket<string | number>>>(response, ['suggestions']).buckets.map((bucket) => ({
    value: String(bucket.key),
    count: bucket.doc_count,
  }));
}
