import { describe, expect, it } from 'vitest';
import {
  keywordValuesFilter,
  matchPhraseFilter,
  MAX_TERMS_PER_QUERY,
  notTermsFilter,
  numericMsRangeFilter,
  termsFilter,
  tierFilterQuery,
  timeRangeFilter,
  traceIdMissingFilter,
  traceIdPresentFilter,
} from './filters';

describe('filters', () => {
  it('time range: [from, to) as epoch milliseconds', () => {
    expect(timeRangeFilter('@timestamp', 1000, 2000)).toEqual([{ range: { '@timestamp': { gte: 1000, lt: 2000, format: 'epoch_millis' } } }]);
  });

  it('phrase match only when a value is given', () => {
    expect(matchPhraseFilter('app_name', null)).toEqual([]);
    expect(matchPhraseFilter('app_name', 'user api')).toEqual([{ match_phrase: { app_name: 'user api' } }]);
  });

  it('terms: one query up to the limit, several beyond it', () => {
    expect(termsFilter('trace_id', ['a', 'b'])).toEqual([{ terms: { trace_id: ['a', 'b'] } }]);
    const many = Array.from({ length: MAX_TERMS_PER_QUERY + 1 }, (_, i) => `t${i}`);
    const [split] = termsFilter('trace_id', many);
    expect(split).toEqual({
      bool: {
        should: [{ terms: { trace_id: many.slice(0, MAX_TERMS_PER_QUERY) } }, { terms: { trace_id: [`t${MAX_TERMS_PER_QUERY}`] } }],
        minimum_should_match: 1,
      },
    });
    expect(notTermsFilter('x', [])).toEqual([]);
    expect(notTermsFilter('x', ['-'])).toEqual([{ bool: { must_not: [{ terms: { x: ['-'] } }] } }]);
  });

  it('a usable trace id: present, and for strings neither blank nor "-"', () => {
    expect(traceIdPresentFilter('trace_id', false)).toEqual([{ exists: { field: 'trace_id' } }]);
    const [exists, notBlank] = traceIdPresentFilter('trace_id', true);
    expect(exists).toEqual({ exists: { field: 'trace_id' } });
    const pattern = (notBlank as { bool: { must_not: { regexp: { trace_id: { value: string } } }[] } }).bool.must_not[0]!.regexp.trace_id.value;
    // The regexp matches exactly the strings trim() empties: "", spaces, tabs, no-break spaces…
    const lucene = new RegExp(`^${pattern}$`);
    for (const blank of ['', ' ', '\t \n', '\u00a0', '\u3000\ufeff', '-', ' - ']) expect(lucene.test(blank)).toBe(true);
    for (const id of ['a', ' a ', '0', '--', '-1', 'a-b']) expect(lucene.test(id)).toBe(false);
    expect(traceIdMissingFilter('trace_id', false)).toEqual([{ bool: { must_not: [{ bool: { filter: [{ exists: { field: 'trace_id' } }] } }] } }]);
  });

  it('numeric milliseconds: bounds half a millisecond below, valid range by default', () => {
    expect(numericMsRangeFilter('request_time', null, null)).toEqual([{ range: { request_time: { gte: 0, lt: 999_999.9995 } } }]);
    expect(numericMsRangeFilter('request_time', 1000, 2000)).toEqual([{ range: { request_time: { gte: 0.9995, lt: 1.9995 } } }]);
    expect(numericMsRangeFilter('request_time', 0, 1)).toEqual([{ range: { request_time: { gte: 0, lt: 0.0005 } } }]);
  });

  it('keyword values: the shorter list, or nothing at all', () => {
    expect(keywordValuesFilter('rt', ['1.000'], ['-', '0.5', 'abc'])).toEqual([{ terms: { rt: ['1.000'] } }]);
    expect(keywordValuesFilter('rt', ['1.000', '1.001', '1.002'], ['-'])).toEqual([
      { exists: { field: 'rt' } },
      { bool: { must_not: [{ terms: { rt: ['-'] } }] } },
    ]);
    expect(keywordValuesFilter('rt', [], ['-'])).toEqual([{ bool: { must_not: [{ match_all: {} }] } }]);
  });
});

describe('tierFilterQuery', () => {
  it('a string as a phrase, a number or boolean as a term, a list as any of them, null as absence; nothing without a filter', () => {
    expect(tierFilterQuery({ 'event.dataset': 'nginx.access', port: 443, internal: false, tier: ['edge', 7], 'kubernetes.namespace': null })).toEqual([
      { match_phrase: { 'event.dataset': 'nginx.access' } },
      { term: { port: 443 } },
      { term: { internal: false } },
      { bool: { should: [{ match_phrase: { tier: 'edge' } }, { term: { tier: 7 } }], minimum_should_match: 1 } },
      { bool: { must_not: [{ exists: { field: 'kubernetes.namespace' } }] } },
    ]);
    expect(tierFilterQuery(undefined)).toEqual([]);
  });
});
