import type { estypes } from '@elastic/elasticsearch';
import { MAX_TIME_MS } from '@/lib/domain/nginx-value';
import type { TierFilter } from '@/lib/domain/tier-filter';

/**
 * Query clauses for `bool.filter`, each helper returning a list (empty when it does not apply) so
 * callers compose them by spreading. Values enter as term, phrase and range values only; field
 * names come from configuration.
 */

type Query = estypes.QueryDslQueryContainer;

/** Elasticsearch refuses a `terms` query with more values than `index.max_terms_count` (65,536). */
export const MAX_TERMS_PER_QUERY = 65_536;

/**
 * Characters JavaScript's `trim()` removes. A trace id made of these only is no trace id
 * (`toTraceId`), so it is excluded with a regexp over the indexed term.
 */
const JS_WHITESPACE = ' \t\n\u000b\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

/** `[fromMs, toMs)` on a date field, as epoch milliseconds: no time zone is involved. */
export function timeRangeFilter(field: string, fromMs: number, toMs: number): Query[] {
  return [{ range: { [field]: { gte: fromMs, lt: toMs, format: 'epoch_millis' } } }];
}

/** The ELK query's phrase match on app_name or path; on a keyword field that is exact equality. */
export function matchPhraseFilter(field: string, value: string | null): Query[] {
  return value === null ? [] : [{ match_phrase: { [field]: value } }];
}

/**
 * A tier's own documents (HOPSCOPE_EDGE_FILTER, HOPSCOPE_INGRESS_FILTER): a string as a phrase
 * (exact on a keyword, as the app and path filters), a number or boolean as a term, a list as any
 * of its values, null as the field's absence. Values from configuration, never from a request.
 */
export function tierFilterQuery(filter: TierFilter | undefined): Query[] {
  const one = (field: string, value: string | number | boolean): Query => (typeof value === 'string' ? { match_phrase: { [field]: value } } : { term: { [field]: value } });
  return Object.entries(filter ?? {}).map(([field, value]): Query => {
    if (value === null) return { bool: { must_not: [{ exists: { field } }] } };
    if (!Array.isArray(value)) return one(field, value);
    return { bool: { should: value.map((item) => one(field, item)), minimum_should_match: 1 } };
  });
}

/** The field has one of the values; lists longer than one terms query allows are split. */
export function termsFilter(field: string, values: readonly (string | number)[]): Query[] {
  if (values.length <= MAX_TERMS_PER_QUERY) return [{ terms: { [field]: [...values] } }];
  const should: Query[] = [];
  for (let start = 0; start < values.length; start += MAX_TERMS_PER_QUERY) {
    should.push({ terms: { [field]: values.slice(start, start + MAX_TERMS_PER_QUERY) } });
  }
  return [{ bool: { should, minimum_should_match: 1 } }];
}

/** The field has none of the values. */
export function notTermsFilter(field: string, values: readonly (string | number)[]): Query[] {
  return values.length === 0 ? [] : [{ bool: { must_not: termsFilter(field, values) } }];
}

/** No document at all: a condition no stored value can meet. */
export function matchNoneFilter(): Query[] {
  return [{ bool: { must_not: [{ match_all: {} }] } }];
}

export function existsFilter(field: string): Query[] {
  return [{ exists: { field } }];
}

/** A usable trace id: present and, when a string, neither blank nor nginx's "-" (toTraceId). */
export function traceIdPresentFilter(field: string, isKeyword: boolean): Query[] {
  const present = existsFilter(field);
  if (!isKeyword) return present;
  const blankOrDash = `[${JS_WHITESPACE}]*(\\-[${JS_WHITESPACE}]*)?`;
  return [...present, { bool: { must_not: [{ regexp: { [field]: { value: blankOrDash } } }] } }];
}

/** A usable trace id is absent (the complement of traceIdPresentFilter). */
export function traceIdMissingFilter(field: string, isKeyword: boolean): Query[] {
  return [{ bool: { must_not: [{ bool: { filter: traceIdPresentFilter(field, isKeyword) } }] } }];
}

/**
 * Integer milliseconds `[minMs, maxMs)` on a numeric field of seconds, where a value v counts as
 * round(v·1000) ms. The bounds sit half a millisecond below each millisecond, so 32-bit floats
 * (2.3 stored as 2.2999999523) fall on the side of the millisecond nginx printed; that holds for
 * values below 8,192 s, where a float's error is under a quarter millisecond. Without bounds it
 * is the valid range: not negative (`parseNginxTime` refuses those) and at most MAX_TIME_MS.
 */
export function numericMsRangeFilter(field: string, minMs: number | null, maxMs: number | null): Query[] {
  const lowerSeconds = minMs !== null && minMs > 0 ? (minMs - 0.5) / 1000 : 0;
  const upperMs = maxMs !== null ? Math.min(maxMs, MAX_TIME_MS + 1) : MAX_TIME_MS + 1;
  return [{ range: { [field]: { gte: lowerSeconds, lt: (upperMs - 0.5) / 1000 } } }];
}

/**
 * A keyword-mapped timing restricted to some of its distinct strings, never by a lexicographic
 * range: the shorter of the list of wanted strings and the list of unwanted ones that occur.
 */
export function keywordValuesFilter(field: string, wanted: readonly string[], unwanted: readonly string[]): Query[] {
  if (wanted.length === 0) return matchNoneFilter();
  return wanted.length <= unwanted.length ? termsFilter(field, wanted) : [...existsFilter(field), ...notTermsFilter(field, unwanted)];
}
