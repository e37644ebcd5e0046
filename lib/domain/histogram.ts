/**
 * Latency histograms from per-millisecond counts. Backends aggregate their documents into
 * `ValueCount`s (one row per distinct integer millisecond, counted in the store); everything
 * after that is this pure module, so both backends produce byte-identical histograms.
 */

export type ValueCount = { valueMs: number; count: number };

export type HistogramBucket = { fromMs: number; toMs: number; count: number };

export type Histogram = {
  bucketMs: number;
  upperMs: number;
  /** Half-open buckets [fromMs, toMs) covering [0, upperMs). */
  buckets: HistogramBucket[];
  /** Values below 0 (negative gaps from clock skew or rounding). */
  underflow: number;
  /** Values at or above upperMs. */
  overflow: number;
  total: number;
  p50Ms: number | null;
  p90Ms: number | null;
  p99Ms: number | null;
};

export const PERCENTILES = [50, 90, 99] as const;

/** Sorted ascending by value; counts of equal values merged; zero counts dropped. */
export function normalizeValueCounts(values: readonly ValueCount[]): ValueCount[] {
  const byValue = new Map<number, number>();
  for (const { valueMs, count } of values) {
    if (count > 0) byValue.set(valueMs, (byValue.get(valueMs) ?? 0) + count);
  }
  return [...byValue.entries()].sort((a, b) => a[0] - b[0]).map(([valueMs, count]) => ({ valueMs, count }));
}

/**
 * Exact nearest-rank percentile: the smallest value v such that at least p % of all values are
 * at most v. `sorted` must be ascending. Integer arithmetic only: rank = ceil(p * total / 100).
 */
export function nearestRankPercentile(sorted: readonly ValueCount[], total: number, percent: number): number | null {
  if (total <= 0) return null;
  const rank = Math.max(1, Math.ceil((percent * total) / 100));
  let seen = 0;
  for (const { valueMs, count } of sorted) {
    seen += count;
    if (seen >= rank) return valueMs;
  }
  return sorted.at(-1)?.valueMs ?? null;
}

/** Buckets [k·bucketMs, (k+1)·bucketMs) up to upperMs; the last one is cut at upperMs. */
export function bucketBounds(bucketMs: number, upperMs: number): { fromMs: number; toMs: number }[] {
  const bounds: { fromMs: number; toMs: number }[] = [];
  for (let fromMs = 0; fromMs < upperMs; fromMs += bucketMs) {
    bounds.push({ fromMs, toMs: Math.min(fromMs + bucketMs, upperMs) });
  }
  return bounds;
}

/** Builds the histogram and exact percentiles of a distribution given as per-millisecond counts. */
export function buildHistogram(values: readonly ValueCount[], bucketMs: number, upperMs: number): Histogram {
  if (!Number.isInteger(bucketMs) || bucketMs <= 0) throw new RangeError(`bucketMs must be a positive integer, got ${bucketMs}`);
  if (!Number.isInteger(upperMs) || upperMs <= 0) throw new RangeError(`upperMs must be a positive integer, got ${upperMs}`);
  const sorted = normalizeValueCounts(values);
  const buckets: HistogramBucket[] = bucketBounds(bucketMs, upperMs).map((bounds) => ({ ...bounds, count: 0 }));
  let underflow = 0;
  let overflow = 0;
  let total = 0;
  for (const { valueMs, count } of sorted) {
    total += count;
    if (valueMs < 0) underflow += count;
    else if (valueMs >= upperMs) overflow += count;
    else buckets[Math.floor(valueMs / bucketMs)]!.count += count;
  }
  const [p50Ms, p90Ms, p99Ms] = PERCENTILES.map((percent) => nearestRankPercentile(sorted, total, percent));
  return { bucketMs, upperMs, buckets, underflow, overflow, total, p50Ms: p50Ms ?? null, p90Ms: p90Ms ?? null, p99Ms: p99Ms ?? null };
}
