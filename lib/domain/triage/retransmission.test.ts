import { describe, expect, it } from 'vitest';
import type { ValueCount } from '../histogram';
import { checkMark, detectRetransmissions } from './retransmission';
import type { ConnectDistributions, ConnectGroup } from './triage-data';

const values = (entries: Record<number, number>): ValueCount[] =>
  Object.entries(entries)
    .map(([valueMs, count]) => ({ valueMs: Number(valueMs), count }))
    .sort((a, b) => a.valueMs - b.valueMs);

const group = (groupBy: ConnectGroup['groupBy'], value: string, entries: Record<number, number>): ConnectGroup => ({
  groupBy,
  value,
  values: values(entries),
});

const connects = (edge: ConnectGroup[], ingress: ConnectGroup[]): ConnectDistributions => ({
  hops: { edgeToIngress: { withoutConnectTime: 0, groups: edge }, ingressToApp: { withoutConnectTime: 0, groups: ingress } },
});

/**
 * An incident in miniature. Ingress→app: 90 connects of 1.050 s and 12 of 3.050 s, all on node 2
 * (3,102 of 9,302 lines); the two pods split them evenly. Edge→ingress: 60 connects of 1.040 s, all
 * to 10.20.0.12:80 (5,960 of 18,060 lines), evenly from both edge hosts; the edge→ingress segment
 * shows the same 60 at 1.043 s. Nothing lies in any neighbour window, so every peak is compared
 * with an expected 0 and its p-value is (1/5)^peak.
 */
const INCIDENT = connects(
  [
    group('host', 'edge-1', { 0: 5000, 2: 4000, 1040: 30 }),
    group('host', 'edge-2', { 0: 5000, 2: 4000, 1040: 30 }),
    group('upstreamAddr', '10.20.0.11:80', { 0: 3400, 2: 2700 }),
    group('upstreamAddr', '10.20.0.12:80', { 0: 3300, 2: 2600, 1040: 60 }),
    group('upstreamAddr', '10.20.0.13:80', { 0: 3300, 2: 2700 }),
  ],
  [
    group('host', 'ingress-node-1', { 0: 2000, 2: 1100 }),
    group('host', 'ingress-node-2', { 0: 2000, 2: 1000, 1050: 90, 3050: 12 }),
    group('host', 'ingress-node-3', { 0: 2100, 2: 1000 }),
    group('upstreamAddr', '10.244.1.5:8080', { 0: 3000, 2: 1550, 1050: 45, 3050: 6 }),
    group('upstreamAddr', '10.244.2.7:8080', { 0: 3100, 2: 1550, 1050: 45, 3050: 6 }),
  ],
);

describe('checkMark', () => {
  it('counts the half-open windows [k−200, k), [k, k+100), [k+100, k+300)', () => {
    const check = checkMark('ingressConnect', values({ 799: 1, 800: 2, 999: 3, 1000: 4, 1099: 5, 1100: 6, 1299: 7, 1300: 8 }), 1000, 45);
    expect([check.left, check.peak, check.right]).toEqual([5, 9, 13]);
    // expected = (5 + 13) / 4 = 4.5; ratio 2.
    expect([check.expectedPeak, check.ratio]).toEqual([4.5, 2]);
    expect(check.flagged).toBe(false);
  });

  it('needs at least 10 requests in the peak: (1/5)^10 × 45 = 4.6e-6 passes, 9 alone does not count', () => {
    const ten = checkMark('edgeConnect', values({ 1001: 10 }), 1000, 45);
    expect(ten.pValue).toBeCloseTo(0.2 ** 10, 18);
    expect(ten.adjustedPValue).toBeCloseTo(45 * 0.2 ** 10, 16);
    expect([ten.ratio, ten.flagged]).toEqual([null, true]);
    expect(checkMark('edgeConnect', values({ 1001: 9 }), 1000, 45).flagged).toBe(false);
  });

  it('needs the peak to be at least three times what smooth neighbours give', () => {
    // Neighbours 100 + 100 → expected 50: a peak of 140 is 2.8× (very significant, still not flagged), 150 is 3×.
    expect(checkMark('ingressConnect', values({ 900: 100, 1050: 140, 1200: 100 }), 1000, 45)).toMatchObject({ ratio: 2.8, flagged: false });
    expect(checkMark('ingressConnect', values({ 900: 100, 1050: 150, 1200: 100 }), 1000, 45)).toMatchObject({ ratio: 3, flagged: true });
  });
});

