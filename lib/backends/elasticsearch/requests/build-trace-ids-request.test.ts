import { describe, expect, it } from 'vitest';
import { buildTraceIdsRequest } from './build-trace-ids-request';

describe('buildTraceIdsRequest', () => {
  const filters = [{ exists: { field: 'trace_id' } }];

  it('one hash partition of the trace ids, with the largest numeric request_time', () => {
    expect(buildTraceIdsRequest({ filters, traceIdField: 'trace_id', partition: 2, partitions: 7, maxRequestTimeField: 'request_time' })).toEqual({
      size: 0,
      track_total_hits: false,
      query: { bool: { filter: filters } },
      aggs: {
        trace_ids: {
          terms: { field: 'trace_id', size: 60_000, shard_size: 60_000, order: { _key: 'asc' }, include: { partition: 2, num_partitions: 7 } },
          aggs: { request_time_max: { max: { field: 'request_time' } } },
        },
      },
    });
  });

  it('without a sub-aggregation for keyword request_time', () => {
    const request = buildTraceIdsRequest({ filters, traceIdField: 'trace_id.keyword', partition: 0, partitions: 1, maxRequestTimeField: null });
    expect(request.aggs).toEqual({
      trace_ids: {
        terms: { field: 'trace_id.keyword', size: 60_000, shard_size: 60_000, order: { _key: 'asc' }, include: { partition: 0, num_partitions: 1 } },
      },
    });
  });

  it('with the latest @timestamp, and only duplicated traces', () => {
    const request = buildTraceIdsRequest({
      filters,
      traceIdField: 'trace_id',
      partition: 1,
      partitions: 3,
      maxRequestTimeField: null,
      maxTimestampField: '@timestamp',
      duplicatesOnly: true,
    });
    expect(request.aggs).toEqual({
      trace_ids: {
        terms: {
          field: 'trace_id',
          size: 60_000,
          shard_size: 250_000,
          min_doc_count: 2,
          order: { _key: 'asc' },
          include: { partition: 1, num_partitions: 3 },
        },
        aggs: { timestamp_max: { max: { field: '@timestamp' } } },
      },
    });
  });
});
