import { describe, expect, it } from 'vitest';
import { KEYWORD_PLAN, NUMERIC_PLAN, QUERY, TRACE_ID_PRESENT, WINDOW_FILTERS } from '@/test-support/elasticsearch-query-plans';
import { edgeTraceFilters, ingressCandidateFilters } from './trace-set-filters';

describe('trace set filters', () => {
  it('numeric request_time: the latency range (∩ a histogram range) with half-millisecond bounds', () => {
    expect(edgeTraceFilters(NUMERIC_PLAN, QUERY)).toEqual([
      ...WINDOW_FILTERS,
      ...TRACE_ID_PRESENT,
      { range: { request_time: { gte: 0.9995, lt: 999_999.9995 } } },
    ]);
    expect(edgeTraceFilters(NUMERIC_PLAN, QUERY, { minMs: 500, maxMs: 1100 })).toEqual([
      ...WINDOW_FILTERS,
      ...TRACE_ID_PRESENT,
      { range: { request_time: { gte: 0.9995, lt: 1.0995 } } },
    ]);
  });

  it('keyword request_time: the strings whose value lies in the range', () => {
    // Of "0.100", "1.000", "1.200", "-": from 1 s wanted "1.000" and "1.200"; unwanted "0.100", "-".
    expect(edgeTraceFilters(KEYWORD_PLAN, QUERY)).toEqual([...WINDOW_FILTERS, ...TRACE_ID_PRESENT, { terms: { request_time: ['1.000', '1.200'] } }]);
    expect(edgeTraceFilters(KEYWORD_PLAN, { ...QUERY, latencyMinMs: null })).toEqual([
      ...WINDOW_FILTERS,
      ...TRACE_ID_PRESENT,
      { exists: { field: 'request_time' } },
      { bool: { must_not: [{ terms: { request_time: ['-'] } }] } },
    ]);
  });

  it('ingress candidates: the traces within the window widened by 5 minutes', () => {
    expect(ingressCandidateFilters(NUMERIC_PLAN, QUERY, ['a', 'b'])).toEqual([
      { range: { '@timestamp': { gte: 1_605_780_000_000 - 300_000, lt: 1_605_783_600_000 + 300_000, format: 'epoch_millis' } } },
      { terms: { trace_id: ['a', 'b'] } },
    ]);
  });
});
