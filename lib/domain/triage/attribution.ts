import { nearestRankPercentile, normalizeValueCounts, type ValueCount } from '../histogram';
import { SEGMENT_NAMES, SEGMENT_WORDS, type SegmentName } from './segments';
import { emptySlowRangeWords, isEmptySlowRange, slowRangeWords, type SlowRange } from './slow-range';
import type { SegmentStats } from './triage-data';
import { countWords, listWords, percentWords } from './wording';

/**
 * Hop attribution (issue 5 §1): for the slow requests, which segment holds the time.
 *
 * Two measures, both checkable by hand from a list of traces:
 * - dominant share: the share of slow requests whose largest segment it is;
 * - excess share: Σ over slow requests of (segment − baseline), divided by the sum of that over
 *   all segments, where a segment's baseline is its median over every attributable request of
 *   the window. It says how the time *above normal* divides; a segment slower than normal in
 *   slow requests gets a positive part, and one faster than normal a negative part, kept visible.
 */

export type SegmentAttribution = {
  segment: SegmentName;
  label: string;
  /** Slow attributable requests whose largest segment this is. */
  dominantCount: number;
  dominantShare: number | null;
  /** Median of the segment over all attributable requests (nearest rank). */
  baselineMs: number | null;
  /** Σ over slow attributable requests of the segment, in milliseconds. */
  slowTotalMs: number;
  /** slowTotalMs − slow count × baseline; negative when slow requests spend less than usual here. */
  excessMs: number;
  excessShare: number | null;
  slowP50Ms: number | null;
  slowP90Ms: number | null;
};

export type Attribution = {
  /** The examined requests: edge request_time ≥ slowMs, and < slowMaxMs when it is not null (SlowRange). */
  slowMs: number;
  slowMaxMs: number | null;
  /** Requests of the compared trace set, and the examined ones. */
  traces: { all: number; slow: number };
  /** Slow requests split into segments. */
  attributableSlow: number;
  /** Slow requests without an ingress line (edge only). */
  slowWithoutIngress: number;
  /** Slow joined requests missing an upstream time, so not split. */
  slowIncomplete: number;
  /**
   * Of those, the ones missing only the ingress connect time: the ingress line has upstream
   * response times but no upstream_connect_time (ingress-nginx's default log format writes none).
   */
  slowWithoutConnectTime: number;
  /**
   * Of those, the ones whose edge line has no upstream response time: the edge, not ingress, lacks
   * it (edge nginx got no answer from ingress, or its lines do not carry the value).
   */
  slowWithoutEdgeUpstreamTime: number;
  /** In SEGMENT_NAMES order. */
  segments: SegmentAttribution[];
  totalExcessMs: number;
  sentence: string;
};

/** Shares below this are left out of the sentence (they stay in the bar and the table). */
const SENTENCE_MIN_SHARE = 0.05;
const SENTENCE_MAX_SEGMENTS = 3;

function sumMs(values: readonly ValueCount[]): number {
  return values.reduce((sum, { valueMs, count }) => sum + valueMs * count, 0);
}

function total(values: readonly ValueCount[]): number {
  return values.reduce((sum, { count }) => sum + count, 0);
}

/**
 * Why the slow requests that cannot be split are not: no ingress line, no upstream time (no pod
 * reached, or the client left), or only no ingress connect time (a log format without it).
 */
export function unsplitCounts(
  attribution: Pick<Attribution, 'slowWithoutIngress' | 'slowIncomplete' | 'slowWithoutConnectTime' | 'slowWithoutEdgeUpstreamTime'>,
) {
  return {
    withoutIngress: attribution.slowWithoutIngress,
    withoutEdgeUpstreamTime: attribution.slowWithoutEdgeUpstreamTime,
    withoutIngressUpstreamTime: attribution.slowIncomplete - attribution.slowWithoutConnectTime - attribution.slowWithoutEdgeUpstreamTime,
    withoutConnectTime: attribution.slowWithoutConnectTime,
  };
}

