import { dominantSegmentsWords, unsplitCounts, type Attribution } from './attribution';
import { CORRELATION_FIELD_WORDS } from './correlation-fields';
import type { CorrelationEntry, Correlations, FieldValueRef } from './correlations';
import { RETRANSMISSION_RULES, type RetransmissionFinding, type Retransmissions } from './retransmission';
import { emptySlowRangeWords, isEmptySlowRange, slowRangeWords } from './slow-range';
import type { ConnectHop, CorrelationField } from './triage-data';
import { countWords, listWords, percentWords, pValueWords, secondsRangeWords } from './wording';

/**
 * The first screen's verdict (issue 14 §2): one count of the examined requests, the culprit and
 * its mechanism first, the supporting sentences after it. Built from the summary's structured
 * answers rather than from its headlines, because each headline states the total of its own
 * population (attributable, joined, all slow): three different "requests ≥ 1 s" on one screen.
 * Here the count is the attribution's examined requests, every other number is a part of it, and
 * those that cannot be split are named once.
 */
export type FirstScreenVerdict = {
  /** "≥ 1 s" or "of 1–1.1 s". */
  examined: string;
  /** The one count of examined requests: every slow request at the edge, edge-only ones included. */
  slowCount: number;
  /** Set when a value is flagged (or a retransmission finding names one); null says "nothing stands out". */
  culprit: VerdictCulprit | null;
  /** The lead in one plain sentence (the page renders it with the culprit highlighted). */
  lead: string;
  /** Which examined requests cannot be split into hops, and why; null when all can. */
  unsplit: string | null;
  /** Evidence after the lead: retransmission findings, then how the time splits by hop. */
  supporting: string[];
  /** The finding whose requests "Show these requests" opens: the culprit's, with a drill-down range when one has it. */
  mainFinding: RetransmissionFinding | null;
};

export type VerdictCulprit = {
  /** The flagged value first, then values of other fields with the very same requests (a node and its address). */
  values: (FieldValueRef & { label: string })[];
  /** How it went wrong, when a retransmission finding names the same value; null otherwise (nothing is guessed). */
  mechanism: string | null;
  /** "carries 1,372 of them: 97 % of those whose ingress host is known, against 33 % of all requests (2.9×, …)". */
  share: string;
};

type SummaryParts = { attribution: Attribution; correlations: Correlations; retransmissions: Retransmissions };

/** The correlation field a finding's dominant group is, so a finding and a flagged value can be matched. */
const DOMINANT_FIELD: Readonly<Record<ConnectHop, Record<'host' | 'upstreamAddr', CorrelationField>>> = {
  edgeToIngress: { host: 'edgeHost', upstreamAddr: 'edgeUpstreamAddr' },
  ingressToApp: { host: 'ingressHost', upstreamAddr: 'ingressUpstreamAddr' },
};

const HOP_WORDS: Readonly<Record<ConnectHop, string>> = { edgeToIngress: 'edge→ingress', ingressToApp: 'ingress→app' };

/** The value a finding's requests concentrate on, as a correlation field and value; null when spread. */
export function findingRef(finding: RetransmissionFinding): FieldValueRef | null {
  if (!finding.dominant || finding.signal === 'edgeToIngressGap') return null;
  return { field: DOMINANT_FIELD[finding.hop][finding.dominant.groupBy], value: finding.dominant.value };
}

const sameRef = (a: FieldValueRef, b: FieldValueRef) => a.field === b.field && a.value === b.value;

function mechanismWords(findings: readonly RetransmissionFinding[]): string | null {
  if (findings.length === 0) return null;
  return `SYN or SYN-ACK retransmitted on the ${listWords(findings.map((finding) => HOP_WORDS[finding.hop]))} ${findings.length === 1 ? 'connect' : 'connects'}`;
}

/** Prefers a finding with a drill-down range: its link opens exactly its requests' bar. */
const pickMain = (findings: readonly RetransmissionFinding[]) => findings.find((finding) => finding.drill !== null) ?? findings[0] ?? null;

