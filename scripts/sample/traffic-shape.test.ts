import { describe, expect, it } from 'vitest';
import { createPrng } from './prng';
import { dailyTrafficRate, generateArrivalTimes } from './traffic-shape';

const HOUR_MS = 3_600_000;

describe('generateArrivalTimes', () => {
  const startMs = Date.UTC(2020, 10, 19, 3);
  const durationMs = 12 * HOUR_MS;
  const count = 30_000;
  const times = [...generateArrivalTimes(startMs, durationMs, count, createPrng(1))];

  it('gives exactly `count` ascending times inside the window', () => {
    expect(times).toHaveLength(count);
    const descending = times.findIndex((t, i) => i > 0 && t < times[i - 1]!);
    expect(descending).toBe(-1);
    expect(times[0]!).toBeGreaterThanOrEqual(startMs);
    expect(times[count - 1]!).toBeLessThan(startMs + durationMs);
  });

  it('follows the daily rate hour by hour', () => {
    // Expected share of each hour: the rate integrated numerically, second by second.
    const weights = Array.from({ length: 12 }, (_, hour) => {
      let sum = 0;
      for (let s = 0; s < 3_600; s += 1) sum += dailyTrafficRate(startMs + hour * HOUR_MS + s * 1000);
      return sum;
    });
    const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
    weights.forEach((weight, hour) => {
      const actual = times.filter((t) => t >= startMs + hour * HOUR_MS && t < startMs + (hour + 1) * HOUR_MS).length;
      const expected = (weight / totalWeight) * count;
      expect(Math.abs(actual - expected) / expected).toBeLessThan(0.02);
    });
  });

  it('has a night trough and an afternoon peak', () => {
    expect(dailyTrafficRate(Date.UTC(2020, 10, 19, 3))).toBeCloseTo(0.5);
    expect(dailyTrafficRate(Date.UTC(2020, 10, 19, 15))).toBeCloseTo(1.5);
  });
});
