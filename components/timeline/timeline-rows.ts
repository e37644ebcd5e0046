import type { ConnectPoint, ConnectTimeline } from '@/lib/domain/connect-timeline';
import type { TimelineStat } from '@/lib/url-state';
import { seriesStyle, type SeriesStyle } from './series-styles';

/** One time bin of the chart: `t` is the bin start, `s0…sN` each series' value (absent: no line there). */
export type TimelineRow = { t: number } & Record<string, number | null>;

export type TimelineSeriesInfo = SeriesStyle & {
  key: string;
  group: string;
  count: number;
  peakMs: number | null;
  /** Lines (one per trace) each bin's value summarizes, by bin start. */
  countByBin: ReadonlyMap<number, number>;
};

const STAT_VALUE: Record<TimelineStat, (point: ConnectPoint) => number> = {
  max: (point) => point.maxMs,
  p99: (point) => point.p99Ms,
  p50: (point) => point.p50Ms,
};

/**
 * Pivots the per-group series into chart rows, one per bin across the whole window (empty bins
 * included, so time is linear under the brush). Series are ordered by their peak, highest first,
 * so the group with the slowest connects gets the first color and the top of the legend.
 */
export function toTimelineRows(timeline: ConnectTimeline, stat: TimelineStat): { rows: TimelineRow[]; series: TimelineSeriesInfo[] } {
  const value = STAT_VALUE[stat];
  const ranked = timeline.series
    .map((series) => ({ series, peakMs: series.points.length ? Math.max(...series.points.map(value)) : null }))
    .sort((a, b) => (b.peakMs ?? -1) - (a.peakMs ?? -1) || b.series.count - a.series.count);

  const allBins = ranked.flatMap(({ series }) => series.points.map((point) => point.binStartMs));
  const { binMs, fromMs, toMs } = timeline;
  const phase = allBins.length ? (((Math.min(...allBins) % binMs) + binMs) % binMs) : fromMs % binMs;
  const gridStart = fromMs - ((((fromMs - phase) % binMs) + binMs) % binMs);
  const rowsByBin = new Map<number, TimelineRow>();
  for (let t = gridStart; t < toMs; t += binMs) rowsByBin.set(t, { t } as TimelineRow);
  for (const t of allBins) if (!rowsByBin.has(t)) rowsByBin.set(t, { t } as TimelineRow);

  const series = ranked.map(({ series: s, peakMs }, index) => {
    const key = `s${index}`;
    const countByBin = new Map<number, number>();
    for (const point of s.points) {
      rowsByBin.get(point.binStartMs)![key] = value(point);
      countByBin.set(point.binStartMs, point.count);
    }
    return { key, group: s.group, count: s.count, peakMs, countByBin, ...seriesStyle(index) };
  });
  return { rows: [...rowsByBin.values()].sort((a, b) => a.t - b.t), series };
}

/** The time range a brush selection of rows covers: first bin start to last bin end, inside the window. */
export function brushRange(rows: readonly TimelineRow[], startIndex: number, endIndex: number, timeline: ConnectTimeline): { fromMs: number; toMs: number } | null {
  const first = rows[Math.max(0, startIndex)];
  const last = rows[Math.min(rows.length - 1, endIndex)];
  if (!first || !last) return null;
  const fromMs = Math.max(first.t, timeline.fromMs);
  const toMs = Math.min(last.t + timeline.binMs, timeline.toMs);
  return fromMs < toMs ? { fromMs, toMs } : null;
}
