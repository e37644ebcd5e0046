import type { ValueCount } from '../histogram';
import { SEGMENT_NAMES, type SegmentName } from './segments';
import type { SegmentStats } from './triage-data';

/** Test helper: per-millisecond counts from a list of values ([1, 1, 5] → 1×2, 5×1). */
export function countsOf(values: readonly number[]): ValueCount[] {
  const byValue = new Map<number, number>();
  for (const value of values) byValue.set(value, (byValue.get(value) ?? 0) + 1);
  return [...byValue.entries()].sort((a, b) => a[0] - b[0]).map(([valueMs, count]) => ({ valueMs, count }));
}

/**
 * Test helper: SegmentStats from per-trace segment values (edgeOwn, edgeToIngress, ingressOwn,
 * ingressConnect, app) and the edge request_time, with the dominant segment given per trace.
 */
export function segmentStatsOf(
  traces: readonly { values: readonly [number, number, number, number, number]; slow: boolean; dominant?: SegmentName }[],
  extra: {
    withoutIngress?: { all: number; slow: number };
    incomplete?: { all: number; slow: number };
    connectMissing?: { all: number; slow: number };
    edgeResponseMissing?: { all: number; slow: number };
  } = {},
): SegmentStats {
  const slow = traces.filter((trace) => trace.slow);
  const withoutIngress = extra.withoutIngress ?? { all: 0, slow: 0 };
  const incomplete = extra.incomplete ?? { all: 0, slow: 0 };
  const attributable = { all: traces.length, slow: slow.length };
  const joined = { all: attributable.all + incomplete.all, slow: attributable.slow + incomplete.slow };
  const dominant = Object.fromEntries(SEGMENT_NAMES.map((name) => [name, 0])) as Record<SegmentName, number>;
  for (const trace of slow) if (trace.dominant) dominant[trace.dominant] += 1;
  return {
    traces: { all: joined.all + withoutIngress.all, slow: joined.slow + withoutIngress.slow },
    joined,
    attributable,
    // Of the incomplete ones, those lacking only the ingress connect time.
    connectMissing: extra.connectMissing ?? { all: 0, slow: 0 },
    // Of the incomplete ones, those whose edge line lacks its upstream time.
    edgeResponseMissing: extra.edgeResponseMissing ?? { all: 0, slow: 0 },
    segments: Object.fromEntries(
      SEGMENT_NAMES.map((name, index) => [
        name,
        { all: countsOf(traces.map((trace) => trace.values[index]!)), slow: countsOf(slow.map((trace) => trace.values[index]!)) },
      ]),
    ) as SegmentStats['segments'],
    dominant,
  };
}