/** Splits the slow requests' time among the segments; see the module comment for the measures. */
export function buildAttribution(stats: SegmentStats, slow: SlowRange): Attribution {
  const slowCount = stats.attributable.slow;
  const rows = SEGMENT_NAMES.map((segment) => {
    const all = normalizeValueCounts(stats.segments[segment].all);
    const slow = normalizeValueCounts(stats.segments[segment].slow);
    const baselineMs = nearestRankPercentile(all, total(all), 50);
    const slowTotalMs = sumMs(slow);
    return {
      segment,
      label: SEGMENT_WORDS[segment].label,
      dominantCount: stats.dominant[segment],
      dominantShare: slowCount > 0 ? stats.dominant[segment] / slowCount : null,
      baselineMs,
      slowTotalMs,
      excessMs: slowTotalMs - slowCount * (baselineMs ?? 0),
      slowP50Ms: nearestRankPercentile(slow, slowCount, 50),
      slowP90Ms: nearestRankPercentile(slow, slowCount, 90),
    };
  });
  const totalExcessMs = rows.reduce((sum, row) => sum + row.excessMs, 0);
  const segments = rows.map((row) => ({ ...row, excessShare: totalExcessMs > 0 ? row.excessMs / totalExcessMs : null }));
  const attribution = {
    slowMs: slow.minMs,
    slowMaxMs: slow.maxMs,
    traces: { ...stats.traces },
    attributableSlow: slowCount,
    slowWithoutIngress: stats.traces.slow - stats.joined.slow,
    slowIncomplete: stats.joined.slow - stats.attributable.slow,
    slowWithoutConnectTime: stats.connectMissing.slow,
    slowWithoutEdgeUpstreamTime: stats.edgeResponseMissing.slow,
    segments,
    totalExcessMs,
  };
  return { ...attribution, sentence: describeAttribution(attribution) };
}

/**
 * "Of 1,410 requests ≥ 1 s, 66 % lost the time connecting from ingress to the app and 30 % between
 * edge and ingress." Names the segments that dominate at least 5 % of them, at most three.
 */
export function describeAttribution(attribution: Omit<Attribution, 'sentence'>): string {
  const range = { minMs: attribution.slowMs, maxMs: attribution.slowMaxMs };
  if (isEmptySlowRange(range)) return emptySlowRangeWords(range);
  const examined = slowRangeWords(range);
  const unsplit = attribution.slowWithoutIngress + attribution.slowIncomplete;
  const { withoutIngress, withoutEdgeUpstreamTime, withoutIngressUpstreamTime, withoutConnectTime } = unsplitCounts(attribution);
  const unsplitNote =
    unsplit > 0
      ? ` ${countWords(unsplit)} more ${unsplit === 1 ? 'request' : 'requests'} ${examined} cannot be split (${listWords(
          [
            withoutIngress > 0 ? `${countWords(withoutIngress)} without an ingress line` : '',
            withoutEdgeUpstreamTime > 0 ? `${countWords(withoutEdgeUpstreamTime)} without the edge upstream_response_time` : '',
            withoutIngressUpstreamTime > 0 ? `${countWords(withoutIngressUpstreamTime)} without an ingress upstream time` : '',
            withoutConnectTime > 0 ? `${countWords(withoutConnectTime)} without the ingress upstream_connect_time` : '',
          ].filter(Boolean),
        )}).`
      : '';
  const split = dominantSegmentsWords(attribution.segments);
  if (attribution.attributableSlow === 0 || split === null) {
    return `No request ${examined} at the edge can be split into segments in this selection.${unsplitNote}`;
  }
  const noun = attribution.attributableSlow === 1 ? 'request' : 'requests';
  return `Of ${countWords(attribution.attributableSlow)} ${noun} ${examined}, ${split}.${unsplitNote}`;
}

/**
 * "66 % lost the time connecting from ingress to the app and 30 % between edge and ingress": the
 * segments that dominate at least 5 % of the split requests (at most three), without their count,
 * so the first screen can state the count once. Null when no request was split.
 */
export function dominantSegmentsWords(segments: readonly SegmentAttribution[]): string | null {
  const ranked = segments
    .filter((row) => row.dominantCount > 0)
    .sort((a, b) => b.dominantCount - a.dominantCount || SEGMENT_NAMES.indexOf(a.segment) - SEGMENT_NAMES.indexOf(b.segment));
  const named = ranked.filter((row, index) => index === 0 || (row.dominantShare ?? 0) >= SENTENCE_MIN_SHARE).slice(0, SENTENCE_MAX_SEGMENTS);
  if (named.length === 0) return null;
  const parts = named.map((row, index) => {
    const phrase = SEGMENT_WORDS[row.segment].phrase;
    return `${percentWords(row.dominantShare ?? 0)} ${index === 0 ? `lost the time ${phrase}` : phrase}`;
  });
  return listWords(parts);
}
