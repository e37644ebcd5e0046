import { describe, expect, it } from 'vitest';
import { classifyTime, intersectRanges, partitionKeywordValues, summarizeKeywordValues, summarizeNumericValues } from './timing-values';

describe('timing values', () => {
  it('classifies one value as the domain parses it', () => {
    expect(classifyTime('0.004, 1.002')).toEqual({ ok: true, ms: 1006 });
    expect(classifyTime(2.299999952316284)).toEqual({ ok: true, ms: 2300 });
    expect(classifyTime('-')).toEqual({ ok: false, reason: 'missing' });
    expect(classifyTime('-, -')).toEqual({ ok: false, reason: 'missing' });
    expect(classifyTime(null)).toEqual({ ok: false, reason: 'missing' });
    expect(classifyTime('-0.001')).toEqual({ ok: false, reason: 'negative' });
    expect(classifyTime('abc')).toEqual({ ok: false, reason: 'unparsable' });
  });

  it('keyword strings: parsed once each, weighted by their document counts', () => {
    const summary = summarizeKeywordValues(
      [
        { value: '0.004, 1.002', count: 3 },
        { value: '1.006', count: 2 },
        { value: '0.100', count: 1 },
        { value: '-', count: 4 },
        { value: 'abc', count: 1 },
        { value: '1000000.000', count: 1 },
      ],
      5,
    );
    expect(summary.validByMs).toEqual([
      { valueMs: 100, count: 1 },
      { valueMs: 1006, count: 5 },
    ]);
    expect(summary.skipped).toEqual([
      { reason: 'missing', count: 9 },
      { reason: 'unparsable', count: 1 },
      { reason: 'out-of-range', count: 1 },
    ]);
  });

  it('numeric histograms: separate counts for absent, negative and too large values', () => {
    const summary = summarizeNumericValues(
      [
        { valueMs: 0, count: 2 },
        { valueMs: 999_999_999, count: 1 },
        { valueMs: 1_000_000_000, count: 1 },
      ],
      { missing: 3, negative: 1, outOfRange: 2 },
    );
    expect(summary.validByMs).toEqual([
      { valueMs: 0, count: 2 },
      { valueMs: 999_999_999, count: 1 },
    ]);
    expect(summary.skipped).toEqual([
      { reason: 'missing', count: 3 },
      { reason: 'negative', count: 1 },
      { reason: 'out-of-range', count: 3 },
    ]);
  });

  it('splits keyword strings by a millisecond range, never lexicographically', () => {
    // "10.000" < "9.000" as text, but 10000 ms lies above the range [1000, 9500).
    const values = ['0.999', '1.000', '10.000', '9.000', '9.500', '-', 'abc'].map((value) => ({ value, count: 1 }));
    expect(partitionKeywordValues(values, { minMs: 1000, maxMs: 9500 })).toEqual({
      wanted: ['1.000', '9.000'],
      unwanted: ['0.999', '10.000', '9.500', '-', 'abc'],
    });
  });

  it('intersects ranges with open bounds', () => {
    expect(intersectRanges({ minMs: 100, maxMs: null }, { minMs: null, maxMs: 50 })).toEqual({ minMs: 100, maxMs: 50 });
    expect(intersectRanges({ minMs: 100, maxMs: 300 }, { minMs: 200, maxMs: 400 })).toEqual({ minMs: 200, maxMs: 300 });
    expect(intersectRanges({ minMs: null, maxMs: null }, { minMs: null, maxMs: null })).toEqual({ minMs: null, maxMs: null });
  });
});
