import { describe, expect, it } from 'vitest';
import { buildKeywordValuesRequest } from './build-keyword-values-request';

describe('buildKeywordValuesRequest', () => {
  const filters = [{ exists: { field: 'trace_id' } }];

  it('asks for every distinct value, page after page', () => {
    expect(buildKeywordValuesRequest(filters, 'request_time', null)).toEqual({
      size: 0,
      track_total_hits: false,
      query: { bool: { filter: filters } },
      aggs: { values: { composite: { size: 10_000, sources: [{ value: { terms: { field: 'request_time' } } }] } } },
    });
    expect(buildKeywordValuesRequest(filters, 'request_time', { value: '1.288' }).aggs).toEqual({
      values: { composite: { size: 10_000, sources: [{ value: { terms: { field: 'request_time' } } }], after: { value: '1.288' } } },
    });
  });
});
