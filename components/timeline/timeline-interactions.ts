import type { DimensionField } from '@/lib/domain/dimension-filters';
import { NO_GROUP, OTHER_GROUP, type TimelineGroupBy } from '@/lib/domain/connect-timeline';
import { toIsoInstant } from '@/lib/domain/time-expression';
import type { Tier } from '@/lib/domain/tiers';
import { withDrill, withQuery, type InvestigationState, type TraceSortKey } from '@/lib/url-state';

/** The dimension filter that selects one group of a tier's timeline. */
export const GROUP_FILTER_FIELDS: Record<Tier, Record<TimelineGroupBy, DimensionField>> = {
  edge: { host: 'edge.host', upstreamAddr: 'edge.upstreamAddr' },
  ingress: { host: 'ingress.host', upstreamAddr: 'ingress.upstreamAddr' },
};

/** The trace table's sort that puts a tier's slowest connects first. */
const CONNECT_SORT: Record<Tier, TraceSortKey> = { edge: 'edgeConnect', ingress: 'ingressConnect' };

/**
 * A connect of 1 s or more is a retransmitted SYN (the first retransmission waits 1 s). A point at
 * or above it opens the tier's requests of ≥ 1 s: every request whose connect alone took that long
 * is among them, since a line's request_time includes its upstream connect.
 */
export const SLOW_CONNECT_MS = 1_000;

/** One plotted point: a bin of one group of one tier's timeline, as clicked. */
export type TimelinePoint = {
  tier: Tier;
  groupBy: TimelineGroupBy;
  group: string;
  binStartMs: number;
  binMs: number;
  /** The plotted statistic of the point (max, p99 or p50 connect time). */
  valueMs: number;
  /** The timeline's window: the bin is clipped to it. */
  window: { fromMs: number; toMs: number };
};

/**
 * The investigation state that shows a point's traces: the window narrowed to the bin, the group's
 * dimension filter (replacing other includes of that field, which would widen it: includes of one
 * field are alternatives), the drill-down of the tier's request_time (≥ 1 s for a retransmission
 * point), slowest connects first. `(other)` and `(none)` have no filter of their own, so they open
 * the bin unfiltered. Limit: the ingress timeline places a line at its own @timestamp while the
 * window selects traces by their edge @timestamp, so a trace ending at a bin's border may fall in
 * the neighbouring bin.
 */
export function toPointDrillState(state: InvestigationState, point: TimelinePoint): InvestigationState {
  const fromMs = Math.max(point.binStartMs, point.window.fromMs);
  const toMs = Math.min(point.binStartMs + point.binMs, point.window.toMs);
  const field = GROUP_FILTER_FIELDS[point.tier][point.groupBy];
  const named = point.group !== OTHER_GROUP && point.group !== NO_GROUP;
  const current = state.query.filter ?? [];
  const filter = named ? [...current.filter((text) => !text.startsWith(`${field}:`)), `${field}:${point.group}`] : current;
  const narrowed = withQuery(state, { from: toIsoInstant(fromMs), to: toIsoInstant(toMs), filter });
  const drill = withDrill(narrowed, { histogram: point.tier, fromMs: point.valueMs >= SLOW_CONNECT_MS ? SLOW_CONNECT_MS : null, toMs: null });
  return { ...drill, sort: { key: CONNECT_SORT[point.tier], order: 'desc' } };
}

/**
 * The window a drag across the plot covers: from the earlier bin's start to the later bin's end,
 * inside the timeline's window. Null when the drag stayed in one bin (a click, not a zoom) or
 * covers the whole window (nothing to narrow).
 */
export function toDragWindow(startBinMs: number, endBinMs: number, timeline: { binMs: number; fromMs: number; toMs: number }): { fromMs: number; toMs: number } | null {
  if (startBinMs === endBinMs) return null;
  const fromMs = Math.max(Math.min(startBinMs, endBinMs), timeline.fromMs);
  const toMs = Math.min(Math.max(startBinMs, endBinMs) + timeline.binMs, timeline.toMs);
  if (fromMs >= toMs || (fromMs === timeline.fromMs && toMs === timeline.toMs)) return null;
  return { fromMs, toMs };
}

/**
 * The series a click at a pointer height means: among the series with a value in the bin, the one
 * drawn nearest to the pointer (`toPixel` maps a value to the plot's y pixel). Null when the bin
 * has no visible value.
 */
export function nearestSeries(values: readonly { key: string; valueMs: number }[], pointerY: number, toPixel: (valueMs: number) => number): string | null {
  let best: { key: string; distance: number } | null = null;
  for (const { key, valueMs } of values) {
    const distance = Math.abs(toPixel(valueMs) - pointerY);
    if (best === null || distance < best.distance) best = { key, distance };
  }
  return best?.key ?? null;
}

/** The series Enter opens at a bin chosen from the keyboard: the highest value, where a slow connect shows. */
export function highestSeries(values: readonly { key: string; valueMs: number }[]): string | null {
  let best: { key: string; valueMs: number } | null = null;
  for (const value of values) if (best === null || value.valueMs > best.valueMs) best = value;
  return best?.key ?? null;
}
