import { describe, expect, it } from 'vitest';
import { NUMERIC_PLAN, QUERY, TRACE_ID_PRESENT, WINDOW_FILTERS } from '@/test-support/elasticsearch-query-plans';
import { buildMsChunkRequest, buildMsHistogramAggregation } from './build-ms-histogram';

describe('1 ms histograms', () => {
  it('start buckets half a millisecond early', () => {
    expect(buildMsHistogramAggregation('rt')).toEqual({ histogram: { field: 'rt', interval: 0.001, offset: 0.0005, min_doc_count: 1 } });
  });

  it('one chunk of 60 s of values per request', () => {
    expect(buildMsChunkRequest(NUMERIC_PLAN, QUERY, 2)).toEqual({
      size: 0,
      track_total_hits: false,
      query: { bool: { filter: [...WINDOW_FILTERS, ...TRACE_ID_PRESENT, { range: { request_time: { gte: 119.9995, lt: 179.9995 } } }] } },
      aggs: { request_time_ms: { histogram: { field: 'request_time', interval: 0.001, offset: 0.0005, min_doc_count: 1 } } },
    });
  });
});
