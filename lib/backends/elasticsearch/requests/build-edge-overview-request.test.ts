import { describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_NAMES } from '@/lib/domain/field-names';
import { KEYWORD_PLAN, NUMERIC_PLAN, QUERY, TRACE_ID_PRESENT, WINDOW_FILTERS } from '@/test-support/elasticsearch-query-plans';
import { RESOLVED_FIELDS, type TierFieldTypes } from '../field-caps';
import { buildEdgeOverviewRequest } from './build-edge-overview-request';

describe('buildEdgeOverviewRequest', () => {
  it('numeric request_time: missing, negative, out of range, 60 s chunks and the first chunk per millisecond', () => {
    expect(buildEdgeOverviewRequest(NUMERIC_PLAN, QUERY)).toEqual({
      size: 0,
      track_total_hits: false,
      query: { bool: { filter: WINDOW_FILTERS } },
      aggs: {
        trace_id_missing: { filter: { bool: { filter: [{ bool: { must_not: [{ bool: { filter: TRACE_ID_PRESENT } }] } }] } } },
        with_trace_id: {
          filter: { bool: { filter: TRACE_ID_PRESENT } },
          aggs: {
            request_time_missing: { missing: { field: 'request_time' } },
            request_time_negative: { filter: { range: { request_time: { lt: 0 } } } },
            request_time_out_of_range: { filter: { range: { request_time: { gte: 999_999.9995 } } } },
            request_time_chunks: {
              filter: { bool: { filter: [{ range: { request_time: { gte: 0, lt: 999_999.9995 } } }] } },
              aggs: { chunks: { histogram: { field: 'request_time', interval: 60, offset: 59.9995, min_doc_count: 1 } } },
            },
            request_time_first_chunk: {
              filter: { bool: { filter: [{ range: { request_time: { gte: 0, lt: 59.9995 } } }] } },
              aggs: { request_time_ms: { histogram: { field: 'request_time', interval: 0.001, offset: 0.0005, min_doc_count: 1 } } },
            },
          },
        },
      },
    });
  });

  it('keyword request_time: only the counts (its strings come from composite pages)', () => {
    expect(buildEdgeOverviewRequest(KEYWORD_PLAN, QUERY).aggs).toEqual({
      trace_id_missing: { filter: { bool: { filter: [{ bool: { must_not: [{ bool: { filter: TRACE_ID_PRESENT } }] } }] } } },
      with_trace_id: { filter: { bool: { filter: TRACE_ID_PRESENT } }, aggs: { request_time_missing: { missing: { field: 'request_time' } } } },
    });
  });

  it('edge dimension filters narrow the window, skipped lines included; ingress ones are not for edge lines', () => {
    const keywords = Object.fromEntries(RESOLVED_FIELDS.map((field) => [field, { name: DEFAULT_FIELD_NAMES[field], kind: 'keyword', types: ['keyword'], aggregatable: true }]));
    const edgeMappings = { ...keywords, host: { name: '@source.keyword', kind: 'keyword', types: ['text'], aggregatable: true } } as TierFieldTypes;
    const filters = [
      { field: 'edge.host' as const, value: 'edge-2', exclude: false },
      { field: 'edge.upstreamAddr' as const, value: '10.20.0.12:80', exclude: true },
      { field: 'ingress.host' as const, value: 'ingress-node-2', exclude: false },
    ];
    expect(buildEdgeOverviewRequest({ ...KEYWORD_PLAN, edgeMappings }, { ...QUERY, filters })).toEqual({
      size: 0,
      track_total_hits: false,
      query: {
        bool: {
          filter: [
            ...WINDOW_FILTERS,
            { terms: { '@source.keyword': ['edge-2'] } },
            { bool: { must_not: [{ terms: { upstream_addr: ['10.20.0.12:80'] } }] } },
          ],
        },
      },
      aggs: {
        trace_id_missing: { filter: { bool: { filter: [{ bool: { must_not: [{ bool: { filter: TRACE_ID_PRESENT } }] } }] } } },
        with_trace_id: { filter: { bool: { filter: TRACE_ID_PRESENT } }, aggs: { request_time_missing: { missing: { field: 'request_time' } } } },
      },
    });
  });
});
