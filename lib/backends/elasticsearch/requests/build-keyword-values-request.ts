import type { estypes } from '@elastic/elasticsearch';

/** Distinct strings per composite page: nginx prints milliseconds, so even a day has few. */
export const KEYWORD_VALUES_PAGE_SIZE = 10_000;

export type CompositeAfterKey = Record<string, string | number | null>;

/**
 * One page of a keyword field's distinct values and their document counts, in key order. Every
 * value is listed, however rare, so each can be parsed exactly in the server.
 */
export function buildKeywordValuesRequest(
  filters: estypes.QueryDslQueryContainer[],
  field: string,
  after: CompositeAfterKey | null,
): estypes.SearchRequest {
  return {
    size: 0,
    track_total_hits: false,
    query: { bool: { filter: filters } },
    aggs: {
      values: {
        composite: {
          size: KEYWORD_VALUES_PAGE_SIZE,
          sources: [{ value: { terms: { field } } }],
          ...(after ? { after } : {}),
        },
      },
    },
  };
}
