import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketBounds, buildHistogram, nearestRankPercentile, normalizeValueCounts, type ValueCount } from './histogram';

/** One count for each value. */
const ones = (...values: number[]): ValueCount[] => values.map((valueMs) => ({ valueMs, count: 1 }));

/** The counts of the buckets, in order. */
const counts = (values: ValueCount[], bucketMs: number, upperMs: number) =>
  buildHistogram(values, bucketMs, upperMs).buckets.map((bucket) => bucket.count);

describe('bucketBounds', () => {
  it('covers [0, upper) with half-open buckets of the given width', () => {
    expect(bucketBounds(100, 300)).toEqual([
      { fromMs: 0, toMs: 100 },
      { fromMs: 100, toMs: 200 },
      { fromMs: 200, toMs: 300 },
    ]);
  });

  it('cuts the last bucket at upper when upper is not a multiple of the width', () => {
    expect(bucketBounds(300, 1000)).toEqual([
      { fromMs: 0, toMs: 300 },
      { fromMs: 300, toMs: 600 },
      { fromMs: 600, toMs: 900 },
      { fromMs: 900, toMs: 1000 },
    ]);
  });

  it('gives one bucket when the width reaches upper', () => {
    expect(bucketBounds(100, 100)).toEqual([{ fromMs: 0, toMs: 100 }]);
    expect(bucketBounds(500, 100)).toEqual([{ fromMs: 0, toMs: 100 }]);
  });

  it('gives 35 buckets for the defaults (100 ms up to 3.5 s)', () => {
    const bounds = bucketBounds(100, 3500);
    expect(bounds).toHaveLength(35);
    expect(bounds.at(-1)).toEqual({ fromMs: 3400, toMs: 3500 });
  });
});

describe('buildHistogram: buckets', () => {
  it('puts a value on a boundary in the upper bucket', () => {
    expect(counts(ones(100), 100, 300)).toEqual([0, 1, 0]);
    expect(counts(ones(200), 100, 300)).toEqual([0, 0, 1]);
  });

  it('puts values just below a boundary and 0 in the lower bucket', () => {
    expect(counts(ones(99), 100, 300)).toEqual([1, 0, 0]);
    expect(counts(ones(0), 100, 300)).toEqual([1, 0, 0]);
    expect(counts(ones(199), 100, 300)).toEqual([0, 1, 0]);
  });

  it('counts negative values as underflow', () => {
    const histogram = buildHistogram(ones(-1, -250), 100, 300);
    expect(histogram.underflow).toBe(2);
    expect(histogram.buckets.map((b) => b.count)).toEqual([0, 0, 0]);
  });

  it('counts values at or above upper as overflow and upper − 1 in the last bucket', () => {
    const histogram = buildHistogram(ones(299, 300, 5000), 100, 300);
    expect(histogram.buckets.map((b) => b.count)).toEqual([0, 0, 1]);
    expect(histogram.overflow).toBe(2);
  });

  it('fills the cut last bucket [900, 1000) with width 300 and upper 1000', () => {
    const histogram = buildHistogram(ones(899, 900, 950, 999, 1000), 300, 1000);
    expect(histogram.buckets).toEqual([
      { fromMs: 0, toMs: 300, count: 0 },
      { fromMs: 300, toMs: 600, count: 0 },
      { fromMs: 600, toMs: 900, count: 1 },
      { fromMs: 900, toMs: 1000, count: 3 },
    ]);
    expect(histogram.overflow).toBe(1);
  });

  it('merges duplicate values, ignores zero counts and accepts unsorted input', () => {
    const histogram = buildHistogram(
      [
        { valueMs: 250, count: 2 },
        { valueMs: 10, count: 0 },
        { valueMs: 50, count: 3 },
        { valueMs: 250, count: 5 },
        { valueMs: 120, count: 1 },
        { valueMs: 400, count: 0 },
      ],
      100,
      300,
    );
    expect(histogram.buckets.map((b) => b.count)).toEqual([3, 1, 7]);
    expect(histogram.overflow).toBe(0);
    expect(histogram.total).toBe(11);
  });

  it('returns the options with the histogram', () => {
    const histogram = buildHistogram([], 50, 200);
    expect(histogram).toEqual({
      bucketMs: 50,
      upperMs: 200,
      buckets: [
        { fromMs: 0, toMs: 50, count: 0 },
        { fromMs: 50, toMs: 100, count: 0 },
        { fromMs: 100, toMs: 150, count: 0 },
        { fromMs: 150, toMs: 200, count: 0 },
      ],
      underflow: 0,
      overflow: 0,
      total: 0,
      p50Ms: null,
      p90Ms: null,
      p99Ms: null,
    });
  });

  it('keeps total = buckets + underflow + overflow', () => {
    const valueCount = fc.record({ valueMs: fc.integer({ min: -5_000, max: 10_000 }), count: fc.integer({ min: 0, max: 1_000 }) });
    fc.assert(
      fc.property(fc.array(valueCount), fc.integer({ min: 1, max: 2_000 }), fc.integer({ min: 1, max: 8_000 }), (values, bucketMs, upperMs) => {
        const histogram = buildHistogram(values, bucketMs, upperMs);
        let expectedTotal = 0;
        for (const { count } of values) expectedTotal += count;
        let inBuckets = 0;
        for (const { count } of histogram.buckets) inBuckets += count;
        expect(histogram.total).toBe(expectedTotal);
        expect(inBuckets + histogram.underflow + histogram.overflow).toBe(expectedTotal);
      }),
    );
  });

  it.each([
    [0, 100],
    [-100, 1000],
    [1.5, 1000],
    [Number.NaN, 1000],
    [100, 0],
    [100, -1],
    [100, 3500.5],
    [100, Number.POSITIVE_INFINITY],
  ])('refuses bucket %s with upper %s', (bucketMs, upperMs) => {
    expect(() => buildHistogram([], bucketMs, upperMs)).toThrow(RangeError);
  });

  it('names the offending option', () => {
    expect(() => buildHistogram([], 0, 100)).toThrow(/bucketMs/);
    expect(() => buildHistogram([], 100, 0)).toThrow(/upperMs/);
  });
});

