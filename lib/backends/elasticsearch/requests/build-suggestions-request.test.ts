import { describe, expect, it } from 'vitest';
import { buildSuggestionsRequest, toContainsRegexp } from './build-suggestions-request';

describe('buildSuggestionsRequest', () => {
  it('counts values by frequency, then name; "" and "-" are no values', () => {
    const filters = [{ match_phrase: { app_name: 'shop' } }];
    expect(buildSuggestionsRequest(filters, 'path', '/app/v1', 10)).toEqual({
      size: 0,
      track_total_hits: false,
      query: { bool: { filter: filters } },
      aggs: {
        suggestions: {
          terms: { field: 'path', size: 10, shard_size: 10_000, order: [{ _count: 'desc' }, { _key: 'asc' }], include: '.*/app/v1.*', exclude: '-?' },
        },
      },
    });
    expect(buildSuggestionsRequest([], 'app_name', null, 5).aggs?.suggestions?.terms).not.toHaveProperty('include');
  });

  it('matches the typed text literally, anywhere in the value', () => {
    expect(toContainsRegexp('a.b*c(d)"e#f@g&h<i>j~k|l+m?n{o}p[q]r\\s')).toBe('.*a\\.b\\*c\\(d\\)\\"e\\#f\\@g\\&h\\<i\\>j\\~k\\|l\\+m\\?n\\{o\\}p\\[q\\]r\\\\s.*');
    expect(toContainsRegexp('user')).toBe('.*user.*');
  });
});
