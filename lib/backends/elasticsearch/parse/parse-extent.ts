import type { estypes } from '@elastic/elasticsearch';
import type { TimeExtent } from '@/lib/backends/types';
import { aggregationOrThrow, type ValueAggregate } from './aggregation-shapes';

/** First and last @timestamp, the end exclusive; null when no document has one. */
export function parseExtent(response: estypes.SearchResponse): TimeExtent | null {
  const first = aggregationOrThrow<ValueAggregate>(response, ['first_timestamp']).value;
  const last = aggregationOrThrow<ValueAggregate>(response, ['last_timestamp']).value;
  return first === null || last === null ? null : { fromMs: first, toMs: last + 1 };
}
