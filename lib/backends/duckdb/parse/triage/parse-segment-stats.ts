import { normalizeValueCounts, type ValueCount } from '@/lib/domain/histogram';
import { SEGMENT_NAMES, type SegmentName } from '@/lib/domain/triage/segments';
import type { SegmentStats, SlowSplit } from '@/lib/domain/triage/triage-data';
import { toNumber, toNumberOrNull } from '../to-number';

export type SegmentStatsRow = { kind: string; name: string; slow: boolean | null; value_ms: unknown; n: unknown };

const COUNT_NAMES = ['traces', 'joined', 'attributable', 'connect_missing', 'edge_response_missing'] as const;

/** Rows of buildSegmentStatsSql to SegmentStats; "all" counts are slow plus not slow. */
export function parseSegmentStats(rows: readonly SegmentStatsRow[]): SegmentStats {
  const counts = Object.fromEntries(COUNT_NAMES.map((name) => [name, { all: 0, slow: 0 }])) as Record<(typeof COUNT_NAMES)[number], SlowSplit>;
  const all = Object.fromEntries(SEGMENT_NAMES.map((name) => [name, [] as ValueCount[]])) as Record<SegmentName, ValueCount[]>;
  const slow = Object.fromEntries(SEGMENT_NAMES.map((name) => [name, [] as ValueCount[]])) as Record<SegmentName, ValueCount[]>;
  const dominant = Object.fromEntries(SEGMENT_NAMES.map((name) => [name, 0])) as Record<SegmentName, number>;
  for (const row of rows) {
    const n = toNumber(row.n);
    if (row.kind === 'count') {
      const split = counts[row.name as (typeof COUNT_NAMES)[number]];
      split.all += n;
      if (row.slow) split.slow += n;
    } else if (row.kind === 'dist') {
      const valueMs = toNumberOrNull(row.value_ms);
      if (valueMs === null) continue;
      const name = row.name as SegmentName;
      all[name].push({ valueMs, count: n });
      if (row.slow) slow[name].push({ valueMs, count: n });
    } else if (row.kind === 'dominant') {
      dominant[row.name as SegmentName] += n;
    }
  }
  return {
    traces: counts.traces,
    joined: counts.joined,
    attributable: counts.attributable,
    connectMissing: counts.connect_missing,
    edgeResponseMissing: counts.edge_response_missing,
    segments: Object.fromEntries(
      SEGMENT_NAMES.map((name) => [name, { all: normalizeValueCounts(all[name]), slow: normalizeValueCounts(slow[name]) }]),
    ) as SegmentStats['segments'],
    dominant,
  };
}
