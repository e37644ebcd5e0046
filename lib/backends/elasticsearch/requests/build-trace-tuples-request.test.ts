import { describe, expect, it } from 'vitest';
import { buildTraceTuplesRequest } from './build-trace-tuples-request';

describe('buildTraceTuplesRequest', () => {
  it('distinct tuples, trace id first, absent values as their own bucket', () => {
    const filters = [{ terms: { trace_id: ['a1', 'a2'] } }];
    const sources = [
      { name: 'timestamp', field: '@timestamp' },
      { name: 'request_time', field: 'request_time' },
    ];
    expect(buildTraceTuplesRequest(filters, 'trace_id', sources, { trace_id: 'a1', timestamp: 5, request_time: null })).toEqual({
      size: 0,
      track_total_hits: false,
      query: { bool: { filter: filters } },
      aggs: {
        tuples: {
          composite: {
            size: 40_000,
            sources: [
              { trace_id: { terms: { field: 'trace_id' } } },
              { timestamp: { terms: { field: '@timestamp', missing_bucket: true } } },
              { request_time: { terms: { field: 'request_time', missing_bucket: true } } },
            ],
            after: { trace_id: 'a1', timestamp: 5, request_time: null },
          },
        },
      },
    });
  });
});
