import { buildHistogram, nearestRankPercentile, normalizeValueCounts, type Histogram, type ValueCount } from '../histogram';
import { SEGMENT_NAMES, SEGMENT_WORDS, type SegmentName } from './segments';
import { hypergeometricUpperTail, twoSided } from './statistics';
import type { SegmentStats, SlowSplit } from './triage-data';
import { msWords, percentWords, pValueWords, secondsWords } from './wording';

/**
 * Comparing two windows (issue 5 §5), e.g. before and after a node drain: both edge histograms on
 * the same buckets, the change in p50/p90/p99, in the share of slow requests, and per segment.
 * Whether the slow share changed beyond chance is a two-sided Fisher exact test on
 *                    slow   not slow
 *   base window       a        b
 *   compared window   c        d
 * (the smaller one-sided tail doubled), at α = 0.01.
 */
export const COMPARISON_ALPHA = 0.01;

export type SegmentWindowSummary = {
  p50Ms: number | null;
  p90Ms: number | null;
  p99Ms: number | null;
  /** Share of the slow attributable requests whose largest segment this is. */
  dominantShare: number | null;
};

export type WindowSummary = {
  edge: Histogram;
  traces: SlowSplit;
  slowShare: number | null;
  segments: Record<SegmentName, SegmentWindowSummary>;
};

export type SegmentChange = {
  p50Ms: number | null;
  p90Ms: number | null;
  p99Ms: number | null;
  dominantShare: number | null;
};

export type WindowComparison = {
  slowMs: number;
  base: WindowSummary;
  compare: WindowSummary;
  /** compare − base; null when either side has no value. */
  changes: {
    p50Ms: number | null;
    p90Ms: number | null;
    p99Ms: number | null;
    slowShare: { difference: number | null; pValue: number; log10PValue: number; significant: boolean };
    segments: Record<SegmentName, SegmentChange>;
  };
  sentence: string;
};

/** What one window contributes: its edge request_time per millisecond and its segment stats. */
export type WindowInput = { edge: readonly ValueCount[]; stats: SegmentStats };

const minus = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);

function summarize(input: WindowInput, bucketMs: number, upperMs: number): WindowSummary {
  const { stats } = input;
  const segments = Object.fromEntries(
    SEGMENT_NAMES.map((segment) => {
      const all = normalizeValueCounts(stats.segments[segment].all);
      const total = all.reduce((sum, entry) => sum + entry.count, 0);
      return [
        segment,
        {
          p50Ms: nearestRankPercentile(all, total, 50),
          p90Ms: nearestRankPercentile(all, total, 90),
          p99Ms: nearestRankPercentile(all, total, 99),
          dominantShare: stats.attributable.slow > 0 ? stats.dominant[segment] / stats.attributable.slow : null,
        },
      ];
    }),
  ) as Record<SegmentName, SegmentWindowSummary>;
  return {
    edge: buildHistogram(input.edge, bucketMs, upperMs),
    traces: { ...stats.traces },
    slowShare: stats.traces.all > 0 ? stats.traces.slow / stats.traces.all : null,
    segments,
  };
}

/** Two-sided Fisher exact test of the slow share between two windows. */
export function slowShareTest(base: SlowSplit, compare: SlowSplit): { pValue: number; log10PValue: number } {
  const population = base.all + compare.all;
  const slow = base.slow + compare.slow;
  // X = slow requests of the compared window; lower tail P(X ≤ c) = P(not-slow in compared ≥ compare.all − c).
  const upper = hypergeometricUpperTail(compare.slow, population, slow, compare.all);
  const lower = hypergeometricUpperTail(compare.all - compare.slow, population, population - slow, compare.all);
  const tail = twoSided(upper, lower);
  return { pValue: tail.p, log10PValue: tail.log10P };
}

/** Compares the compared window with the base window, on the base query's buckets. */
export function compareWindows(base: WindowInput, compare: WindowInput, options: { bucketMs: number; upperMs: number; slowMs: number }): WindowComparison {
  const baseSummary = summarize(base, options.bucketMs, options.upperMs);
  const compareSummary = summarize(compare, options.bucketMs, options.upperMs);
  const test = slowShareTest(baseSummary.traces, compareSummary.traces);
  const segments = Object.fromEntries(
    SEGMENT_NAMES.map((segment) => {
      const [a, b] = [baseSummary.segments[segment], compareSummary.segments[segment]];
      return [
        segment,
        { p50Ms: minus(b.p50Ms, a.p50Ms), p90Ms: minus(b.p90Ms, a.p90Ms), p99Ms: minus(b.p99Ms, a.p99Ms), dominantShare: minus(b.dominantShare, a.dominantShare) },
      ];
    }),
  ) as Record<SegmentName, SegmentChange>;
  const comparison = {
    slowMs: options.slowMs,
    base: baseSummary,
    compare: compareSummary,
    changes: {
      p50Ms: minus(compareSummary.edge.p50Ms, baseSummary.edge.p50Ms),
      p90Ms: minus(compareSummary.edge.p90Ms, baseSummary.edge.p90Ms),
      p99Ms: minus(compareSummary.edge.p99Ms, baseSummary.edge.p99Ms),
      slowShare: {
        difference: minus(compareSummary.slowShare, baseSummary.slowShare),
        ...test,
        significant: test.pValue <= COMPARISON_ALPHA,
      },
      segments,
    },
  };
  return { ...comparison, sentence: describeComparison(comparison) };
}

/**
 * "From this window to the compared one: p50 26 ms → 25 ms, p90 … ; requests ≥ 1 s 7.1 % → 0.3 %
 * (a real change, p < 1e-300); the ingress→app connect changed most (p99 1,043 ms → 3 ms)."
 */
export function describeComparison(comparison: Omit<WindowComparison, 'sentence'>): string {
  const { base, compare, changes } = comparison;
  if (base.traces.all === 0 || compare.traces.all === 0) {
    return `${base.traces.all === 0 ? 'This window' : 'The compared window'} has no requests, so there is nothing to compare.`;
  }
  const arrow = (a: number | null, b: number | null) => `${msWords(a)} → ${msWords(b)}`;
  const percentiles = `p50 ${arrow(base.edge.p50Ms, compare.edge.p50Ms)}, p90 ${arrow(base.edge.p90Ms, compare.edge.p90Ms)}, p99 ${arrow(base.edge.p99Ms, compare.edge.p99Ms)}`;
  const { slowShare } = changes;
  const verdict = slowShare.significant
    ? `a real change, ${pValueWords(slowShare.pValue, slowShare.log10PValue)}`
    : `within chance, ${pValueWords(slowShare.pValue, slowShare.log10PValue)}`;
  const slow = `requests ≥ ${secondsWords(comparison.slowMs)} ${percentWords(base.slowShare ?? 0)} → ${percentWords(compare.slowShare ?? 0)} (${verdict})`;
  const moved = SEGMENT_NAMES.map((segment) => ({ segment, change: changes.segments[segment].p99Ms }))
    .filter((entry): entry is { segment: SegmentName; change: number } => entry.change !== null && entry.change !== 0)
    .sort((a, b) => Math.abs(b.change) - Math.abs(a.change))[0];
  const segment = moved
    ? `; the ${SEGMENT_WORDS[moved.segment].label} segment changed most (p99 ${arrow(base.segments[moved.segment].p99Ms, compare.segments[moved.segment].p99Ms)})`
    : '';
  return `From this window to the compared one: ${percentiles}; ${slow}${segment}.`;
}