function fromCorrelation(top: CorrelationEntry, findings: readonly RetransmissionFinding[]): { culprit: VerdictCulprit; main: RetransmissionFinding | null } {
  const refs = [top, ...top.sameCounts];
  const values = refs.map((ref) => ({ field: ref.field, value: ref.value, label: CORRELATION_FIELD_WORDS[ref.field].label }));
  const matching = findings.filter((finding) => {
    const ref = findingRef(finding);
    return ref !== null && refs.some((other) => sameRef(other, ref));
  });
  const share =
    `carries ${countWords(top.slow)} of them: ${percentWords(top.slowShare)} of those whose ${top.label} is known, ` +
    `against ${percentWords(top.allShare)} of all requests (${(top.lift ?? 0).toFixed(1)}×, ${pValueWords(top.adjustedPValue, top.log10AdjustedPValue)} after Bonferroni)`;
  return { culprit: { values, mechanism: mechanismWords(matching), share }, main: pickMain(matching) };
}

function fromFinding(finding: RetransmissionFinding, ref: FieldValueRef): VerdictCulprit {
  const dominant = finding.dominant!;
  const marks = listWords(finding.marks.map(({ markMs }) => secondsRangeWords(markMs, markMs + RETRANSMISSION_RULES.peakWidthMs)), 'or');
  return {
    values: [{ ...ref, label: CORRELATION_FIELD_WORDS[ref.field].label }],
    mechanism: mechanismWords([finding]),
    share: `holds ${countWords(dominant.count)} (${percentWords(dominant.share)}) of the ${countWords(finding.count)} requests whose ${HOP_WORDS[finding.hop]} connect took ${marks}`,
  };
}

function unsplitWords(attribution: Attribution): string | null {
  const unsplit = attribution.slowWithoutIngress + attribution.slowIncomplete;
  if (unsplit === 0) return null;
  // A line with response times but no connect time did reach a pod: only its log format lacks the
  // value, which says nothing about the request (unlike a line with no upstream time at all).
  // The edge's missing upstream time says nothing of a pod: only the ingress line's does.
  const { withoutIngress, withoutEdgeUpstreamTime, withoutIngressUpstreamTime, withoutConnectTime } = unsplitCounts(attribution);
  const reasons = [
    withoutIngress > 0 ? `${countWords(withoutIngress)} have no ingress line (lost, or never sent to ingress)` : '',
    withoutEdgeUpstreamTime > 0 ? `${countWords(withoutEdgeUpstreamTime)} no upstream_response_time in the edge line` : '',
    withoutIngressUpstreamTime > 0 ? `${countWords(withoutIngressUpstreamTime)} no ingress upstream time (ingress never reached a pod, or the client left)` : '',
    withoutConnectTime > 0
      ? `${countWords(withoutConnectTime)} no ingress upstream_connect_time in the line (ingress-nginx's default log format writes none)`
      : '',
  ].filter(Boolean);
  return `${countWords(unsplit)} of them cannot be split into hops: ${listWords(reasons)}.`;
}

/** The first screen's verdict from the summary's attribution, correlations and retransmissions. */
export function toFirstScreenVerdict({ attribution, correlations, retransmissions }: SummaryParts): FirstScreenVerdict {
  const range = { minMs: attribution.slowMs, maxMs: attribution.slowMaxMs };
  const examined = slowRangeWords(range);
  const slowCount = attribution.traces.slow;
  const nothing = { examined, slowCount, culprit: null, unsplit: null, supporting: [], mainFinding: null };
  if (isEmptySlowRange(range)) return { ...nothing, lead: emptySlowRangeWords(range) };
  if (slowCount === 0) return { ...nothing, lead: `No request ${examined} at the edge in this selection.` };

  const findings = retransmissions.findings;
  const top = correlations.entries.find((entry) => entry.flagged);
  const spotted = findings.map((finding) => ({ finding, ref: findingRef(finding) })).find((item) => item.ref !== null);
  const picked = top
    ? fromCorrelation(top, findings)
    : spotted
      ? { culprit: fromFinding(spotted.finding, spotted.ref!), main: spotted.finding }
      : { culprit: null, main: null };
  const { culprit } = picked;
  const count = `${countWords(slowCount)} ${slowCount === 1 ? 'request' : 'requests'} ${examined}`;
  const lead = culprit
    ? `${count}: ${culprit.values.map((value) => `${value.label} ${value.value}`).join(' = ')}` +
      `${culprit.mechanism ? ` (${culprit.mechanism})` : ''} ${culprit.share}.`
    : `${count}: no single host, address or route stands out among them.`;
  const split = dominantSegmentsWords(attribution.segments);
  const supporting = [
    ...findings.map((finding) => finding.sentence),
    ...(split && attribution.attributableSlow > 0 ? [`Of those that can be split into hops, ${split}.`] : []),
  ];
  return { examined, slowCount, culprit, lead, unsplit: unsplitWords(attribution), supporting, mainFinding: picked.main ?? null };
}
