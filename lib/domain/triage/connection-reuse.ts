import type { TimelineGroupBy } from '../connect-timeline';
import { NO_GROUP, OTHER_GROUP } from '../connect-timeline';
import { nearestRankPercentile, normalizeValueCounts, type ValueCount } from '../histogram';
import type { ConnectDistributions, ConnectGroup, ConnectHop } from './triage-data';
import { CONNECT_HOPS } from './triage-data';
import { countWords, msWords, percentWords } from './wording';

/**
 * Connection reuse (issue 5 §4). nginx logs an upstream_connect_time of exactly 0 when it reused a
 * keepalive connection, and the handshake time when it opened a new one; only new connections can
 * wait for a retransmitted SYN. Limit: nginx prints milliseconds, so a new connection whose
 * handshake took under half a millisecond (same host, fast LAN) also reads 0 and counts as reused;
 * with several upstream attempts the connect times are summed, so a request counts as new when any
 * attempt opened a connection.
 */

/** New connections at or above this count as "waited a second or more" in the summaries. */
export const SECOND_MS = 1_000;
/** A grouping value runs "without keepalive" when at least this share of its requests open a new connection. */
const WITHOUT_KEEPALIVE_SHARE = 0.99;
/** …and has at least this many requests, so that a handful of lines does not make a claim. */
const MIN_GROUP_LINES = 20;

export type ReuseRow = {
  /** null for the whole hop. */
  groupBy: TimelineGroupBy | null;
  value: string;
  lines: number;
  reused: number;
  newConnections: number;
  newShare: number | null;
  /** Nearest-rank percentiles and maximum of the new connections' connect time. */
  newP50Ms: number | null;
  newP90Ms: number | null;
  newP99Ms: number | null;
  newMaxMs: number | null;
  /** New connections that took at least a second. */
  newAtLeastSecond: number;
};

export type HopReuse = {
  hop: ConnectHop;
  label: string;
  withoutConnectTime: number;
  all: ReuseRow;
  byHost: ReuseRow[];
  byUpstreamAddr: ReuseRow[];
  sentence: string;
};

export type ConnectionReuse = {
  hops: HopReuse[];
};

export const HOP_LABELS: Readonly<Record<ConnectHop, string>> = {
  edgeToIngress: 'edge→ingress',
  ingressToApp: 'ingress→app',
};

/** Reuse figures of one set of per-millisecond connect times. */
export function toReuseRow(groupBy: TimelineGroupBy | null, value: string, values: readonly ValueCount[]): ReuseRow {
  const sorted = normalizeValueCounts(values);
  const fresh = sorted.filter((entry) => entry.valueMs > 0);
  const lines = sorted.reduce((sum, entry) => sum + entry.count, 0);
  const newConnections = fresh.reduce((sum, entry) => sum + entry.count, 0);
  return {
    groupBy,
    value,
    lines,
    reused: lines - newConnections,
    newConnections,
    newShare: lines > 0 ? newConnections / lines : null,
    newP50Ms: nearestRankPercentile(fresh, newConnections, 50),
    newP90Ms: nearestRankPercentile(fresh, newConnections, 90),
    newP99Ms: nearestRankPercentile(fresh, newConnections, 99),
    newMaxMs: fresh.at(-1)?.valueMs ?? null,
    newAtLeastSecond: fresh.filter((entry) => entry.valueMs >= SECOND_MS).reduce((sum, entry) => sum + entry.count, 0),
  };
}

const rowsOf = (groups: readonly ConnectGroup[], groupBy: TimelineGroupBy) =>
  groups.filter((group) => group.groupBy === groupBy).map((group) => toReuseRow(groupBy, group.value, group.values));

/** Per hop: the whole hop (summed over the host grouping, which covers every line once) and each group. */
export function summarizeConnectionReuse(connects: ConnectDistributions): ConnectionReuse {
  return {
    hops: CONNECT_HOPS.map((hop) => {
      const { groups, withoutConnectTime } = connects.hops[hop];
      const byHost = rowsOf(groups, 'host');
      const byUpstreamAddr = rowsOf(groups, 'upstreamAddr');
      const all = toReuseRow(null, 'all', groups.filter((group) => group.groupBy === 'host').flatMap((group) => group.values));
      const summary = { hop, label: HOP_LABELS[hop], withoutConnectTime, all, byHost, byUpstreamAddr };
      return { ...summary, sentence: describeHopReuse(summary) };
    }),
  };
}

const isNamed = (row: ReuseRow) => row.value !== OTHER_GROUP && row.value !== NO_GROUP;

/**
 * "ingress→app: 60 % of 19,847 requests opened a new connection (the others reused a keepalive
 * connection); new connections took p50 2 ms, p99 1,050 ms; 946 of them took ≥ 1 s, 100 % through ingress-node-2."
 */
export function describeHopReuse(hop: Omit<HopReuse, 'sentence'>): string {
  const { all } = hop;
  if (all.lines === 0) return `${hop.label}: no connect times in this selection.`;
  const share = all.newShare ?? 0;
  const opened = `${percentWords(share)} of ${countWords(all.lines)} requests opened a new connection`;
  const reuse =
    share >= WITHOUT_KEEPALIVE_SHARE
      ? ' — this hop runs without keepalive'
      : all.newConnections === 0
        ? ' (all reused a keepalive connection)'
        : ' (the others reused a keepalive connection)';
  const timing = all.newConnections > 0 ? `; new connections took p50 ${msWords(all.newP50Ms)}, p99 ${msWords(all.newP99Ms)}` : '';
  let slow = '';
  if (all.newAtLeastSecond > 0) {
    const rows = [...hop.byHost, ...hop.byUpstreamAddr].filter(isNamed);
    const top = rows.sort((a, b) => b.newAtLeastSecond - a.newAtLeastSecond || a.lines - b.lines)[0];
    const where =
      top && top.newAtLeastSecond / all.newAtLeastSecond >= 0.5
        ? `, ${percentWords(top.newAtLeastSecond / all.newAtLeastSecond)} ${top.groupBy === 'host' ? 'through' : 'to'} ${top.value}`
        : '';
    slow = `; ${countWords(all.newAtLeastSecond)} of them took ≥ 1 s${where}`;
  }
  const withoutReuse =
    share < WITHOUT_KEEPALIVE_SHARE
      ? [...hop.byHost, ...hop.byUpstreamAddr].filter(
          (row) => isNamed(row) && row.lines >= MIN_GROUP_LINES && (row.newShare ?? 0) >= WITHOUT_KEEPALIVE_SHARE,
        )
      : [];
  const exceptions = withoutReuse.length > 0 ? `; ${withoutReuse.map((row) => row.value).join(', ')} never reused a connection` : '';
  return `${hop.label}: ${opened}${reuse}${timing}${slow}${exceptions}.`;
}
