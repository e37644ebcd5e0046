import { describe, expect, it } from 'vitest';
import { buildAttribution } from './attribution';
import type { CorrelationEntry, Correlations } from './correlations';
import { findingRef, toFirstScreenVerdict } from './first-screen';
import type { RetransmissionFinding, Retransmissions } from './retransmission';
import { segmentStatsOf } from './triage-test-data';

// 7 slow requests split (5 dominated by the ingress→app connect, 2 between the tiers), 2 without
// an ingress line and 1 without an upstream time: 10 examined requests, 8 joined.
const stats = segmentStatsOf(
  [
    ...Array.from({ length: 5 }, () => ({ values: [1, 2, 1, 1000, 5] as const, slow: true, dominant: 'ingressConnect' as const })),
    ...Array.from({ length: 2 }, () => ({ values: [1, 1000, 1, 1, 5] as const, slow: true, dominant: 'edgeToIngress' as const })),
    ...Array.from({ length: 13 }, () => ({ values: [1, 2, 1, 1, 5] as const, slow: false })),
  ],
  { withoutIngress: { all: 3, slow: 2 }, incomplete: { all: 1, slow: 1 } },
);
const attribution = buildAttribution(stats, { minMs: 1000, maxMs: null });

const entry = (patch: Partial<CorrelationEntry>): CorrelationEntry => ({
  field: 'ingressHost',
  value: 'ingress-node-2',
  label: 'ingress host',
  slow: 7,
  all: 8,
  slowShare: 7 / 8,
  allShare: 8 / 21,
  lift: 7 / 8 / (8 / 21),
  pValue: 1e-5,
  log10PValue: -5,
  adjustedPValue: 1e-4,
  log10AdjustedPValue: -4,
  flagged: true,
  sameCounts: [{ field: 'edgeUpstreamAddr', value: '10.20.0.12:80' }],
  ...patch,
});
const correlations = (entries: CorrelationEntry[]) =>
  ({ slowMs: 1000, slowMaxMs: null, traces: { all: 21, slow: 8 }, entries, flaggedCount: entries.filter((e) => e.flagged).length }) as unknown as Correlations;

const finding = (patch: Partial<RetransmissionFinding>): RetransmissionFinding =>
  ({
    hop: 'ingressToApp',
    signal: 'ingressConnect',
    marks: [{ markMs: 1000, count: 40 }],
    count: 40,
    total: 800,
    share: 0.05,
    dominant: { groupBy: 'host', value: 'ingress-node-2', count: 40, share: 1, lineShare: 0.33, lift: 3, adjustedPValue: 1e-9 },
    corroboratedBy: [],
    sentence: 'the ingress→app finding',
    drill: null,
    timeline: { tier: 'ingress', groupBy: 'host' },
    ...patch,
  }) as RetransmissionFinding;
const edgeFinding = finding({
  hop: 'edgeToIngress',
  signal: 'edgeConnect',
  dominant: { groupBy: 'upstreamAddr', value: '10.20.0.12:80', count: 20, share: 1, lineShare: 0.33, lift: 3, adjustedPValue: 1e-9 },
  sentence: 'the edge→ingress finding',
  drill: { histogram: 'edgeMinusIngress', fromMs: 1000, toMs: 1100 },
  timeline: { tier: 'edge', groupBy: 'upstreamAddr' },
});
const retransmissions = (findings: RetransmissionFinding[]) => ({ findings }) as unknown as Retransmissions;

