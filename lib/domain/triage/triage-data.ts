import type { TimelineGroupBy } from '../connect-timeline';
import type { ValueCount } from '../histogram';
import type { SegmentName } from './segments';

/**
 * What a backend hands over for triage: small aggregated shapes (per-millisecond counts, per-value
 * counts) computed in the store. Every statistic and decision is made from these by pure code in
 * lib/domain/triage, so both backends give identical answers for identical counts.
 */

/** Counts of all requests and of the examined ("slow") ones: edge request_time in the SlowRange asked for. */
export type SlowSplit = { all: number; slow: number };

export type SegmentDistribution = {
  /** Per-millisecond counts of the segment over every attributable trace. */
  all: ValueCount[];
  /** The same over the slow attributable traces only. */
  slow: ValueCount[];
};

/** The segment split of a trace set, for attribution (issue 5 §1). */
export type SegmentStats = {
  /** Traces of the trace set. */
  traces: SlowSplit;
  /** Of those, with an ingress line. */
  joined: SlowSplit;
  /** Of those, with all five segments (edge and ingress request and upstream response times, ingress connect). */
  attributable: SlowSplit;
  /** Joined traces lacking only the ingress connect time (every other time present): their lines carry no upstream_connect_time. */
  connectMissing: SlowSplit;
  /**
   * Joined traces whose edge line has no upstream response time (edge nginx got no answer from
   * ingress, or its lines do not carry the value): apart from those whose ingress line lacks one.
   */
  edgeResponseMissing: SlowSplit;
  segments: Record<SegmentName, SegmentDistribution>;
  /** Slow attributable traces by their largest segment (ties: the first in SEGMENT_NAMES order). */
  dominant: Record<SegmentName, number>;
};

/**
 * The fields whose values are compared between slow requests and all (issue 5 §2), in the order
 * ties are broken: host names first (what one acts on), then addresses, then request attributes.
 */
export const CORRELATION_FIELDS = [
  'ingressHost',
  'edgeHost',
  'edgeUpstreamAddr',
  'ingressUpstreamAddr',
  'proxyUpstreamName',
  'app',
  'path',
  'method',
  'status',
] as const;
export type CorrelationField = (typeof CORRELATION_FIELDS)[number];

export type FieldValueCount = { value: string; slow: number; all: number };

export type FieldValues = {
  /** Traces that have a value for the field (all and slow). */
  withValue: SlowSplit;
  /** How many distinct values the field has among the traces, listed or not. */
  distinctValues: number;
  /** The most frequent values among slow traces (then among all, then by value), at most the limit asked for. */
  values: FieldValueCount[];
};

/** Per-value counts over the joined traces of a trace set. */
export type FieldValueCounts = {
  /** The compared population: joined traces (both tiers), all and slow. */
  traces: SlowSplit;
  fields: Record<CorrelationField, FieldValues>;
};

/**
 * The two hops with a TCP connect: the edge's upstream_connect_time (edge → ingress) and the
 * ingress's (ingress → app).
 */
export const CONNECT_HOPS = ['edgeToIngress', 'ingressToApp'] as const;
export type ConnectHop = (typeof CONNECT_HOPS)[number];

export type ConnectGroup = {
  groupBy: TimelineGroupBy;
  /** The host or upstream address (attempts joined by ", "); NO_GROUP when absent, OTHER_GROUP for the merged rest. */
  value: string;
  /** Per-millisecond counts of the connect time, summed over attempts. */
  values: ValueCount[];
};

export type HopConnects = {
  /** Lines of the hop without a usable upstream_connect_time. */
  withoutConnectTime: number;
  /** Grouped by host and, separately, by upstream address; each grouping covers every line once. */
  groups: ConnectGroup[];
};

/** Connect-time distributions per hop and group (issue 5 §3 and §4). */
export type ConnectDistributions = {
  hops: Record<ConnectHop, HopConnects>;
};

/** Code-unit order, as the stores' binary collation sorts ASCII text. */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The order values are listed in: most slow, then most overall, then by value. */
export function compareFieldValues(a: FieldValueCount, b: FieldValueCount): number {
  return b.slow - a.slow || b.all - a.all || compareText(a.value, b.value);
}

const GROUP_BY_ORDER: Record<TimelineGroupBy, number> = { host: 0, upstreamAddr: 1 };

/** Groups in a stable order: host groupings first, then the largest group, then by value. */
export function compareConnectGroups(a: ConnectGroup, b: ConnectGroup): number {
  const size = (group: ConnectGroup) => group.values.reduce((sum, entry) => sum + entry.count, 0);
  return GROUP_BY_ORDER[a.groupBy] - GROUP_BY_ORDER[b.groupBy] || size(b) - size(a) || compareText(a.value, b.value);
}
