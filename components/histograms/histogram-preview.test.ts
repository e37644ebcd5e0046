import { describe, expect, it } from 'vitest';
import type { HistogramBar } from './histogram-bars';
import { previewBarHeights } from './histogram-preview';

const bars = (counts: number[]): HistogramBar[] =>
  counts.map((count, index) => ({ key: `b${index}`, kind: 'bucket', fromMs: index, toMs: index + 1, label: '', tick: '', count, percent: 0 }));

describe('previewBarHeights', () => {
  it('scales linearly to the tallest bar', () => {
    expect(previewBarHeights(bars([0, 50, 100, 25]), 'linear')).toEqual([0, 0.5, 1, 0.25]);
  });

  it('on the log scale counts decades above 1, so one trace still shows and zero shows nothing', () => {
    expect(previewBarHeights(bars([0, 1, 10, 1000]), 'log')).toEqual([0, 0.25, 0.5, 1]);
  });

  it('draws nothing for an empty histogram', () => {
    expect(previewBarHeights(bars([0, 0]), 'linear')).toEqual([0, 0]);
    expect(previewBarHeights([], 'log')).toEqual([]);
  });
});