describe('toFirstScreenVerdict', () => {
  it('states one count, every slow request at the edge, and the unsplit ones once with why', () => {
    const verdict = toFirstScreenVerdict({ attribution, correlations: correlations([entry({})]), retransmissions: retransmissions([]) });
    expect(verdict.slowCount).toBe(10);
    expect(verdict.lead.startsWith('10 requests ≥ 1 s: ')).toBe(true);
    expect(verdict.unsplit).toBe(
      '3 of them cannot be split into hops: 2 have no ingress line (lost, or never sent to ingress) and 1 no ingress upstream time (ingress never reached a pod, or the client left).',
    );
    // No other total of slow requests: the split is in shares of those split, the culprit in a count of them.
    const text = [verdict.lead, ...verdict.supporting].join(' ');
    expect(text).not.toMatch(/\b(7|8) requests ≥ 1 s/);
    expect(verdict.supporting).toEqual(['Of those that can be split into hops, 71 % lost the time connecting from ingress to the app and 29 % between edge and ingress.']);
  });

  it('does not read an edge line without its upstream time as a request that reached no pod', () => {
    const edgeWithout = buildAttribution({ ...stats, edgeResponseMissing: { all: 1, slow: 1 } }, { minMs: 1000, maxMs: null });
    const verdict = toFirstScreenVerdict({ attribution: edgeWithout, correlations: correlations([entry({})]), retransmissions: retransmissions([]) });
    expect(verdict.unsplit).toBe(
      '3 of them cannot be split into hops: 2 have no ingress line (lost, or never sent to ingress) and 1 no upstream_response_time in the edge line.',
    );
  });

  it('does not read a log format without $upstream_connect_time as requests that reached no pod', () => {
    const withoutConnect = buildAttribution({ ...stats, connectMissing: { all: 1, slow: 1 } }, { minMs: 1000, maxMs: null });
    const verdict = toFirstScreenVerdict({ attribution: withoutConnect, correlations: correlations([entry({})]), retransmissions: retransmissions([]) });
    expect(verdict.unsplit).toBe(
      '3 of them cannot be split into hops: 2 have no ingress line (lost, or never sent to ingress) and 1 no ingress upstream_connect_time in the line (ingress-nginx\'s default log format writes none).',
    );
  });

  it('leads with the flagged node and its address, its mechanism when a finding names it, and its share', () => {
    const verdict = toFirstScreenVerdict({ attribution, correlations: correlations([entry({})]), retransmissions: retransmissions([finding({}), edgeFinding]) });
    expect(verdict.culprit?.values.map((value) => value.value)).toEqual(['ingress-node-2', '10.20.0.12:80']);
    expect(verdict.culprit?.mechanism).toBe('SYN or SYN-ACK retransmitted on the ingress→app and edge→ingress connects');
    expect(verdict.lead).toBe(
      '10 requests ≥ 1 s: ingress host ingress-node-2 = edge upstream_addr 10.20.0.12:80 (SYN or SYN-ACK retransmitted on the ingress→app and edge→ingress connects) ' +
        'carries 7 of them: 88 % of those whose ingress host is known, against 38 % of all requests (2.3×, p = 1e-4 after Bonferroni).',
    );
    expect(verdict.supporting.slice(0, 2)).toEqual(['the ingress→app finding', 'the edge→ingress finding']);
    // "Show these requests" opens the finding whose requests have a drill-down range.
    expect(verdict.mainFinding).toBe(edgeFinding);
  });

  it('names no mechanism a finding does not name for that value', () => {
    const elsewhere = finding({ dominant: { groupBy: 'host', value: 'ingress-node-1', count: 40, share: 1, lineShare: 0.33, lift: 3, adjustedPValue: 1e-9 } });
    const verdict = toFirstScreenVerdict({ attribution, correlations: correlations([entry({})]), retransmissions: retransmissions([elsewhere]) });
    expect(verdict.culprit?.mechanism).toBeNull();
    expect(verdict.mainFinding).toBeNull();
  });

  it('names nothing when nothing is flagged and no finding concentrates on a value', () => {
    const spread = finding({ dominant: null });
    const verdict = toFirstScreenVerdict({ attribution, correlations: correlations([entry({ flagged: false })]), retransmissions: retransmissions([spread]) });
    expect(verdict.culprit).toBeNull();
    expect(verdict.lead).toBe('10 requests ≥ 1 s: no single host, address or route stands out among them.');
    expect(verdict.mainFinding).toBeNull();
  });

  it('falls back to a finding that names a value when no correlation is flagged', () => {
    const verdict = toFirstScreenVerdict({ attribution, correlations: correlations([]), retransmissions: retransmissions([finding({})]) });
    expect(verdict.culprit?.values).toEqual([{ field: 'ingressHost', value: 'ingress-node-2', label: 'ingress host' }]);
    expect(verdict.culprit?.share).toBe('holds 40 (100 %) of the 40 requests whose ingress→app connect took 1.00–1.10 s');
  });

  it('says no request is examined in this selection when none is slow, and names nothing', () => {
    const none = buildAttribution(segmentStatsOf([{ values: [1, 2, 1, 1, 5], slow: false }]), { minMs: 1000, maxMs: null });
    const empty = toFirstScreenVerdict({ attribution: none, correlations: correlations([]), retransmissions: retransmissions([]) });
    expect([empty.slowCount, empty.culprit, empty.lead]).toEqual([0, null, 'No request ≥ 1 s at the edge in this selection.']);
  });

  it('says nothing is examined for an empty range, and no count', () => {
    const empty = buildAttribution(stats, { minMs: 1000, maxMs: 500 });
    const verdict = toFirstScreenVerdict({ attribution: empty, correlations: correlations([entry({})]), retransmissions: retransmissions([finding({})]) });
    expect(verdict.culprit).toBeNull();
    expect(verdict.lead).toMatch(/^No request is examined/);
  });

  it('maps a finding to the correlation field of its dominant group', () => {
    expect(findingRef(edgeFinding)).toEqual({ field: 'edgeUpstreamAddr', value: '10.20.0.12:80' });
    expect(findingRef(finding({ signal: 'edgeToIngressGap' }))).toBeNull();
  });
});
