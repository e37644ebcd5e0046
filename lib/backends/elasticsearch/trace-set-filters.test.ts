import { describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_NAMES } from '@/lib/domain/field-names';
import { KEYWORD_PLAN, NUMERIC_PLAN, QUERY, TRACE_ID_PRESENT, WINDOW_FILTERS } from '@/test-support/elasticsearch-query-plans';
import { RESOLVED_FIELDS, type TierFieldTypes } from './field-caps';
import { edgeTraceFilters, ingressCandidateFilters, ingressWindowFilters } from './trace-set-filters';

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

  it('edge dimension filters select edge lines next to app and path; ingress ones are applied to the join', () => {
    const edgeMappings = Object.fromEntries(
      RESOLVED_FIELDS.map((field) => [field, { name: DEFAULT_FIELD_NAMES[field], kind: field === 'status' ? 'integer' : 'keyword', types: [field === 'status' ? 'long' : 'keyword'], aggregatable: true }]),
    ) as TierFieldTypes;
    const filters = [
      { field: 'edge.status' as const, value: '200', exclude: false },
      { field: 'edge.method' as const, value: 'POST', exclude: true },
      { field: 'ingress.status' as const, value: '504', exclude: true },
    ];
    expect(edgeTraceFilters({ ...NUMERIC_PLAN, edgeMappings }, { ...QUERY, filters })).toEqual([
      ...WINDOW_FILTERS,
      { terms: { status: ['200'] } },
      { bool: { must_not: [{ terms: { request_method: ['POST'] } }] } },
      ...TRACE_ID_PRESENT,
      { range: { request_time: { gte: 0.9995, lt: 999_999.9995 } } },
    ]);
    // The ingress timeline's lines: their own window and path, never the edge filters.
    expect(ingressWindowFilters({ ...NUMERIC_PLAN, edgeMappings }, { ...QUERY, path: '/api', filters })).toEqual([
      { range: { '@timestamp': { gte: 1_605_780_000_000, lt: 1_605_783_600_000, format: 'epoch_millis' } } },
      { match_phrase: { path: '/api' } },
      ...TRACE_ID_PRESENT,
    ]);
  });
});
