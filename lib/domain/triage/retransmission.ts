import type { TimelineGroupBy } from '../connect-timeline';
import { NO_GROUP, OTHER_GROUP } from '../connect-timeline';
import type { BucketSelection } from '../drill-down';
import { normalizeValueCounts, type ValueCount } from '../histogram';
import type { Tier } from '../tiers';
import { binomialUpperTail, bonferroni } from './statistics';
import type { ConnectDistributions, ConnectGroup, ConnectHop, HopConnects } from './triage-data';
import { countWords, listWords, percentWords, pValueWords, secondsRangeWords } from './wording';

/**
 * The TCP retransmission signature (issue 5 §3). Linux waits 1 s before it retransmits an
 * unanswered SYN (and a server its unanswered SYN-ACK); further tries follow at 3, 7, 15 s with
 * the classic doubling, or 2, 3, 4, 5 s with the linear timeouts of kernels ≥ 6.5. A handshake
 * that lost packets therefore lasts a little over a whole number of seconds, and its requests
 * pile up just above the mark instead of spreading out as slow code does.
 *
 * For each whole second k (1 … 15 s) and each signal, with counts in three windows:
 *   left [k − 200 ms, k) · peak [k, k + 100 ms) · right [k + 100 ms, k + 300 ms)
 * If the values were spread smoothly (any density that is linear across the 500 ms), the peak
 * would hold a fifth of the n = left + peak + right values, and expected peak = (left + right) / 4.
 * The check is flagged when:
 *   peak ≥ 10, peak ≥ 3 × expected, and the one-sided binomial test P(X ≥ peak | n, 1/5),
 *   multiplied by the number of checks (Bonferroni over 3 signals × 15 marks), is ≤ 0.001.
 */
export const RETRANSMISSION_RULES = {
  peakWidthMs: 100,
  neighbourWidthMs: 200,
  marksMs: Array.from({ length: 15 }, (_, index) => (index + 1) * 1_000),
  minPeakCount: 10,
  minRatio: 3,
  alpha: 0.001,
} as const;

const PEAK_PROBABILITY =
  RETRANSMISSION_RULES.peakWidthMs / (RETRANSMISSION_RULES.peakWidthMs + 2 * RETRANSMISSION_RULES.neighbourWidthMs);

/**
 * What is scanned: the two connect times, and the edge→ingress segment (edge upstream_response_time
 * − ingress request_time), which holds the edge's handshake too and also a late accept on ingress.
 */
export const RETRANSMISSION_SIGNALS = ['edgeConnect', 'edgeToIngressGap', 'ingressConnect'] as const;
export type RetransmissionSignal = (typeof RETRANSMISSION_SIGNALS)[number];

export const SIGNAL_WORDS: Readonly<Record<RetransmissionSignal, { hop: ConnectHop; label: string }>> = {
  edgeConnect: { hop: 'edgeToIngress', label: 'edge→ingress connect (edge upstream_connect_time)' },
  edgeToIngressGap: { hop: 'edgeToIngress', label: 'edge→ingress segment (edge upstream_response_time − ingress request_time)' },
  ingressConnect: { hop: 'ingressToApp', label: 'ingress→app connect (ingress upstream_connect_time)' },
};

export type MarkCheck = {
  signal: RetransmissionSignal;
  markMs: number;
  left: number;
  peak: number;
  right: number;
  /** (left + right) / 4: the peak count a smooth distribution would give. */
  expectedPeak: number;
  /** peak / expectedPeak; null when the neighbours are empty. */
  ratio: number | null;
  pValue: number;
  log10PValue: number;
  adjustedPValue: number;
  log10AdjustedPValue: number;
  flagged: boolean;
};

/**
 * When a finding names a host or address (issue 14 §1): the group must hold at least half of the
 * finding's requests, at least 1.5 times its share of the hop's lines in the baseline (the same
 * window and non-latency filters), and more than chance allows: the one-sided binomial test
 * P(X ≥ count | the finding's requests, that share), times the number of groups tested
 * (Bonferroni), at most 0.001. Otherwise the sentence says the delay is spread and names none.
 */
export const DOMINANT_RULES = { minShare: 0.5, minLift: 1.5, alpha: 0.001 } as const;

export type DominantGroup = {
  groupBy: TimelineGroupBy;
  value: string;
  /** Requests of the finding's peaks in this group, and their share of the finding. */
  count: number;
  share: number;
  /** The group's share of the hop's requests in the baseline (same window, no latency filter). */
  lineShare: number;
  /** share / lineShare. */
  lift: number;
  /** The binomial test after Bonferroni over the groups tested. */
  adjustedPValue: number;
};

