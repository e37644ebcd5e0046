import type { Histogram } from '@/lib/domain/histogram';
import { toHistogramBars } from '@/components/histograms/histogram-bars';

export type OverlayRow = { key: string; label: string; tick: string; basePercent: number; comparePercent: number; baseCount: number; compareCount: number };

/**
 * Two histograms on the same buckets as shares of their own totals (0–100), so windows with
 * different traffic overlay fairly. Both must have the same bucket width and upper bound.
 */
export function toOverlayRows(base: Histogram, compare: Histogram): OverlayRow[] {
  if (base.bucketMs !== compare.bucketMs || base.upperMs !== compare.upperMs) {
    throw new RangeError('the compared histograms need the same buckets');
  }
  const compareBars = toHistogramBars(compare);
  return toHistogramBars(base).map((bar, index) => ({
    key: bar.key,
    label: bar.label,
    tick: bar.tick,
    basePercent: bar.percent,
    comparePercent: compareBars[index]!.percent,
    baseCount: bar.count,
    compareCount: compareBars[index]!.count,
  }));
}
