import type { Histogram } from '@/lib/domain/histogram';
import { formatRange } from '@/components/format';

/** One bar of a histogram chart: a bucket, or the underflow/overflow bar beside them. */
export type HistogramBar = {
  key: string;
  kind: 'underflow' | 'bucket' | 'overflow';
  /** Inclusive lower bound, null for underflow (−∞). */
  fromMs: number | null;
  /** Exclusive upper bound, null for overflow (+∞). */
  toMs: number | null;
  label: string;
  /** Short axis tick text. */
  tick: string;
  count: number;
  /** Share of the histogram's total, 0–100. */
  percent: number;
};

/** The chart's bars: underflow, every bucket, overflow — always all of them, zero or not. */
export function toHistogramBars(histogram: Histogram): HistogramBar[] {
  const percentOf = (count: number) => (histogram.total > 0 ? (count / histogram.total) * 100 : 0);
  const bar = (kind: HistogramBar['kind'], fromMs: number | null, toMs: number | null, count: number, tick: string): HistogramBar => ({
    key: kind === 'bucket' ? `b${fromMs}` : kind,
    kind,
    fromMs,
    toMs,
    label: formatRange(fromMs, toMs),
    tick,
    count,
    percent: percentOf(count),
  });
  return [
    bar('underflow', null, 0, histogram.underflow, '<0'),
    ...histogram.buckets.map((bucket) => bar('bucket', bucket.fromMs, bucket.toMs, bucket.count, String(bucket.fromMs))),
    bar('overflow', histogram.upperMs, null, histogram.overflow, `≥${histogram.upperMs}`),
  ];
}

/** Index of the bar holding a value. */
export function barIndexOf(bars: readonly HistogramBar[], valueMs: number): number {
  return bars.findIndex((bar) => (bar.fromMs === null || valueMs >= bar.fromMs) && (bar.toMs === null || valueMs < bar.toMs));
}

export type PercentileMarker = { barKey: string; label: string };

/**
 * The p50/p90/p99 marks, one per bar: percentiles falling into the same bar share one mark
 * ("p90 · p99") so their labels never overlap.
 */
export function toPercentileMarkers(histogram: Histogram, bars: readonly HistogramBar[]): PercentileMarker[] {
  const byBar = new Map<string, string[]>();
  for (const [name, valueMs] of [
    ['p50', histogram.p50Ms],
    ['p90', histogram.p90Ms],
    ['p99', histogram.p99Ms],
  ] as const) {
    if (valueMs === null) continue;
    const bar = bars[barIndexOf(bars, valueMs)];
    if (!bar) continue;
    byBar.set(bar.key, [...(byBar.get(bar.key) ?? []), name]);
  }
  return [...byBar.entries()].map(([barKey, names]) => ({ barKey, label: names.join(' · ') }));
}

/** Every n-th bucket gets an axis label so ticks stay readable at any bucket width. */
export function tickStep(bucketCount: number, maxTicks: number): number {
  const nice = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000];
  return nice.find((step) => Math.ceil(bucketCount / step) <= maxTicks) ?? Math.ceil(bucketCount / maxTicks);
}
