import { describe, expect, it } from 'vitest';
import { slowWindowOf } from './slow-window';

describe('slowWindowOf', () => {
  // Newest first: t50 (c), t40 (a, twice: a duplicated line), t30 (b), t20 (d).
  const lines = [
    { timestampMs: 20, traceId: 'd' },
    { timestampMs: 40, traceId: 'a' },
    { timestampMs: 50, traceId: 'c' },
    { timestampMs: 40, traceId: 'a' },
    { timestampMs: 30, traceId: 'b' },
  ];

  it('starts at the count-th newest distinct trace', () => {
    expect(slowWindowOf(lines, 2, 100)).toEqual({ fromMs: 40, toMs: 100, traces: 2 });
    expect(slowWindowOf(lines, 3, 100)).toEqual({ fromMs: 30, toMs: 100, traces: 3 });
  });

  it('counts traces sharing the boundary millisecond, which the window holds too', () => {
    const tied = [...lines, { timestampMs: 40, traceId: 'e' }];
    // Page order at 40 ms: a before e; the 2nd trace is a, and e shares its millisecond.
    expect(slowWindowOf(tied, 2, 100)).toEqual({ fromMs: 40, toMs: 100, traces: 3 });
  });

  it('is null when there are fewer slow traces than asked', () => {
    expect(slowWindowOf(lines, 5, 100)).toBeNull();
  });
});
