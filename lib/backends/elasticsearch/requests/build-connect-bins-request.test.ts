import { describe, expect, it } from 'vitest';
import { buildConnectBinsRequest } from './build-connect-bins-request';

describe('buildConnectBinsRequest', () => {
  it('counts lines per epoch-aligned bin, group and raw connect time', () => {
    const filters = [{ exists: { field: 'trace_id' } }];
    expect(
      buildConnectBinsRequest({
        filters,
        timestampField: '@timestamp',
        binMs: 300_000,
        groupField: '@source',
        connectField: 'upstream_connect_time',
        after: { bin: 1_605_780_000_000, group: 'edge-1', connect: null },
      }),
    ).toEqual({
      size: 0,
      track_total_hits: false,
      query: { bool: { filter: filters } },
      aggs: {
        connect_bins: {
          composite: {
            size: 20_000,
            sources: [
              { bin: { date_histogram: { field: '@timestamp', fixed_interval: '300000ms' } } },
              { group: { terms: { field: '@source', missing_bucket: true } } },
              { connect: { terms: { field: 'upstream_connect_time', missing_bucket: true } } },
            ],
            after: { bin: 1_605_780_000_000, group: 'edge-1', connect: null },
          },
        },
      },
    });
  });
});
