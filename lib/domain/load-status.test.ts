import { describe, expect, it } from 'vitest';
import { formatLineCount, formatLoadStatus } from './load-status';

describe('formatLoadStatus', () => {
  it('says lines loaded of the estimate, and the time left at the rate so far', () => {
    expect(formatLoadStatus({ stage: 'loading', linesLoaded: 1_200_000, linesEstimated: 2_000_000, elapsedMs: 30_000 })).toBe(
      'loading 1.2 M of ~2.0 M lines, about 20 s left',
    );
    expect(formatLoadStatus({ stage: 'loading', linesLoaded: 5_000, linesEstimated: null, elapsedMs: 500 })).toBe('loading 5,000 lines');
    // An estimate below what is already loaded is not shown as such.
    expect(formatLoadStatus({ stage: 'loading', linesLoaded: 2_100_000, linesEstimated: 2_000_000, elapsedMs: 500 })).toBe('loading 2.1 M of ~2.1 M lines');
    expect(formatLoadStatus({ stage: 'building', linesLoaded: 1_992_904, linesEstimated: 2_000_000, elapsedMs: 50_000 })).toBe(
      'building the trace table from 2.0 M lines',
    );
  });

  it('counts small numbers exactly and large ones in millions', () => {
    expect([formatLineCount(99_999), formatLineCount(123_456), formatLineCount(12_345_678)]).toEqual(['99,999', '0.1 M', '12 M']);
  });
});
