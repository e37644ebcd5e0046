import type { estypes } from '@elastic/elasticsearch';

/** Lucene regular expressions treat these as operators; the typed text is matched literally. */
const REGEXP_OPERATORS = /[.?+*|{}[\]()"\\#@&<>~]/g;

/**
 * A regular expression matching the values that contain `text` anywhere (case-sensitive, as
 * DuckDB's `contains`): a prefix is a substring too, so "user" finds user-api.
 */
export function toContainsRegexp(text: string): string {
  return `.*${text.replace(REGEXP_OPERATORS, (character) => `\\${character}`)}.*`;
}

/** "" and "-", which nginx and the domain treat as no value. */
const NO_VALUE_REGEXP = '-?';

/** Shards return this many candidates each so the most frequent values are counted exactly. */
const SUGGESTIONS_SHARD_SIZE = 10_000;

/**
 * The most frequent values of a field among the filtered documents: count desc, then value asc;
 * "" and "-" are no values (as in the domain's text normalization).
 */
export function buildSuggestionsRequest(
  filters: estypes.QueryDslQueryContainer[],
  field: string,
  text: string | null,
  limit: number,
): estypes.SearchRequest {
  return {
    size: 0,
    track_total_hits: false,
    query: { bool: { filter: filters } },
    aggs: {
      suggestions: {
        terms: {
          field,
          size: limit,
          shard_size: Math.max(limit, SUGGESTIONS_SHARD_SIZE),
          order: [{ _count: 'desc' }, { _key: 'asc' }],
          ...(text !== null ? { include: toContainsRegexp(text) } : {}),
          // A regexp, since Elasticsearch does not mix a regexp include with an exact-values exclude.
          exclude: NO_VALUE_REGEXP,
        },
      },
    },
  };
}