export type RetransmissionFinding = {
  hop: ConnectHop;
  signal: RetransmissionSignal;
  /** The flagged marks and their peak counts, in order. */
  marks: { markMs: number; count: number }[];
  count: number;
  /** Requests the signal was measured on. */
  total: number;
  share: number;
  /** The host or address holding most of the peak requests, when one holds at least half. */
  dominant: DominantGroup | null;
  /** Other signals of the same hop that show the same marks. */
  corroboratedBy: RetransmissionSignal[];
  sentence: string;
  /** Where to look next: a drill-down range (when a histogram holds the signal) and the timeline to open. */
  drill: BucketSelection | null;
  timeline: { tier: Tier; groupBy: TimelineGroupBy };
};

export type Retransmissions = {
  rules: typeof RETRANSMISSION_RULES;
  /** Number of checks the Bonferroni correction accounts for. */
  tests: number;
  /** Every check with at least one value in its windows. */
  checks: MarkCheck[];
  findings: RetransmissionFinding[];
  sentence: string;
};

export type RetransmissionInput = {
  /** The examined requests' connect times: the query's trace set, latency range included. */
  connects: ConnectDistributions;
  /**
   * The same window and non-latency filters without the latency range, whose line shares a
   * finding's hosts are compared with; the examined connects themselves when the query has no
   * latency range.
   */
  baselineConnects?: ConnectDistributions;
  /** Per-millisecond edge→ingress segment of the attributable traces (SegmentStats). */
  edgeToIngressGap: readonly ValueCount[];
};

function countIn(values: readonly ValueCount[], fromMs: number, toMs: number): number {
  let count = 0;
  for (const { valueMs, count: n } of values) if (valueMs >= fromMs && valueMs < toMs) count += n;
  return count;
}

const totalOf = (values: readonly ValueCount[]) => values.reduce((sum, { count }) => sum + count, 0);

/** Runs the check of one signal at one whole second. */
export function checkMark(signal: RetransmissionSignal, values: readonly ValueCount[], markMs: number, tests: number): MarkCheck {
  const { peakWidthMs, neighbourWidthMs } = RETRANSMISSION_RULES;
  const left = countIn(values, markMs - neighbourWidthMs, markMs);
  const peak = countIn(values, markMs, markMs + peakWidthMs);
  const right = countIn(values, markMs + peakWidthMs, markMs + peakWidthMs + neighbourWidthMs);
  const expectedPeak = ((left + right) * peakWidthMs) / (2 * neighbourWidthMs);
  const ratio = expectedPeak > 0 ? peak / expectedPeak : null;
  const tail = binomialUpperTail(peak, left + peak + right, PEAK_PROBABILITY);
  const adjusted = bonferroni(tail, tests);
  const flagged =
    peak >= RETRANSMISSION_RULES.minPeakCount &&
    (ratio === null || ratio >= RETRANSMISSION_RULES.minRatio) &&
    adjusted.p <= RETRANSMISSION_RULES.alpha;
  return {
    signal,
    markMs,
    left,
    peak,
    right,
    expectedPeak,
    ratio,
    pValue: tail.p,
    log10PValue: tail.log10P,
    adjustedPValue: adjusted.p,
    log10AdjustedPValue: adjusted.log10P,
    flagged,
  };
}

/** Sums per-millisecond counts of several groups (one grouping covers every line once). */
function mergeGroups(groups: readonly ConnectGroup[]): ValueCount[] {
  return normalizeValueCounts(groups.flatMap((group) => group.values));
}

function linesByGroup(groups: readonly ConnectGroup[], groupBy: TimelineGroupBy): { lines: Map<string, number>; total: number } {
  const lines = new Map<string, number>();
  let total = 0;
  for (const group of groups) {
    if (group.groupBy !== groupBy) continue;
    const count = totalOf(group.values);
    lines.set(group.value, count);
    total += count;
  }
  return { lines, total };
}

/** The host or address that stands out among a finding's requests against the baseline, if one does (DOMINANT_RULES). */
function findDominant(
  groups: readonly ConnectGroup[],
  baselineGroups: readonly ConnectGroup[],
  marks: readonly number[],
  count: number,
): DominantGroup | null {
  if (count === 0) return null;
  const peakCount = (values: readonly ValueCount[]) =>
    marks.reduce((sum, markMs) => sum + countIn(values, markMs, markMs + RETRANSMISSION_RULES.peakWidthMs), 0);
  const candidates = (['host', 'upstreamAddr'] as const).flatMap((groupBy) => {
    const baseline = linesByGroup(baselineGroups, groupBy);
    return groups
      .filter((group) => group.groupBy === groupBy && group.value !== OTHER_GROUP && group.value !== NO_GROUP)
      .map((group) => ({ groupBy, value: group.value, peak: peakCount(group.values), baselineLines: baseline.lines.get(group.value) ?? 0, baselineTotal: baseline.total }))
      .filter((candidate) => candidate.peak > 0);
  });
  let best: DominantGroup | null = null;
  for (const candidate of candidates) {
    // A group merged into "(other)" in the baseline, or holding every line, cannot stand out.
    if (candidate.baselineLines === 0 || candidate.baselineLines >= candidate.baselineTotal) continue;
    const share = candidate.peak / count;
    const lineShare = candidate.baselineLines / candidate.baselineTotal;
    const lift = share / lineShare;
    const adjusted = bonferroni(binomialUpperTail(candidate.peak, count, lineShare), candidates.length);
    const standsOut = share >= DOMINANT_RULES.minShare && lift >= DOMINANT_RULES.minLift && adjusted.p <= DOMINANT_RULES.alpha;
    if (!standsOut || (best !== null && (lift < best.lift || (lift === best.lift && share <= best.share)))) continue;
    best = { groupBy: candidate.groupBy, value: candidate.value, count: candidate.peak, share, lineShare, lift, adjustedPValue: adjusted.p };
  }
  return best;
}

