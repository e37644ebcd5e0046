/**
 * Summary statistics of repeated timings. The median is what the tables quote (one slow or one
 * lucky run must not move it); min and max show the spread, which on a shared machine says how
 * noisy the run was.
 */

export type TimingSummary = {
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Nearest-rank 25th and 75th percentiles: the middle half of the runs. */
  p25Ms: number;
  p75Ms: number;
};

/** The median: the middle value, or the mean of the two middle values for an even count. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Nearest-rank percentile (the smallest value with at least p % of the values at most it). */
export function nearestRank(values: readonly number[], percent: number): number {
  if (values.length === 0) throw new Error('percentile of no values');
  if (!(percent > 0 && percent <= 100)) throw new Error(`percentile must be in (0, 100], got ${percent}`);
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((percent / 100) * sorted.length) - 1]!;
}

/** Median, extremes and middle half of a non-empty list of timings. */
export function summarize(samplesMs: readonly number[]): TimingSummary {
  if (samplesMs.length === 0) throw new Error('no samples to summarize');
  return {
    runs: samplesMs.length,
    medianMs: median(samplesMs),
    minMs: Math.min(...samplesMs),
    maxMs: Math.max(...samplesMs),
    p25Ms: nearestRank(samplesMs, 25),
    p75Ms: nearestRank(samplesMs, 75),
  };
}

/** How many times slower the baseline is than the candidate (both in the same unit). */
export function speedup(baselineMs: number, candidateMs: number): number {
  if (!(candidateMs > 0)) throw new Error('the candidate time must be positive');
  return baselineMs / candidateMs;
}

/**
 * Growth exponent between two sizes: k in time ∝ size^k (1 is linear, 2 quadratic). Used to say
 * how a cost grows from 100 k to 1 M traces.
 */
export function growthExponent(smallSize: number, smallValue: number, largeSize: number, largeValue: number): number {
  if (!(smallSize > 0 && largeSize > smallSize && smallValue > 0 && largeValue > 0)) {
    throw new Error('growth needs two positive sizes (small < large) and two positive values');
  }
  return Math.log(largeValue / smallValue) / Math.log(largeSize / smallSize);
}