describe('detectRetransmissions', () => {
  const result = detectRetransmissions({ connects: INCIDENT, edgeToIngressGap: values({ 1: 17000, 3: 1000, 1043: 60 }) });

  it('finds the ingress→app signature at 1 s and 3 s and names the node', () => {
    const [ingress] = result.findings;
    expect(ingress).toMatchObject({
      hop: 'ingressToApp',
      signal: 'ingressConnect',
      marks: [{ markMs: 1000, count: 90 }, { markMs: 3000, count: 12 }],
      count: 102,
      total: 9302,
      corroboratedBy: [],
      drill: null,
      timeline: { tier: 'ingress', groupBy: 'host' },
    });
    // Node 2 holds 102 of 102 (its lines are a third: 3,102 / 9,302); the busier pod holds only half.
    // Tested: node 2 and the two pods (3 groups with peaks); P(X ≥ 102 | 102, 3,102 / 9,302) = (3,102 / 9,302)^102.
    expect(ingress!.dominant).toMatchObject({ groupBy: 'host', value: 'ingress-node-2', count: 102, share: 1, lineShare: 3102 / 9302, lift: 9302 / 3102 });
    expect(ingress!.dominant!.adjustedPValue / (3 * (3102 / 9302) ** 102)).toBeCloseTo(1, 6);
    expect(ingress!.sentence).toBe(
      '102 requests (1 %) have an ingress→app connect of 1.00–1.10 s (90) or 3.00–3.10 s (12), 100 % of them through ingress-node-2: ' +
        "a SYN or SYN-ACK was retransmitted; look at that node's kernel and network.",
    );
  });

  it('finds the edge→ingress signature on the address, corroborated by the segment', () => {
    const edge = result.findings[1]!;
    expect(edge).toMatchObject({
      hop: 'edgeToIngress',
      signal: 'edgeConnect',
      marks: [{ markMs: 1000, count: 60 }],
      total: 18060,
      corroboratedBy: ['edgeToIngressGap'],
      drill: { histogram: 'edgeMinusIngress', fromMs: 1000, toMs: 1100 },
      timeline: { tier: 'edge', groupBy: 'upstreamAddr' },
    });
    // Each edge host holds half (as it holds half the lines); 10.20.0.12:80 holds all 60 with a third of the lines.
    expect(edge.dominant).toMatchObject({ groupBy: 'upstreamAddr', value: '10.20.0.12:80', count: 60, share: 1, lineShare: 5960 / 18060, lift: 18060 / 5960 });
    expect(edge.dominant!.adjustedPValue / (3 * (5960 / 18060) ** 60)).toBeCloseTo(1, 6);
    expect(edge.sentence).toBe(
      '60 requests (0.3 %) have an edge→ingress connect of 1.00–1.10 s, 100 % of them to 10.20.0.12:80: ' +
        'a SYN or SYN-ACK was retransmitted; look at the kernel and network of the ingress node at 10.20.0.12:80.',
    );
  });

  it('compares a latency-filtered view with the baseline: the same address, and no edge host for a 51 % share', () => {
    // latencyMin=1: the examined lines are the slow ones. Every slow edge line went to
    // 10.20.0.12:80, so among them the address holds all lines and stands out from nothing; edge-2
    // holds 31 of the 61 peaks with half the lines, which a comparison inside the band would name.
    const slowEdge = [
      group('host', 'edge-1', { 1040: 30, 1500: 20 }),
      group('host', 'edge-2', { 1040: 31, 1500: 20 }),
      group('upstreamAddr', '10.20.0.12:80', { 1040: 61, 1500: 40 }),
    ];
    const slowIngress = [group('host', 'ingress-node-2', { 1050: 90, 3050: 12 }), group('host', 'ingress-node-1', { 1500: 50 })];
    const examined = connects(slowEdge, slowIngress);
    const plus = (a: ConnectGroup[], b: ConnectGroup[]): ConnectGroup[] => {
      const merged = new Map<string, Record<number, number>>();
      for (const item of [...a, ...b]) {
        const entries = merged.get(`${item.groupBy}|${item.value}`) ?? {};
        for (const { valueMs, count } of item.values) entries[valueMs] = (entries[valueMs] ?? 0) + count;
        merged.set(`${item.groupBy}|${item.value}`, entries);
      }
      return [...merged].map(([key, entries]) => group(key.split('|')[0] as ConnectGroup['groupBy'], key.split('|')[1]!, entries));
    };
    const baseline = connects(plus(INCIDENT.hops.edgeToIngress.groups, slowEdge), plus(INCIDENT.hops.ingressToApp.groups, slowIngress));

    const filtered = detectRetransmissions({ connects: examined, baselineConnects: baseline, edgeToIngressGap: values({ 1043: 61 }) });
    const edge = filtered.findings.find((finding) => finding.hop === 'edgeToIngress')!;
    expect(edge.dominant).toMatchObject({ groupBy: 'upstreamAddr', value: '10.20.0.12:80', count: 61, share: 1 });
    expect(edge.sentence).toContain('100 % of them to 10.20.0.12:80');
    const ingress = filtered.findings.find((finding) => finding.hop === 'ingressToApp')!;
    expect(ingress.dominant).toMatchObject({ groupBy: 'host', value: 'ingress-node-2', count: 102, share: 1 });

    // Compared with itself, the band names no one: the address holds every line, edge-2 half.
    const withinBand = detectRetransmissions({ connects: examined, edgeToIngressGap: values({ 1043: 61 }) });
    const unnamed = withinBand.findings.find((finding) => finding.hop === 'edgeToIngress')!;
    expect(unnamed.dominant).toBeNull();
    expect(unnamed.sentence).toContain('spread over hosts and addresses');
    expect(unnamed.sentence).not.toContain('edge-2');
  });

  it('names no host for a half share, however many requests: lift below 1.5 is a coin flip', () => {
    const even = connects(
      [group('host', 'edge-1', { 0: 5000, 1040: 300 }), group('host', 'edge-2', { 0: 5000, 1040: 320 })],
      [],
    );
    const [finding] = detectRetransmissions({ connects: even, edgeToIngressGap: values({ 1043: 620 }) }).findings;
    expect(finding!.dominant).toBeNull();
    expect(finding!.sentence).toBe(
      '620 requests (6 %) have an edge→ingress connect of 1.00–1.10 s, spread over hosts and addresses: a SYN or SYN-ACK was retransmitted; look at the network of this hop.',
    );
  });

  it('lists only the checks with values in their windows (the three 1 s checks and the 3 s one)', () => {
    expect(result.tests).toBe(45);
    expect(result.checks.map((check) => [check.signal, check.markMs, check.flagged])).toEqual([
      ['edgeConnect', 1000, true],
      ['edgeToIngressGap', 1000, true],
      ['ingressConnect', 1000, true],
      ['ingressConnect', 3000, true],
    ]);
  });

  it('stays quiet on healthy connects (a few milliseconds) and says so', () => {
    const healthy = connects(
      [group('host', 'edge-1', { 0: 5000, 1: 2000, 3: 400 })],
      [group('host', 'ingress-node-1', { 0: 4000, 2: 3000 })],
    );
    const quiet = detectRetransmissions({ connects: healthy, edgeToIngressGap: values({ 1: 7000, 4: 400 }) });
    expect([quiet.findings, quiet.checks]).toEqual([[], []]);
    expect(quiet.sentence).toBe('No retransmission signature: no connect time and no edge→ingress segment piles up just above a whole second.');
  });

  it('says where it could not look: ingress lines without a connect time (ingress-nginx\'s default log format)', () => {
    const edgeOnly = [group('host', 'edge-1', { 0: 5000, 1: 2000 })];
    const unlogged = { hops: { edgeToIngress: { withoutConnectTime: 0, groups: edgeOnly }, ingressToApp: { withoutConnectTime: 7000, groups: [] } } };
    expect(detectRetransmissions({ connects: unlogged, edgeToIngressGap: values({ 1: 7000 }) }).sentence).toBe(
      'No retransmission signature: no connect time and no edge→ingress segment piles up just above a whole second. ' +
        'No ingress line carries an upstream_connect_time: a SYN retransmission between ingress and the app cannot show here.',
    );
    const partly = { hops: { ...unlogged.hops, ingressToApp: { withoutConnectTime: 1000, groups: [group('host', 'ingress-node-1', { 0: 3000 })] } } };
    expect(detectRetransmissions({ connects: partly, edgeToIngressGap: values({ 1: 4000 }) }).sentence).toMatch(
      / 1,000 of 4,000 ingress lines \(25 %\) carry no upstream_connect_time: a SYN retransmission between ingress and the app cannot show in them\.$/,
    );
    // A few lines of requests that reached no pod ("-") are no blind spot worth a sentence.
    const few = { hops: { ...unlogged.hops, ingressToApp: { withoutConnectTime: 10, groups: [group('host', 'ingress-node-1', { 0: 3000 })] } } };
    expect(detectRetransmissions({ connects: few, edgeToIngressGap: values({ 1: 3010 }) }).sentence).not.toMatch(/upstream_connect_time/);
  });

  it('does not mistake a slow but smooth distribution for the signature', () => {
    // 100,000 values log-normally spread (median 1.3 s, σ 0.35) over 0.8–2.5 s, as a slow app's
    // times are: the peak windows hold about what their neighbours predict.
    const spread: Record<number, number> = {};
    for (let ms = 800; ms <= 2500; ms += 1) {
      const z = Math.log(ms / 1300) / 0.35;
      spread[ms] = Math.round((100_000 * Math.exp(-0.5 * z * z)) / (ms * 0.35 * Math.sqrt(2 * Math.PI)));
    }
    const slowApp = connects([], [group('host', 'ingress-node-1', spread)]);
    const quiet = detectRetransmissions({ connects: slowApp, edgeToIngressGap: values(spread) });
    expect(quiet.findings).toEqual([]);
    expect(quiet.checks.length).toBeGreaterThan(0);
    expect(quiet.checks.every((check) => (check.ratio ?? Infinity) < 1.5)).toBe(true);
  });

  it('reads a pile-up in the edge→ingress segment alone as a late accept when the edge logs fast connects', () => {
    const fastConnects = connects([group('host', 'edge-1', { 0: 5000, 2: 5000 })], [group('host', 'ingress-node-1', { 0: 10000 })]);
    const late = detectRetransmissions({ connects: fastConnects, edgeToIngressGap: values({ 2: 9960, 1003: 40 }) });
    expect(late.findings).toHaveLength(1);
    expect(late.findings[0]).toMatchObject({ hop: 'edgeToIngress', signal: 'edgeToIngressGap', count: 40, total: 10000, dominant: null });
    expect(late.findings[0]!.sentence).toBe(
      "40 requests (0.4 %) spend 1.00–1.10 s between edge and ingress while the edge's connect times show no such pile-up: " +
        "the edge's handshake completed but ingress accepted the connection about a second later, the mark of a retransmitted SYN-ACK " +
        "after its listen queue overflowed; look at the ingress nodes' listen-queue drops (nstat TcpExtListenOverflows).",
    );
    const unlogged = detectRetransmissions({ connects: connects([], []), edgeToIngressGap: values({ 2: 9960, 1003: 40 }) });
    expect(unlogged.findings[0]!.sentence).toContain('the edge logs no upstream_connect_time to tell a lost SYN from a late accept');
  });
});
