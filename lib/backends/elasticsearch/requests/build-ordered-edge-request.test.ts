import { describe, expect, it } from 'vitest';
import { buildOrderedEdgeRequest } from './build-ordered-edge-request';

describe('buildOrderedEdgeRequest', () => {
  const filters = [{ terms: { trace_id: ['a1'] } }];

  it('edge lines in drill-down order after a key, sort values only', () => {
    expect(buildOrderedEdgeRequest(filters, '@timestamp', 'trace_id', [1_605_780_030_000, 'a3'], 200)).toEqual({
      size: 200,
      track_total_hits: false,
      query: { bool: { filter: filters } },
      _source: false,
      sort: [{ '@timestamp': { order: 'desc', format: 'epoch_millis' } }, { trace_id: { order: 'asc' } }],
      search_after: [1_605_780_030_000, 'a3'],
    });
    expect(buildOrderedEdgeRequest(filters, '@timestamp', 'trace_id', null, 10)).not.toHaveProperty('search_after');
  });
});
