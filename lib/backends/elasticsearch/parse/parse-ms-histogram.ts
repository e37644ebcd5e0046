import type { ValueCount } from '@/lib/domain/histogram';
import type { HistogramAggregate } from './aggregation-shapes';

/**
 * A 1 ms histogram with a half-millisecond offset to per-millisecond counts: the bucket keyed
 * m − 0.5 ms (as seconds, 2.2995 for 2300 ms) holds the values printed as m ms.
 */
export function parseMsHistogram(histogram: HistogramAggregate): ValueCount[] {
  return histogram.buckets
    .filter((bucket) => bucket.doc_count > 0)
    .map((bucket) => ({ valueMs: Math.round(bucket.key * 1000 + 0.5), count: bucket.doc_count }));
}