const WHERE_WORDS: Readonly<Record<ConnectHop, Record<TimelineGroupBy, (value: string) => { through: string; advice: string }>>> = {
  edgeToIngress: {
    host: (value) => ({ through: `from ${value}`, advice: `look at ${value}'s kernel and network` }),
    upstreamAddr: (value) => ({ through: `to ${value}`, advice: `look at the kernel and network of the ingress node at ${value}` }),
  },
  ingressToApp: {
    host: (value) => ({ through: `through ${value}`, advice: "look at that node's kernel and network" }),
    upstreamAddr: (value) => ({ through: `to ${value}`, advice: `look at the node and network of the pod at ${value}` }),
  },
};

function marksWords(marks: readonly { markMs: number; count: number }[]): string {
  const range = (markMs: number) => secondsRangeWords(markMs, markMs + RETRANSMISSION_RULES.peakWidthMs);
  if (marks.length === 1) return range(marks[0]!.markMs);
  return listWords(marks.map(({ markMs, count }) => `${range(markMs)} (${countWords(count)})`), 'or');
}

function describeFinding(finding: Omit<RetransmissionFinding, 'sentence'>, edgeConnectLogged: boolean): string {
  const head = `${countWords(finding.count)} ${finding.count === 1 ? 'request' : 'requests'} (${percentWords(finding.share)})`;
  const marks = marksWords(finding.marks);
  if (finding.signal === 'edgeToIngressGap') {
    if (!edgeConnectLogged) {
      return (
        `${head} spend ${marks} between edge and ingress (edge upstream_response_time − ingress request_time): ` +
        'a handshake packet was probably retransmitted after the 1 s timeout; the edge logs no upstream_connect_time to tell a lost SYN from a late accept.'
      );
    }
    return (
      `${head} spend ${marks} between edge and ingress while the edge's connect times show no such pile-up: ` +
      "the edge's handshake completed but ingress accepted the connection about a second later, the mark of a retransmitted SYN-ACK " +
      'after its listen queue overflowed; look at the ingress nodes\' listen-queue drops (nstat TcpExtListenOverflows).'
    );
  }
  const hopWords = finding.hop === 'edgeToIngress' ? 'an edge→ingress connect' : 'an ingress→app connect';
  const where = finding.dominant ? WHERE_WORDS[finding.hop][finding.dominant.groupBy](finding.dominant.value) : null;
  const concentration = where && finding.dominant ? `, ${percentWords(finding.dominant.share)} of them ${where.through}` : ', spread over hosts and addresses';
  const advice = where ? where.advice : 'look at the network of this hop';
  return `${head} have ${hopWords} of ${marks}${concentration}: a SYN or SYN-ACK was retransmitted; ${advice}.`;
}

const HOP_VIEW: Readonly<Record<ConnectHop, { tier: Tier; groupBy: TimelineGroupBy }>> = {
  edgeToIngress: { tier: 'edge', groupBy: 'upstreamAddr' },
  ingressToApp: { tier: 'ingress', groupBy: 'host' },
};

