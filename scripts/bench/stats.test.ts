import { describe, expect, it } from 'vitest';
import { growthExponent, median, nearestRank, speedup, summarize } from './stats';

describe('median', () => {
  it('takes the middle value of an odd count, in any order', () => {
    expect(median([9, 1, 5])).toBe(5);
  });

  it('averages the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('refuses an empty list', () => {
    expect(() => median([])).toThrow(/no values/);
  });
});

describe('nearestRank', () => {
  // Ten values 10..100: p25 is the 3rd (ceil 2.5), p75 the 8th (ceil 7.5), p100 the last.
  const values = [100, 90, 80, 70, 60, 50, 40, 30, 20, 10];

  it.each([
    [25, 30],
    [50, 50],
    [75, 80],
    [100, 100],
    [1, 10],
  ])('p%d of 10..100 is %d', (percent, expected) => {
    expect(nearestRank(values, percent)).toBe(expected);
  });

  it('refuses a percentile outside (0, 100]', () => {
    expect(() => nearestRank(values, 0)).toThrow(/percentile/);
    expect(() => nearestRank(values, 101)).toThrow(/percentile/);
  });
});

describe('summarize', () => {
  it('gives the median, extremes and middle half', () => {
    expect(summarize([12, 10, 30, 11, 13])).toEqual({ runs: 5, medianMs: 12, minMs: 10, maxMs: 30, p25Ms: 11, p75Ms: 13 });
  });

  it('summarizes a single run as itself', () => {
    expect(summarize([7])).toEqual({ runs: 1, medianMs: 7, minMs: 7, maxMs: 7, p25Ms: 7, p75Ms: 7 });
  });
});

describe('speedup', () => {
  it('is the baseline over the candidate', () => {
    expect(speedup(20_000, 200)).toBe(100);
  });

  it('refuses a zero candidate time', () => {
    expect(() => speedup(1, 0)).toThrow(/positive/);
  });
});

describe('growthExponent', () => {
  it('is 1 for a cost ten times larger at ten times the size', () => {
    expect(growthExponent(100_000, 50, 1_000_000, 500)).toBeCloseTo(1, 12);
  });

  it('is 2 for a hundredfold cost at ten times the size, 0 for a constant one', () => {
    expect(growthExponent(100_000, 3, 1_000_000, 300)).toBeCloseTo(2, 12);
    expect(growthExponent(100_000, 40, 1_000_000, 40)).toBe(0);
  });

  it('refuses sizes in the wrong order', () => {
    expect(() => growthExponent(10, 1, 10, 2)).toThrow(/two positive sizes/);
  });
});
