import { describe, expect, it } from 'vitest';
import { emptySlowRangeWords, isEmptySlowRange, isInSlowRange, slowFrom, slowRangeWords } from './slow-range';

describe('SlowRange', () => {
  it('is half-open, [minMs, maxMs), like the latency range', () => {
    const band = { minMs: 1000, maxMs: 1100 };
    expect([999, 1000, 1099, 1100].map((ms) => isInSlowRange(band, ms))).toEqual([false, true, true, false]);
    expect([999, 1000, 3_600_000].map((ms) => isInSlowRange(slowFrom(1000), ms))).toEqual([false, true, true]);
  });

  it('is empty when it ends at or below its start', () => {
    expect([isEmptySlowRange({ minMs: 1000, maxMs: 500 }), isEmptySlowRange({ minMs: 1000, maxMs: 1000 })]).toEqual([true, true]);
    expect([isEmptySlowRange({ minMs: 1000, maxMs: 1001 }), isEmptySlowRange(slowFrom(1000))]).toEqual([false, false]);
  });

  it('reads as what follows "requests" in a sentence', () => {
    expect(slowRangeWords(slowFrom(1000))).toBe('≥ 1 s');
    expect(slowRangeWords({ minMs: 1000, maxMs: 1100 })).toBe('of 1–1.1 s');
    expect(emptySlowRangeWords({ minMs: 1000, maxMs: 500 })).toBe(
      'No request is examined: the latency range ends at 0.5 s, at or below the slow threshold of 1 s, so nothing is compared and nothing is named.',
    );
  });
});
