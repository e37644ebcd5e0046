import { describe, expect, it } from 'vitest';
import { binomialUpperTail, bonferroni, hypergeometricUpperTail, logChoose, logFactorial, twoSided } from './statistics';

/**
 * Expected values: small cases by hand (shown in comments); large ones from exact rational sums
 * (Python's fractions and math.comb over every term of the tail), not from this code.
 */

describe('logFactorial and logChoose', () => {
  it('is exact for small n and matches ln Γ(n + 1) for large n', () => {
    expect(logFactorial(0)).toBe(0);
    expect(logFactorial(5)).toBeCloseTo(Math.log(120), 14);
    // ln(255!) summed and ln(256!) from Stirling agree on ln 256 between them.
    expect(logFactorial(256) - logFactorial(255)).toBeCloseTo(Math.log(256), 12);
    // ln Γ(1001) = 5912.128178488163, ln Γ(1e6 + 1) = 12815518.384658169 (Python math.lgamma).
    expect(logFactorial(1000)).toBeCloseTo(5912.128178488163, 9);
    expect(logFactorial(1_000_000) / 12815518.384658169).toBeCloseTo(1, 14);
  });

  it('gives ln C(n, k), and −∞ outside the support', () => {
    expect(Math.exp(logChoose(8, 4))).toBeCloseTo(70, 10);
    expect(logChoose(3, 4)).toBe(Number.NEGATIVE_INFINITY);
    expect(() => logFactorial(-1)).toThrow(RangeError);
    expect(() => logFactorial(1.5)).toThrow(RangeError);
  });
});

describe('hypergeometricUpperTail (one-sided Fisher exact test)', () => {
  it('is 1/70 for the lady tasting tea: all 4 of 4 picks right among 8 cups', () => {
    expect(hypergeometricUpperTail(4, 8, 4, 4).p).toBeCloseTo(1 / 70, 15);
  });

  it('sums the tail: 2 slow of 3 carry a value that 2 of 7 requests have → C(2,2)·C(5,1)/C(7,3) = 5/35', () => {
    expect(hypergeometricUpperTail(2, 7, 2, 3).p).toBeCloseTo(1 / 7, 15);
    // P(X ≥ 1) = 1 − P(X = 0) = 1 − C(5,3)/C(7,3) = 1 − 10/35.
    expect(hypergeometricUpperTail(1, 7, 2, 3).p).toBeCloseTo(25 / 35, 15);
  });

  it('is 1 at or below the smallest possible count, 0 above the largest', () => {
    expect(hypergeometricUpperTail(0, 7, 2, 3)).toEqual({ p: 1, log10P: 0 });
    // 6 of 7 marked, 3 drawn: at least 2 marked are always drawn.
    expect(hypergeometricUpperTail(2, 7, 6, 3).p).toBe(1);
    expect(hypergeometricUpperTail(3, 7, 2, 3).p).toBe(0);
  });

  it('stays exact in log space far below double range', () => {
    // 900 of 950 slow requests on a node that carries 6,600 of 20,000: log10 P = −376.20225401076283.
    expect(hypergeometricUpperTail(900, 20_000, 6_600, 950).log10P).toBeCloseTo(-376.20225401076283, 8);
  });

  it('handles small counts in a large population: 8 of 65 slow requests on a value 110 of 20,000 have', () => {
    // Exact sum: 2.5173610586003776e-09.
    expect(hypergeometricUpperTail(8, 20_000, 110, 65).p / 2.5173610586003776e-9).toBeCloseTo(1, 9);
  });

  it('is large when the count is at or below what chance gives', () => {
    // 300 drawn of 1,000 with 100 marked: 30 expected; P(X ≥ 30) = 0.5409116442955613, P(X ≥ 10) = 0.9999998776735449 (exact sums).
    expect(hypergeometricUpperTail(30, 1_000, 100, 300).p).toBeCloseTo(0.5409116442955613, 10);
    expect(hypergeometricUpperTail(10, 1_000, 100, 300).p).toBeCloseTo(0.9999998776735449, 10);
  });
});

describe('binomialUpperTail', () => {
  it('is p^n when every trial must succeed', () => {
    expect(binomialUpperTail(10, 10, 0.2).p).toBeCloseTo(0.2 ** 10, 20);
  });

  it('is 1 − q^n for at least one success', () => {
    expect(binomialUpperTail(1, 50, 0.2).p).toBeCloseTo(1 - 0.8 ** 50, 14);
    expect(binomialUpperTail(0, 50, 0.2).p).toBe(1);
    expect(binomialUpperTail(51, 50, 0.2).p).toBe(0);
  });

  it('stays exact where the probability underflows', () => {
    // 900 of 950 in a window that should hold a fifth: log10 P = −550.0793330125395 (exact sum).
    const tail = binomialUpperTail(900, 950, 0.2);
    expect(tail.p).toBe(0);
    expect(tail.log10P).toBeCloseTo(-550.0793330125395, 8);
  });

  it('refuses impossible parameters', () => {
    expect(() => binomialUpperTail(1, 2, 0)).toThrow(RangeError);
    expect(() => binomialUpperTail(-1, 2, 0.5)).toThrow(RangeError);
  });
});

describe('bonferroni and twoSided', () => {
  it('multiplies by the number of tests and caps at 1', () => {
    expect(bonferroni({ p: 0.001, log10P: -3 }, 45).p).toBeCloseTo(0.045, 14);
    expect(bonferroni({ p: 0.1, log10P: -1 }, 45)).toEqual({ p: 1, log10P: 0 });
    expect(bonferroni({ p: 0, log10P: -400 }, 100).log10P).toBeCloseTo(-398, 10);
  });

  it('doubles the smaller tail', () => {
    expect(twoSided({ p: 0.01, log10P: -2 }, { p: 0.995, log10P: Math.log10(0.995) }).p).toBeCloseTo(0.02, 14);
    expect(twoSided({ p: 0.9, log10P: Math.log10(0.9) }, { p: 0.6, log10P: Math.log10(0.6) }).p).toBe(1);
  });
});