/** Scans the signals for the signature and turns flagged checks into findings, one per hop at most. */
export function detectRetransmissions(input: RetransmissionInput): Retransmissions {
  const tests = RETRANSMISSION_SIGNALS.length * RETRANSMISSION_RULES.marksMs.length;
  const hopGroups = (hop: ConnectHop) => input.connects.hops[hop].groups;
  const baselineGroups = (hop: ConnectHop) => (input.baselineConnects ?? input.connects).hops[hop].groups;
  const hostValues = (hop: ConnectHop) => mergeGroups(hopGroups(hop).filter((group) => group.groupBy === 'host'));
  const signals: Record<RetransmissionSignal, ValueCount[]> = {
    edgeConnect: hostValues('edgeToIngress'),
    edgeToIngressGap: normalizeValueCounts(input.edgeToIngressGap),
    ingressConnect: hostValues('ingressToApp'),
  };
  const checks = RETRANSMISSION_SIGNALS.flatMap((signal) =>
    RETRANSMISSION_RULES.marksMs.map((markMs) => checkMark(signal, signals[signal], markMs, tests)),
  ).filter((check) => check.left + check.peak + check.right > 0);
  const flaggedBySignal = (signal: RetransmissionSignal) => checks.filter((check) => check.signal === signal && check.flagged);
  const edgeConnectLogged = signals.edgeConnect.some(({ count }) => count > 0);

  const findings: RetransmissionFinding[] = [];
  const candidates: [ConnectHop, RetransmissionSignal[]][] = [
    ['ingressToApp', ['ingressConnect']],
    ['edgeToIngress', ['edgeConnect', 'edgeToIngressGap']],
  ];
  for (const [hop, hopSignals] of candidates) {
    const signal = hopSignals.find((candidate) => flaggedBySignal(candidate).length > 0);
    if (!signal) continue;
    const marks = flaggedBySignal(signal).map((check) => ({ markMs: check.markMs, count: check.peak }));
    const count = marks.reduce((sum, mark) => sum + mark.count, 0);
    const total = totalOf(signals[signal]);
    const dominant = signal === 'edgeToIngressGap' ? null : findDominant(hopGroups(hop), baselineGroups(hop), marks.map((mark) => mark.markMs), count);
    const primary = [...marks].sort((a, b) => b.count - a.count || a.markMs - b.markMs)[0]!;
    const finding = {
      hop,
      signal,
      marks,
      count,
      total,
      share: total > 0 ? count / total : 0,
      dominant,
      corroboratedBy: hopSignals.filter((other) => other !== signal && flaggedBySignal(other).length > 0),
      drill:
        hop === 'edgeToIngress'
          ? { histogram: 'edgeMinusIngress' as const, fromMs: primary.markMs, toMs: primary.markMs + RETRANSMISSION_RULES.peakWidthMs }
          : null,
      timeline: { tier: HOP_VIEW[hop].tier, groupBy: dominant?.groupBy ?? HOP_VIEW[hop].groupBy },
    };
    findings.push({ ...finding, sentence: describeFinding(finding, edgeConnectLogged) });
  }
  const blindSpot = findings.some((finding) => finding.hop === 'ingressToApp') ? '' : ingressBlindSpotWords(input.connects.hops.ingressToApp, signals.ingressConnect);
  return { rules: RETRANSMISSION_RULES, tests, checks, findings, sentence: describeRetransmissions(findings, checks) + blindSpot };
}

/** Below this share of ingress lines without a connect time the blind spot is not worth a sentence ("-" lines of requests that reached no pod). */
const BLIND_SPOT_MIN_SHARE = 0.05;

/**
 * What the ingress→app check could not see: ingress lines without an upstream_connect_time (a log
 * format without $upstream_connect_time, as ingress-nginx's default) cannot show a SYN
 * retransmission, and nothing else separates one from the app's time. Said when they are at least
 * 5 % of the hop's lines, so "no signature" is not read as "no retransmission" there.
 */
function ingressBlindSpotWords(hop: HopConnects, logged: readonly ValueCount[]): string {
  const lines = hop.withoutConnectTime + totalOf(logged);
  if (lines === 0 || hop.withoutConnectTime / lines < BLIND_SPOT_MIN_SHARE) return '';
  const cannotShow = 'a SYN retransmission between ingress and the app cannot show';
  if (hop.withoutConnectTime === lines) return ` No ingress line carries an upstream_connect_time: ${cannotShow} here.`;
  const share = `${countWords(hop.withoutConnectTime)} of ${countWords(lines)} ingress lines (${percentWords(hop.withoutConnectTime / lines)})`;
  return ` ${share} carry no upstream_connect_time: ${cannotShow} in them.`;
}

function describeRetransmissions(findings: readonly RetransmissionFinding[], checks: readonly MarkCheck[]): string {
  if (findings.length > 0) return findings.map((finding) => finding.sentence).join(' ');
  const strongest = [...checks].sort((a, b) => a.log10AdjustedPValue - b.log10AdjustedPValue)[0];
  const closest = strongest
    ? ` The strongest candidate, ${SIGNAL_WORDS[strongest.signal].label} at ${secondsRangeWords(strongest.markMs, strongest.markMs + RETRANSMISSION_RULES.peakWidthMs)}, ` +
      `holds ${countWords(strongest.peak)} against ${strongest.expectedPeak.toFixed(1)} expected (${pValueWords(strongest.adjustedPValue, strongest.log10AdjustedPValue)} after Bonferroni).`
    : '';
  return `No retransmission signature: no connect time and no edge→ingress segment piles up just above a whole second.${closest}`;
}
