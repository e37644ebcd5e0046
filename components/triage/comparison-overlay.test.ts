import { describe, expect, it } from 'vitest';
import { buildHistogram } from '@/lib/domain/histogram';
import { toOverlayRows } from './comparison-overlay';

describe('toOverlayRows', () => {
  it('puts both windows on the same bars as shares of their own totals', () => {
    // Base: 23, 33, 46, 1063 ms; compared: 23, 30, 34, 39, 5000 ms; 500 ms buckets up to 1 s.
    const base = buildHistogram([23, 33, 46, 1063].map((valueMs) => ({ valueMs, count: 1 })), 500, 1000);
    const compare = buildHistogram([23, 30, 34, 39, 5000].map((valueMs) => ({ valueMs, count: 1 })), 500, 1000);
    expect(toOverlayRows(base, compare).map((row) => [row.key, row.baseCount, row.basePercent, row.compareCount, row.comparePercent])).toEqual([
      ['underflow', 0, 0, 0, 0],
      ['b0', 3, 75, 4, 80],
      ['b500', 0, 0, 0, 0],
      ['overflow', 1, 25, 1, 20],
    ]);
  });

  it('refuses histograms on different buckets', () => {
    expect(() => toOverlayRows(buildHistogram([], 100, 1000), buildHistogram([], 50, 1000))).toThrow(RangeError);
  });
});
