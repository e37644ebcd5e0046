import { describe, expect, it } from 'vitest';
import { NO_GROUP, OTHER_GROUP } from '@/lib/domain/connect-timeline';
import { ConnectSeriesBuilder } from './connect-series';

describe('ConnectSeriesBuilder', () => {
  it('keeps the largest groups, merges the rest, and gives nearest-rank percentiles per bin', () => {
    const builder = new ConnectSeriesBuilder();
    // a: 4 values in bin 0 (1, 1, 2, 1003) and one in bin 60000 (5); b: 2; c: 2; none: 1; 2 without value.
    for (const value of [1, 1, 2, 1003]) builder.add('a', 0, value);
    builder.add('a', 60_000, 5);
    builder.add('b', 0, 7);
    builder.add('b', 120_000, 3);
    builder.add('c', 0, 4);
    builder.add('c', 0, 6);
    builder.add(null, 0, 9);
    builder.add('a', 0, null);
    builder.add(null, 0, null);
    expect(builder.withoutConnectTime).toBe(2);
    // Sizes a 5, b 2, c 2, (none) 1: two kept (a, then b before c by name), c and (none) merged.
    expect(builder.build(2)).toEqual([
      {
        group: 'a',
        count: 5,
        points: [
          // 4 values: p50 rank 2 → 1, p99 rank 4 → 1003.
          { binStartMs: 0, count: 4, p50Ms: 1, p99Ms: 1003, maxMs: 1003 },
          { binStartMs: 60_000, count: 1, p50Ms: 5, p99Ms: 5, maxMs: 5 },
        ],
      },
      // (other): c 4, 6 and (none) 9 in bin 0: p50 rank 2 → 6, p99 rank 3 → 9.
      { group: OTHER_GROUP, count: 3, points: [{ binStartMs: 0, count: 3, p50Ms: 6, p99Ms: 9, maxMs: 9 }] },
      {
        group: 'b',
        count: 2,
        points: [
          { binStartMs: 0, count: 1, p50Ms: 7, p99Ms: 7, maxMs: 7 },
          { binStartMs: 120_000, count: 1, p50Ms: 3, p99Ms: 3, maxMs: 3 },
        ],
      },
    ]);
    expect(builder.build(10).map((series) => series.group)).toEqual(['a', 'b', 'c', NO_GROUP]);
  });

  it('takes lines back out (a duplicated trace counts at its representative only)', () => {
    const builder = new ConnectSeriesBuilder();
    // Both lines of a trace were counted; its representative is the 1003 ms line on edge-2.
    builder.add('edge-1', 0, 1, 2);
    builder.add('edge-2', 0, 1003);
    builder.add('edge-1', 0, 1, -1);
    builder.add('edge-3', 0, 7);
    builder.add('edge-3', 0, 7, -1);
    builder.add(null, 0, null, 2);
    builder.add(null, 0, null, -1);
    expect(builder.withoutConnectTime).toBe(1);
    // edge-3 lost its only line: no series for it.
    expect(builder.build(10)).toEqual([
      { group: 'edge-1', count: 1, points: [{ binStartMs: 0, count: 1, p50Ms: 1, p99Ms: 1, maxMs: 1 }] },
      { group: 'edge-2', count: 1, points: [{ binStartMs: 0, count: 1, p50Ms: 1003, p99Ms: 1003, maxMs: 1003 }] },
    ]);
  });
});
