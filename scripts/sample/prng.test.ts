import { describe, expect, it } from 'vitest';
import { createPrng } from './prng';

const draw = (seed: number, count: number): number[] => {
  const prng = createPrng(seed);
  return Array.from({ length: count }, () => prng.next());
};

describe('createPrng', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    expect(draw(42, 100)).toEqual(draw(42, 100));
    expect(draw(42, 100)).not.toEqual(draw(43, 100));
  });

  it('draws uniformly in [0, 1)', () => {
    const values = draw(7, 20_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    // Standard error of the mean is 1/sqrt(12 · 20000) ≈ 0.002.
    expect(mean).toBeGreaterThan(0.49);
    expect(mean).toBeLessThan(0.51);
    const firstDecile = values.filter((value) => value < 0.1).length / values.length;
    expect(firstDecile).toBeGreaterThan(0.09);
    expect(firstDecile).toBeLessThan(0.11);
  });

  it('includes both ends of an integer range and nothing outside it', () => {
    const prng = createPrng(3);
    const seen = new Set<number>();
    for (let i = 0; i < 2_000; i += 1) seen.add(prng.int(1, 3));
    expect([...seen].sort()).toEqual([1, 2, 3]);
  });

  it('picks by weight', () => {
    const prng = createPrng(5);
    const items = [
      { item: 'a', weight: 3 },
      { item: 'b', weight: 1 },
    ];
    let a = 0;
    for (let i = 0; i < 10_000; i += 1) if (prng.pickWeighted(items) === 'a') a += 1;
    expect(a / 10_000).toBeGreaterThan(0.73);
    expect(a / 10_000).toBeLessThan(0.77);
  });

  it('draws log-normal values around the median', () => {
    const prng = createPrng(9);
    const values = Array.from({ length: 10_000 }, () => prng.logNormal(100, 0.5)).sort((x, y) => x - y);
    const median = values[5_000]!;
    expect(median).toBeGreaterThan(95);
    expect(median).toBeLessThan(105);
    // exp(0.5 · 1.2816) ≈ 1.898: the 90th percentile of a log-normal with sigma 0.5.
    expect(values[9_000]! / median).toBeGreaterThan(1.8);
    expect(values[9_000]! / median).toBeLessThan(2.0);
  });

  it('formats hex ids of the requested length', () => {
    const prng = createPrng(11);
    expect(prng.hex(16)).toMatch(/^[0-9a-f]{16}$/);
    expect(prng.hex(5)).toMatch(/^[0-9a-f]{5}$/);
  });
});
