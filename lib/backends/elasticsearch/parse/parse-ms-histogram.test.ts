import { describe, expect, it } from 'vitest';
import { aggregationOrThrow, type HistogramAggregate } from './aggregation-shapes';
import { parseMsHistogram } from './parse-ms-histogram';
import { recorded } from './testdata/recorded';

describe('parseMsHistogram', () => {
  it('a 1 ms histogram with keys half a millisecond early', () => {
    const histogram = aggregationOrThrow<HistogramAggregate>(recorded('ms-chunk'), ['request_time_ms']);
    expect(parseMsHistogram(histogram).map((value) => value.valueMs)).toEqual([50, 100, 200, 250, 300, 350, 600, 999, 1000, 2300, 3500]);
    expect(parseMsHistogram({ buckets: [{ key: 59.9995, doc_count: 2 }, { key: 0.0005, doc_count: 0 }] })).toEqual([{ valueMs: 60_000, count: 2 }]);
  });
});
