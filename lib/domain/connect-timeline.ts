import type { Tier } from './tiers';

/**
 * Time-binned upstream_connect_time of one tier (edge: the edge→ingress connect; ingress: the
 * ingress→app connect), one series per upstream address or host, one line per trace placed at
 * its own @timestamp within the query window (edge: the trace set's representatives; ingress: the
 * window's ingress lines, only the trace set's under app or a latency range; docs/API.md). The
 * connect value of a line is the sum over its attempts; lines without one are counted, not plotted.
 */
export const TIMELINE_GROUP_BYS = ['upstreamAddr', 'host'] as const;
export type TimelineGroupBy = (typeof TIMELINE_GROUP_BYS)[number];

export type ConnectTimelineOptions = { tier: Tier; groupBy: TimelineGroupBy; binMs: number; maxGroups: number };

export type ConnectPoint = { binStartMs: number; count: number; p50Ms: number; p99Ms: number; maxMs: number };

export type ConnectSeries = { group: string; count: number; points: ConnectPoint[] };

export type ConnectTimeline = {
  tier: Tier;
  groupBy: TimelineGroupBy;
  binMs: number;
  fromMs: number;
  toMs: number;
  /** Largest groups first; the rest are merged into OTHER_GROUP. */
  series: ConnectSeries[];
  /** Lines of the trace set without an upstream_connect_time value. */
  withoutConnectTime: number;
};

export const OTHER_GROUP = '(other)';
export const NO_GROUP = '(none)';
export const DEFAULT_TIMELINE_MAX_GROUPS = 10;
/** Few enough bins that all series together stay within a couple of thousand points. */
export const MAX_TIMELINE_BINS = 180;

const NICE_BINS_MS = [
  1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000,
  7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000,
];

/** The smallest round bin width that covers the span in at most MAX_TIMELINE_BINS bins. */
export function chooseTimelineBinMs(spanMs: number): number {
  for (const binMs of NICE_BINS_MS) if (Math.ceil(spanMs / binMs) <= MAX_TIMELINE_BINS) return binMs;
  return Math.ceil(spanMs / MAX_TIMELINE_BINS / 86_400_000) * 86_400_000;
}
