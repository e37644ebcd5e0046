import { describe, expect, it } from 'vitest';
import { timeSlices } from './time-slices';

describe('timeSlices', () => {
  it('walks the window newest first in slices four times wider each, covering it exactly once', () => {
    expect([...timeSlices(0, 6_400)]).toEqual([
      { fromMs: 6_300, toMs: 6_400 },
      { fromMs: 5_900, toMs: 6_300 },
      { fromMs: 4_300, toMs: 5_900 },
      { fromMs: 0, toMs: 4_300 },
    ]);
  });

  it('gives a window narrower than 64 ms slices of at least 1 ms', () => {
    expect([...timeSlices(10, 12)]).toEqual([
      { fromMs: 11, toMs: 12 },
      { fromMs: 10, toMs: 11 },
    ]);
  });

  it('gives an empty window no slice', () => {
    expect([...timeSlices(5, 5)]).toEqual([]);
  });
});
