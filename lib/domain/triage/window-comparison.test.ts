import { describe, expect, it } from 'vitest';
import { countsOf, segmentStatsOf } from './triage-test-data';
import { compareWindows, slowShareTest } from './window-comparison';

type Values = [number, number, number, number, number];
const trace = (values: Values, slow = false) => ({ values, slow, ...(slow ? { dominant: 'ingressConnect' as const } : {}) });
const edgeOf = (traces: { values: Values }[]) => countsOf(traces.map(({ values }) => values.reduce((sum, ms) => sum + ms, 0)));

/**
 * Segments (edgeOwn, edgeToIngress, ingressOwn, ingressConnect, app); the edge request_time is their sum.
 * Base: 1063 (slow, a 1,040 ms connect), 23, 33, 46. Compared: 23, 30, 34, 39.
 */
const BASE = [trace([0, 2, 1, 1040, 20], true), trace([0, 2, 1, 0, 20]), trace([0, 2, 1, 0, 30]), trace([0, 3, 1, 2, 40])];
const COMPARED = [trace([0, 2, 1, 0, 20]), trace([0, 2, 1, 2, 25]), trace([0, 3, 1, 0, 30]), trace([0, 2, 1, 1, 35])];

describe('compareWindows', () => {
  const comparison = compareWindows(
    { edge: edgeOf(BASE), stats: segmentStatsOf(BASE) },
    { edge: edgeOf(COMPARED), stats: segmentStatsOf(COMPARED) },
    { bucketMs: 100, upperMs: 3500, slowMs: 1000 },
  );

  it('puts both edge histograms on the same buckets with their percentiles', () => {
    // Base 23 33 46 1063: p50 rank 2 → 33, p90 rank ceil(3.6) = 4 → 1063. Compared 23 30 34 39: 30, 39, 39.
    expect([comparison.base.edge.p50Ms, comparison.base.edge.p90Ms, comparison.base.edge.p99Ms]).toEqual([33, 1063, 1063]);
    expect([comparison.compare.edge.p50Ms, comparison.compare.edge.p90Ms]).toEqual([30, 39]);
    expect(comparison.base.edge.buckets[10]).toEqual({ fromMs: 1000, toMs: 1100, count: 1 });
    expect(comparison.compare.edge.buckets[0]!.count).toBe(4);
    expect([comparison.changes.p50Ms, comparison.changes.p90Ms, comparison.changes.p99Ms]).toEqual([-3, -1024, -1024]);
  });

  it('tests the slow share: 1 of 4 → 0 of 4 is within chance', () => {
    // P(X ≤ 0) for 4 drawn of 8 with 1 slow = C(7,4)/C(8,4) = 1/2; doubled → 1.
    expect(comparison.changes.slowShare).toEqual({ difference: -0.25, pValue: 1, log10PValue: 0, significant: false });
  });

  it('compares each segment', () => {
    // Connect: base 0 0 2 1040 → p99 1040; compared 0 0 1 2 → p99 2.
    expect(comparison.base.segments.ingressConnect).toEqual({ p50Ms: 0, p90Ms: 1040, p99Ms: 1040, dominantShare: 1 });
    expect(comparison.compare.segments.ingressConnect).toEqual({ p50Ms: 0, p90Ms: 2, p99Ms: 2, dominantShare: null });
    expect(comparison.changes.segments.ingressConnect).toEqual({ p50Ms: 0, p90Ms: -1038, p99Ms: -1038, dominantShare: null });
    expect(comparison.changes.segments.app.p99Ms).toBe(-5);
  });

  it('says it in one sentence', () => {
    expect(comparison.sentence).toBe(
      'From this window to the compared one: p50 33 ms → 30 ms, p90 1,063 ms → 39 ms, p99 1,063 ms → 39 ms; ' +
        'requests ≥ 1 s 25 % → 0 % (within chance, p = 1); the ingress→app connect segment changed most (p99 1,040 ms → 2 ms).',
    );
  });
});

describe('slowShareTest', () => {
  it('is the two-sided Fisher exact test of the slow share (exact sums in Python fractions)', () => {
    // 70 of 1,000 slow before, 3 of 1,000 after: lower tail 2.1784980641239248e-18, doubled.
    expect(slowShareTest({ all: 1000, slow: 70 }, { all: 1000, slow: 3 }).pValue / 4.3569961282478495e-18).toBeCloseTo(1, 9);
    // 7 of 100 against 5 of 100: lower tail 0.38367221732136475, doubled.
    expect(slowShareTest({ all: 100, slow: 7 }, { all: 100, slow: 5 }).pValue).toBeCloseTo(0.7673444346427295, 10);
  });
});
