import { describe, expect, it } from 'vitest';
import { describeEsRequest, digestSearchProfile, unionMs } from './es-request-shape';

describe('describeEsRequest', () => {
  it('names a partitioned terms aggregation with its sub-aggregation', () => {
    const body = {
      size: 0,
      aggs: { trace_ids: { terms: { field: 'trace_id', include: { partition: 3, num_partitions: 50 } }, aggs: { request_time_max: { max: { field: 'request_time' } } } } },
    };
    expect(describeEsRequest('POST', '/_search', body)).toBe('terms(trace_ids, partitioned) + request_time_max');
  });

  it('names several aggregations and plain searches', () => {
    expect(describeEsRequest('POST', '/bench-*/_search', { aggs: { a: { composite: {} }, b: { histogram: {} } } })).toBe('composite(a) · histogram(b)');
    expect(describeEsRequest('POST', '/_search', { size: 500, search_after: [1] })).toBe('search size 500, search_after');
    expect(describeEsRequest('POST', '/_search', { query: {} })).toBe('search size 10');
  });

  it('names other APIs by their endpoint', () => {
    expect(describeEsRequest('POST', '/bench-nginx-access-*/_pit?keep_alive=2m', null)).toBe('POST _pit');
    expect(describeEsRequest('DELETE', '/_pit', null)).toBe('DELETE _pit');
    expect(describeEsRequest('GET', '/bench-ingress-*/_field_caps?fields=a', null)).toBe('GET _field_caps');
  });
});

describe('unionMs', () => {
  it('counts overlapping requests once and gaps not at all', () => {
    // [0, 10) and [5, 20) overlap: 20 ms; [30, 35): 5 ms.
    expect(unionMs([{ startMs: 30, endMs: 35 }, { startMs: 0, endMs: 10 }, { startMs: 5, endMs: 20 }])).toBe(25);
  });

  it('is zero for no requests', () => {
    expect(unionMs([])).toBe(0);
  });
});

describe('digestSearchProfile', () => {
  it('sums query time and aggregation time per aggregation over shards', () => {
    const shard = (queryNanos: number, termsNanos: number) => ({
      searches: [{ query: [{ type: 'BooleanQuery', time_in_nanos: queryNanos }] }],
      aggregations: [
        { type: 'GlobalOrdinalsStringTermsAggregator', description: 'trace_ids', time_in_nanos: termsNanos, children: [{ type: 'MaxAggregator', description: 'request_time_max', time_in_nanos: 1_000_000 }] },
      ],
    });
    expect(digestSearchProfile({ profile: { shards: [shard(2_000_000, 30_000_000), shard(1_000_000, 10_000_000)] } })).toEqual({
      shards: 2,
      queryMs: 3,
      aggregations: [
        { name: 'trace_ids (GlobalOrdinalsStringTermsAggregator)', ms: 40 },
        { name: 'request_time_max (MaxAggregator)', ms: 2 },
      ],
    });
  });

  it('is empty for an answer without a profile', () => {
    expect(digestSearchProfile({ hits: {} })).toEqual({ shards: 0, queryMs: 0, aggregations: [] });
  });
});
