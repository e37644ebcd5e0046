import type { estypes } from '@elastic/elasticsearch';
import { UnexpectedAnswerError } from '../answer-errors';

/** The parts of aggregation answers the parsers read (the client's union types are too wide to walk). */
export type CountAggregate = { doc_count: number };
export type KeyedBucket<Key> = { key: Key; doc_count: number };
export type HistogramAggregate = { buckets: KeyedBucket<number>[] };
export type TermsAggregate<Bucket> = { buckets: Bucket[]; sum_other_doc_count?: number };
export type CompositeAggregate<Key> = { buckets: KeyedBucket<Key>[]; after_key?: Key };
export type ValueAggregate = { value: number | null };

/**
 * What an index pattern that matches no index answers for any aggregation: Elasticsearch then
 * leaves `aggregations` out entirely.
 */
const EMPTY_AGGREGATE = { doc_count: 0, buckets: [], value: null, sum_other_doc_count: 0 };

/** The named aggregation of a response, or an error naming it when it is missing. */
export function aggregationOrThrow<T>(response: Pick<estypes.SearchResponse, 'aggregations'>, path: readonly string[]): T {
  if (response.aggregations === undefined) return EMPTY_AGGREGATE as T;
  let current: unknown = response.aggregations;
  for (const name of path) {
    current = current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[name] : undefined;
    if (current === undefined) throw new UnexpectedAnswerError(`Elasticsearch answer without aggregation ${path.join('.')}`);
  }
  return current as T;
}
