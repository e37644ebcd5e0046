import { describe, expect, it } from 'vitest';
import { summarizeFilters } from './filter-summary';

describe('summarizeFilters', () => {
  it('is empty when only the time range is set', () => {
    expect(summarizeFilters({ from: 'now-1h', to: 'now' })).toEqual([]);
  });

  it('names each active filter, dimension filters with = or ≠', () => {
    expect(
      summarizeFilters({
        app: 'user-api',
        path: '/v1/users',
        latencyMin: '1',
        bucket: '0.05',
        upper: '4',
        filter: ['ingress.host:ingress-node-2', '-edge.status:504'],
      }),
    ).toEqual(['app user-api', 'path /v1/users', 'latency ≥ 1 s', 'bucket 0.05 s', 'upper 4 s', 'ingress.host = ingress-node-2', 'edge.status ≠ 504']);
  });

  it('writes a latency range as one item, an upper bound alone with <', () => {
    expect(summarizeFilters({ latencyMin: '1', latencyMax: '1.1' })).toEqual(['latency 1–1.1 s']);
    expect(summarizeFilters({ latencyMax: '0.5' })).toEqual(['latency < 0.5 s']);
  });

  it('shows a filter it cannot read as written', () => {
    expect(summarizeFilters({ filter: ['edge.nope:x'] })).toEqual(['edge.nope:x']);
  });
});
