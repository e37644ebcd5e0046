import type { ConnectSeries, ConnectTimeline, ConnectTimelineOptions } from '@/lib/domain/connect-timeline';
import type { TraceQuery } from '@/lib/domain/query';
import { toNumber } from './to-number';

export type ConnectTimelineRow = {
  label: string | null;
  bin_start_ms: unknown;
  n: unknown;
  p50_ms: unknown;
  p99_ms: unknown;
  max_ms: unknown;
};

/** Rows of buildConnectTimelineSql to series: largest first (then by name), points in time order. */
export function parseConnectTimeline(rows: readonly ConnectTimelineRow[], query: TraceQuery, options: ConnectTimelineOptions): ConnectTimeline {
  const byGroup = new Map<string, ConnectSeries>();
  let withoutConnectTime = 0;
  for (const row of rows) {
    if (row.label === null) {
      withoutConnectTime += toNumber(row.n);
      continue;
    }
    const series = byGroup.get(row.label) ?? { group: row.label, count: 0, points: [] };
    const count = toNumber(row.n);
    series.count += count;
    series.points.push({
      binStartMs: toNumber(row.bin_start_ms),
      count,
      p50Ms: toNumber(row.p50_ms),
      p99Ms: toNumber(row.p99_ms),
      maxMs: toNumber(row.max_ms),
    });
    byGroup.set(row.label, series);
  }
  const series = [...byGroup.values()]
    .map((s) => ({ ...s, points: s.points.sort((a, b) => a.binStartMs - b.binStartMs) }))
    .sort((a, b) => b.count - a.count || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
  return {
    tier: options.tier,
    groupBy: options.groupBy,
    binMs: options.binMs,
    fromMs: query.fromMs,
    toMs: query.toMs,
    series,
    withoutConnectTime,
  };
}
