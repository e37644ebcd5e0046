import { describe, expect, it } from 'vitest';
import { buildAttribution } from './attribution';
import { slowFrom } from './slow-range';
import { segmentStatsOf } from './triage-test-data';

/**
 * The contract fixture's joined traces at a 1 s threshold, segments worked out by hand
 * (edgeOwn, edgeToIngress, ingressOwn, ingressConnect, app):
 *   t1 slow (1, 1002, 1, 1, 45) · t7 slow (1, 2499, 1, 995, 4) · t2 (1, 1, 5, 1, 92)
 *   t8 (1, 1, 1, 0, 96) · t11 (1, 2, 1, 1, 295) · t12 (0, −2, 1, 0, 51)
 * plus t10 (slow, edge only) and t5 (slow, no ingress upstream time).
 */
const FIXTURE = segmentStatsOf(
  [
    { values: [1, 1002, 1, 1, 45], slow: true, dominant: 'edgeToIngress' },
    { values: [1, 2499, 1, 995, 4], slow: true, dominant: 'edgeToIngress' },
    { values: [1, 1, 5, 1, 92], slow: false },
    { values: [1, 1, 1, 0, 96], slow: false },
    { values: [1, 2, 1, 1, 295], slow: false },
    { values: [0, -2, 1, 0, 51], slow: false },
  ],
  { withoutIngress: { all: 2, slow: 1 }, incomplete: { all: 1, slow: 1 } },
);

describe('buildAttribution', () => {
  const attribution = buildAttribution(FIXTURE, slowFrom(1000));
  const bySegment = Object.fromEntries(attribution.segments.map((row) => [row.segment, row]));

  it('counts the slow requests it can and cannot split', () => {
    expect(attribution.traces).toEqual({ all: 9, slow: 4 });
    expect([attribution.attributableSlow, attribution.slowWithoutIngress, attribution.slowIncomplete]).toEqual([2, 1, 1]);
  });

  it('takes each segment baseline as the nearest-rank median of 6 values (the 3rd)', () => {
    // edgeOwn 0 1 1 1 1 1 · edgeToIngress −2 1 1 2 1002 2499 · ingressOwn 1 1 1 1 1 5 · connect 0 0 1 1 1 995 · app 4 45 51 92 96 295
    expect(attribution.segments.map((row) => row.baselineMs)).toEqual([1, 1, 1, 1, 51]);
  });

  it('splits the excess over the baseline, keeping a negative part visible', () => {
    // Slow sums: 2, 3501, 2, 996, 49; excess = sum − 2 × baseline: 0, 3499, 0, 994, −53; total 4440
    // (= 1050 + 3500 − 2 × (1 + 1 + 1 + 1 + 51)).
    expect(attribution.segments.map((row) => row.slowTotalMs)).toEqual([2, 3501, 2, 996, 49]);
    expect(attribution.segments.map((row) => row.excessMs)).toEqual([0, 3499, 0, 994, -53]);
    expect(attribution.totalExcessMs).toBe(4440);
    expect(bySegment.edgeToIngress!.excessShare).toBeCloseTo(3499 / 4440, 12);
    expect(bySegment.app!.excessShare).toBeCloseTo(-53 / 4440, 12);
  });

  it('gives dominant shares and the slow percentiles', () => {
    expect(attribution.segments.map((row) => row.dominantCount)).toEqual([0, 2, 0, 0, 0]);
    expect(bySegment.edgeToIngress!.dominantShare).toBe(1);
    // Slow edge→ingress 1002, 2499: p50 rank 1, p90 rank ceil(1.8) = 2.
    expect([bySegment.edgeToIngress!.slowP50Ms, bySegment.edgeToIngress!.slowP90Ms]).toEqual([1002, 2499]);
  });

  it('says it in one sentence, with what could not be split', () => {
    expect(attribution.sentence).toBe(
      'Of 2 requests ≥ 1 s, 100 % lost the time between edge and ingress. ' +
        '2 more requests ≥ 1 s cannot be split (1 without an ingress line and 1 without an ingress upstream time).',
    );
  });
});

