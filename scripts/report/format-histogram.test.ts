import { describe, expect, it } from 'vitest';
import type { Histogram } from '@/lib/domain/histogram';
import { formatBar, formatHistogram, formatPercentiles, toColumnWidths, toHistogramRows } from './format-histogram';

/** Values -3, 10, 20, 30, 99, 310, 350, 700 with 100 ms buckets up to 500 ms, worked out by hand. */
const HISTOGRAM: Histogram = {
  bucketMs: 100,
  upperMs: 500,
  buckets: [
    { fromMs: 0, toMs: 100, count: 4 },
    { fromMs: 100, toMs: 200, count: 0 },
    { fromMs: 200, toMs: 300, count: 0 },
    { fromMs: 300, toMs: 400, count: 2 },
    { fromMs: 400, toMs: 500, count: 0 },
  ],
  underflow: 1,
  overflow: 1,
  total: 8,
  p50Ms: 30,
  p90Ms: 700,
  p99Ms: 700,
};

describe('toHistogramRows', () => {
  it('merges runs of empty buckets, keeps a lone empty bucket, and adds underflow and overflow', () => {
    expect(toHistogramRows(HISTOGRAM)).toEqual([
      { label: '< 0', count: 1 },
      { label: '0–100', count: 4 },
      { label: '100–300', count: 0 },
      { label: '300–400', count: 2 },
      { label: '400–500', count: 0 },
      { label: '≥ 500', count: 1 },
    ]);
  });

  it('leaves out empty underflow and overflow rows and writes thousands with separators', () => {
    const histogram: Histogram = {
      ...HISTOGRAM,
      bucketMs: 1_000,
      upperMs: 2_500,
      buckets: [
        { fromMs: 0, toMs: 1_000, count: 0 },
        { fromMs: 1_000, toMs: 2_000, count: 0 },
        { fromMs: 2_000, toMs: 2_500, count: 3 },
      ],
      underflow: 0,
      overflow: 0,
    };
    expect(toHistogramRows(histogram)).toEqual([
      { label: '0–2,000', count: 0 },
      { label: '2,000–2,500', count: 3 },
    ]);
  });
});

describe('formatBar', () => {
  it('scales to the largest count in eighths of a cell', () => {
    expect(formatBar(4, 4, 17)).toBe('█'.repeat(17));
    // 2/4 of 17 cells = 8.5 cells = 68 eighths: 8 full cells and a half.
    expect(formatBar(2, 4, 17)).toBe('████████▌');
    // 1/4 of 17 cells = 4.25 cells = 34 eighths: 4 full cells and two eighths.
    expect(formatBar(1, 4, 17)).toBe('████▎');
  });

  it('shows any non-zero count as at least an eighth, and zero as nothing', () => {
    expect(formatBar(1, 10_000, 50)).toBe('▏');
    expect(formatBar(0, 10, 50)).toBe('');
    expect(formatBar(0, 0, 50)).toBe('');
  });
});

describe('formatPercentiles', () => {
  it('writes milliseconds with separators and a dash for a missing value', () => {
    expect(formatPercentiles({ p50Ms: 48, p90Ms: 1_043, p99Ms: null })).toBe('p50 48 ms · p90 1,043 ms · p99 –');
  });
});

describe('formatHistogram', () => {
  it('lays out title, percentiles and rows within the width', () => {
    // Label column 7 ("100–300"), count column 1; bar = 30 − 5 − 7 − 1 = 17 cells.
    const lines = formatHistogram('Edge request_time', HISTOGRAM, { width: 30 });
    expect(lines).toEqual([
      'Edge request_time · 8 traces',
      '  p50 30 ms · p90 700 ms · p99 700 ms',
      '      < 0 │████▎             1',
      '    0–100 │█████████████████ 4',
      '  100–300 │                  0',
      '  300–400 │████████▌         2',
      '  400–500 │                  0',
      '    ≥ 500 │████▎             1',
    ]);
    for (const line of lines.slice(2)) expect(line).toHaveLength(30);
  });

  it('uses shared column widths so several histograms line up', () => {
    const lines = formatHistogram('t', HISTOGRAM, { width: 30, labelWidth: 9, countWidth: 3 });
    // bar = 30 − 5 − 9 − 3 = 13 cells; 4 of 4 fills them.
    expect(lines[3]).toBe('      0–100 │█████████████   4');
    expect(lines[3]).toHaveLength(30);
  });

  it('fits the sample-sized counts in 80 columns', () => {
    const big: Histogram = { ...HISTOGRAM, buckets: HISTOGRAM.buckets.map((bucket) => ({ ...bucket, count: bucket.count * 4_000 })) };
    const columns = toColumnWidths([big, HISTOGRAM]);
    expect(columns).toEqual({ labelWidth: 7, countWidth: 6 });
    for (const line of formatHistogram('t', big, { width: 80, ...columns }).slice(2)) expect(line.length).toBeLessThanOrEqual(80);
  });
});
