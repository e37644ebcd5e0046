import { describe, expect, it } from 'vitest';
import { buildDuplicatedTracesRequest } from './build-duplicated-traces-request';

describe('buildDuplicatedTracesRequest', () => {
  it('lists the traces with two documents or more, each shard only its own', () => {
    const filters = [{ exists: { field: 'trace_id' } }];
    expect(buildDuplicatedTracesRequest(filters, 'trace_id')).toEqual({
      size: 0,
      track_total_hits: false,
      query: { bool: { filter: filters } },
      aggs: {
        trace_ids: {
          terms: { field: 'trace_id', size: 60_000, shard_size: 60_000, min_doc_count: 2, shard_min_doc_count: 2, order: { _key: 'asc' } },
        },
      },
    });
  });
});