describe('buildHistogram: nearest-rank percentiles', () => {
  it('gives 50, 90 and 99 for the values 1..100', () => {
    const values = ones(...Array.from({ length: 100 }, (_, i) => i + 1));
    const histogram = buildHistogram(values, 100, 3500);
    expect([histogram.p50Ms, histogram.p90Ms, histogram.p99Ms]).toEqual([50, 90, 99]);
  });

  it('gives the maximum as p99 of ten values', () => {
    // ranks: ceil(0.5·10) = 5, ceil(0.9·10) = 9, ceil(0.99·10) = 10
    const histogram = buildHistogram(ones(70, 10, 30, 100, 20, 90, 40, 60, 50, 80), 100, 3500);
    expect([histogram.p50Ms, histogram.p90Ms, histogram.p99Ms]).toEqual([50, 90, 100]);
  });

  it('gives the single value for every percentile', () => {
    const histogram = buildHistogram(ones(42), 100, 3500);
    expect([histogram.p50Ms, histogram.p90Ms, histogram.p99Ms]).toEqual([42, 42, 42]);
  });

  it('uses counts as repetitions', () => {
    // 100 values: 50×10, 40×20, 9×30, 1×40 → cumulative 50, 90, 99, 100
    const values = [
      { valueMs: 40, count: 1 },
      { valueMs: 10, count: 50 },
      { valueMs: 30, count: 9 },
      { valueMs: 20, count: 40 },
    ];
    const histogram = buildHistogram(values, 100, 3500);
    expect([histogram.p50Ms, histogram.p90Ms, histogram.p99Ms]).toEqual([10, 20, 30]);
  });

  it('moves to the next value one past a cumulative boundary', () => {
    // 3 values: ranks ceil(1.5) = 2, ceil(2.7) = 3, ceil(2.97) = 3
    const histogram = buildHistogram(ones(5, 6, 7), 100, 3500);
    expect([histogram.p50Ms, histogram.p90Ms, histogram.p99Ms]).toEqual([6, 7, 7]);
  });

  it('includes values beyond upper, unclipped', () => {
    // 4 values: ranks 2, 4, 4
    const histogram = buildHistogram(ones(100, 200, 300, 9000), 100, 1000);
    expect([histogram.p50Ms, histogram.p90Ms, histogram.p99Ms]).toEqual([200, 9000, 9000]);
  });

  it('lets negative values take part', () => {
    // 4 values: -30, -10, 5, 20 → ranks 2, 4, 4
    const histogram = buildHistogram(ones(20, -10, 5, -30), 100, 1000);
    expect([histogram.p50Ms, histogram.p90Ms, histogram.p99Ms]).toEqual([-10, 20, 20]);
  });

  it('gives null for an empty distribution or one with only zero counts', () => {
    const empty = buildHistogram([], 100, 1000);
    expect([empty.p50Ms, empty.p90Ms, empty.p99Ms]).toEqual([null, null, null]);
    const zeros = buildHistogram([{ valueMs: 10, count: 0 }], 100, 1000);
    expect([zeros.p50Ms, zeros.p90Ms, zeros.p99Ms, zeros.total]).toEqual([null, null, null, 0]);
  });
});

describe('nearestRankPercentile', () => {
  const sorted = [
    { valueMs: 1, count: 1 },
    { valueMs: 2, count: 1 },
    { valueMs: 3, count: 2 },
  ];

  it('uses rank ceil(p·n/100), at least 1', () => {
    expect(nearestRankPercentile(sorted, 4, 0)).toBe(1);
    expect(nearestRankPercentile(sorted, 4, 25)).toBe(1);
    expect(nearestRankPercentile(sorted, 4, 26)).toBe(2);
    expect(nearestRankPercentile(sorted, 4, 50)).toBe(2);
    expect(nearestRankPercentile(sorted, 4, 51)).toBe(3);
    expect(nearestRankPercentile(sorted, 4, 100)).toBe(3);
  });

  it('gives null when the total is zero', () => {
    expect(nearestRankPercentile([], 0, 50)).toBeNull();
  });
});

describe('normalizeValueCounts', () => {
  it('sorts by value, merges duplicates and drops zero or negative counts', () => {
    expect(
      normalizeValueCounts([
        { valueMs: 30, count: 1 },
        { valueMs: -5, count: 2 },
        { valueMs: 30, count: 4 },
        { valueMs: 10, count: 0 },
        { valueMs: 20, count: -3 },
      ]),
    ).toEqual([
      { valueMs: -5, count: 2 },
      { valueMs: 30, count: 5 },
    ]);
  });
});
