import { describe, expect, it } from 'vitest';
import { buildExtentRequest } from './build-extent-request';

describe('buildExtentRequest', () => {
  it('asks for the first and last @timestamp', () => {
    expect(buildExtentRequest('@timestamp')).toEqual({
      size: 0,
      track_total_hits: false,
      aggs: { first_timestamp: { min: { field: '@timestamp' } }, last_timestamp: { max: { field: '@timestamp' } } },
    });
  });
});
