import { describe, expect, it } from 'vitest';
import type { Histogram } from '@/lib/domain/histogram';
import { barIndexOf, tickStep, toHistogramBars, toPercentileMarkers } from './histogram-bars';

const HISTOGRAM: Histogram = {
  bucketMs: 100,
  upperMs: 250,
  buckets: [
    { fromMs: 0, toMs: 100, count: 5 },
    { fromMs: 100, toMs: 200, count: 2 },
    { fromMs: 200, toMs: 250, count: 0 },
  ],
  underflow: 1,
  overflow: 2,
  total: 10,
  p50Ms: 40,
  p90Ms: 260,
  p99Ms: 900,
};

describe('toHistogramBars', () => {
  it('puts underflow first and overflow last, with labels and shares of the total', () => {
    const bars = toHistogramBars(HISTOGRAM);
    expect(bars.map((bar) => [bar.key, bar.label, bar.count, bar.percent])).toEqual([
      ['underflow', '< 0 ms', 1, 10],
      ['b0', '0–100 ms', 5, 50],
      ['b100', '100–200 ms', 2, 20],
      ['b200', '200–250 ms', 0, 0],
      ['overflow', '≥ 250 ms', 2, 20],
    ]);
    expect(bars[0]).toMatchObject({ fromMs: null, toMs: 0 });
    expect(bars[4]).toMatchObject({ fromMs: 250, toMs: null });
  });

  it('gives zero shares for an empty histogram', () => {
    const bars = toHistogramBars({ ...HISTOGRAM, buckets: [], underflow: 0, overflow: 0, total: 0 });
    expect(bars.map((bar) => bar.percent)).toEqual([0, 0]);
  });
});

describe('barIndexOf', () => {
  const bars = toHistogramBars(HISTOGRAM);
  it('finds the half-open bucket of a value', () => {
    expect(barIndexOf(bars, -3)).toBe(0);
    expect(barIndexOf(bars, 0)).toBe(1);
    expect(barIndexOf(bars, 99)).toBe(1);
    expect(barIndexOf(bars, 100)).toBe(2);
    expect(barIndexOf(bars, 249)).toBe(3);
    expect(barIndexOf(bars, 250)).toBe(4);
  });
});

describe('toPercentileMarkers', () => {
  it('marks each percentile on its bar and merges those sharing one', () => {
    const bars = toHistogramBars(HISTOGRAM);
    expect(toPercentileMarkers(HISTOGRAM, bars)).toEqual([
      { barKey: 'b0', label: 'p50' },
      { barKey: 'overflow', label: 'p90 · p99' },
    ]);
  });

  it('has no marks without values', () => {
    const empty = { ...HISTOGRAM, p50Ms: null, p90Ms: null, p99Ms: null };
    expect(toPercentileMarkers(empty, toHistogramBars(empty))).toEqual([]);
  });
});

describe('tickStep', () => {
  it('labels every bucket when few, round steps when many', () => {
    expect(tickStep(8, 10)).toBe(1);
    expect(tickStep(35, 10)).toBe(5);
    expect(tickStep(2000, 10)).toBe(200);
  });
});