describe('describeAttribution', () => {
  it('names the segments that dominate at least 5 % of the slow requests, largest first', () => {
    // 925 connect, 428 edge→ingress, 57 app (4.04 %: left out of the sentence) of 1,410.
    const traces = [
      ...Array.from({ length: 925 }, () => ({ values: [0, 2, 0, 1040, 20] as const, slow: true, dominant: 'ingressConnect' as const })),
      ...Array.from({ length: 428 }, () => ({ values: [0, 1045, 0, 2, 20] as const, slow: true, dominant: 'edgeToIngress' as const })),
      ...Array.from({ length: 57 }, () => ({ values: [0, 2, 0, 0, 1200] as const, slow: true, dominant: 'app' as const })),
    ].map((trace) => ({ ...trace, values: [...trace.values] as [number, number, number, number, number] }));
    const attribution = buildAttribution(segmentStatsOf(traces), slowFrom(1000));
    expect(attribution.sentence).toBe(
      'Of 1,410 requests ≥ 1 s, 66 % lost the time connecting from ingress to the app and 30 % between edge and ingress.',
    );
  });

  it('names the tier whose line lacks the upstream time', () => {
    const stats = segmentStatsOf([], { incomplete: { all: 3, slow: 3 }, edgeResponseMissing: { all: 2, slow: 2 } });
    const attribution = buildAttribution(stats, slowFrom(1000));
    expect(attribution.slowWithoutEdgeUpstreamTime).toBe(2);
    expect(attribution.sentence).toBe(
      'No request ≥ 1 s at the edge can be split into segments in this selection. ' +
        '3 more requests ≥ 1 s cannot be split (2 without the edge upstream_response_time and 1 without an ingress upstream time).',
    );
  });

  it('tells lines without the ingress connect time apart from lines without any upstream time', () => {
    // ingress-nginx's default log format writes no $upstream_connect_time: such traces reached a pod.
    const stats = segmentStatsOf([{ values: [1, 2, 1, 1, 1200], slow: true, dominant: 'app' }], {
      incomplete: { all: 5, slow: 4 },
      connectMissing: { all: 4, slow: 3 },
    });
    const attribution = buildAttribution(stats, slowFrom(1000));
    expect([attribution.slowIncomplete, attribution.slowWithoutConnectTime]).toEqual([4, 3]);
    expect(attribution.sentence).toBe(
      'Of 1 request ≥ 1 s, 100 % lost the time in the app. ' +
        '4 more requests ≥ 1 s cannot be split (1 without an ingress upstream time and 3 without the ingress upstream_connect_time).',
    );
    const onlyConnect = buildAttribution(segmentStatsOf([], { incomplete: { all: 2, slow: 2 }, connectMissing: { all: 2, slow: 2 } }), slowFrom(1000));
    expect(onlyConnect.sentence).toBe(
      'No request ≥ 1 s at the edge can be split into segments in this selection. 2 more requests ≥ 1 s cannot be split (2 without the ingress upstream_connect_time).',
    );
  });

  it('names the examined band when the range has an upper end', () => {
    const attribution = buildAttribution(FIXTURE, { minMs: 1000, maxMs: 1100 });
    expect([attribution.slowMs, attribution.slowMaxMs]).toEqual([1000, 1100]);
    expect(attribution.sentence).toBe(
      'Of 2 requests of 1–1.1 s, 100 % lost the time between edge and ingress. ' +
        '2 more requests of 1–1.1 s cannot be split (1 without an ingress line and 1 without an ingress upstream time).',
    );
  });

  it('says that nothing is examined when the range is empty, and names no segment', () => {
    const attribution = buildAttribution(segmentStatsOf([{ values: [0, 1, 0, 1, 20], slow: false }]), { minMs: 1000, maxMs: 500 });
    expect(attribution.sentence).toBe(
      'No request is examined: the latency range ends at 0.5 s, at or below the slow threshold of 1 s, so nothing is compared and nothing is named.',
    );
    expect(attribution.segments.every((row) => row.dominantCount === 0 && row.dominantShare === null)).toBe(true);
  });

  it('says so when nothing is slow', () => {
    const attribution = buildAttribution(segmentStatsOf([{ values: [0, 1, 0, 1, 20], slow: false }]), slowFrom(1500));
    expect(attribution.sentence).toBe('No request ≥ 1.5 s at the edge can be split into segments in this selection.');
    expect(attribution.segments.every((row) => row.dominantShare === null && row.excessShare === null)).toBe(true);
  });
});
