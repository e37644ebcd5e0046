import { describe, expect, it } from 'vitest';
import { formatLineCount, formatLoadStatus, formatLoadStatusDetail, loadPollDelayMs, type StoreLoadStatus } from './load-status';

const status = (fields: Partial<StoreLoadStatus>): StoreLoadStatus => ({
  stage: 'loading',
  linesLoaded: 0,
  tierLines: { edge: 0, ingress: 0 },
  linesEstimated: null,
  elapsedMs: 0,
  ...fields,
});

describe('formatLoadStatus', () => {
  it('says lines loaded of the estimate, and the time left at the rate so far', () => {
    expect(formatLoadStatus(status({ linesLoaded: 1_200_000, linesEstimated: 2_000_000, elapsedMs: 30_000 }))).toBe(
      'loading 1.2 M of ~2.0 M lines, about 20 s left',
    );
    expect(formatLoadStatus(status({ linesLoaded: 5_000, elapsedMs: 500 }))).toBe('loading 5,000 lines');
    // Nothing read and nothing counted yet: no count that reads as an empty window.
    expect(formatLoadStatus(status({ elapsedMs: 800 }))).toBe('starting to read the lines');
    expect(formatLoadStatus(status({ linesEstimated: 2_000_000, elapsedMs: 800 }))).toBe('loading 0 of ~2.0 M lines');
    // An estimate below what is already loaded is not shown as such.
    expect(formatLoadStatus(status({ linesLoaded: 2_100_000, linesEstimated: 2_000_000, elapsedMs: 500 }))).toBe('loading 2.1 M of ~2.1 M lines');
    expect(formatLoadStatus(status({ stage: 'building', linesLoaded: 1_992_904, linesEstimated: 2_000_000, elapsedMs: 50_000 }))).toBe(
      'building the trace table from 2.0 M lines',
    );
  });

  it('counts small numbers exactly and large ones in millions', () => {
    expect([formatLineCount(99_999), formatLineCount(123_456), formatLineCount(12_345_678)]).toEqual(['99,999', '0.1 M', '12 M']);
  });
});

describe('formatLoadStatusDetail', () => {
  it('adds each tier\'s lines and the rate for the console', () => {
    const loading = status({ linesLoaded: 1_200_000, tierLines: { edge: 900_000, ingress: 300_000 }, linesEstimated: 2_000_000, elapsedMs: 30_000 });
    expect(formatLoadStatusDetail(loading)).toBe('loading 1.2 M of ~2.0 M lines (edge 0.9 M, ingress 0.3 M; 40,000 lines/s), about 20 s left');
    expect(formatLoadStatusDetail(status({ linesLoaded: 10, tierLines: { edge: 10, ingress: 0 }, elapsedMs: 100 }))).toBe('loading 10 lines (edge 10, ingress 0)');
  });
});

describe('loadPollDelayMs', () => {
  it('polls every 100 ms until a poll reports the read, then once a second', () => {
    expect([1, 2, 49].map((done) => loadPollDelayMs(done, false))).toEqual([100, 100, 100]);
    expect([1, 2, 49].map((done) => loadPollDelayMs(done, true))).toEqual([1_000, 1_000, 1_000]);
  });

  it('slows down after 5 s of quick polls that saw no read', () => {
    expect([50, 51, 500].map((done) => loadPollDelayMs(done, false))).toEqual([1_000, 1_000, 1_000]);
  });
});
