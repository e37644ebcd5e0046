import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TriageBackend } from '@/lib/backends/triage-types';
import { DEFAULT_FIELD_NAMES } from '@/lib/domain/field-names';
import type { TraceQuery } from '@/lib/domain/query';
import { compareRepresentative, toTierDocument, type TierDocument } from '@/lib/domain/tier-document';
import { computeSegments } from '@/lib/domain/trace';
import { buildAttribution } from '@/lib/domain/triage/attribution';
import { summarizeConnectionReuse } from '@/lib/domain/triage/connection-reuse';
import { rankCorrelations } from '@/lib/domain/triage/correlations';
import { detectRetransmissions } from '@/lib/domain/triage/retransmission';
import { dominantSegment, SEGMENT_NAMES, toSegmentValues, type SegmentName } from '@/lib/domain/triage/segments';
import { slowFrom, type SlowRange } from '@/lib/domain/triage/slow-range';
import { TriageAccumulator } from '@/lib/domain/triage/triage-accumulator';
import { CORRELATION_FIELDS } from '@/lib/domain/triage/triage-data';
import type { Tier } from '@/lib/domain/tiers';
import { APP_PODS } from '@/scripts/sample/sample-catalog';
import { generateIncident } from '@/scripts/sample/incident-generator';
import type { ScenarioName } from '@/scripts/sample/scenarios';
import { EDGE_DOCS, INGRESS_DOCS, T0 } from './fixture';

/**
 * The triage verbs every backend must answer alike. Two kinds of expectations:
 * - on the hand-made fixture (fixture.ts), exact answers worked out by hand in the comments;
 * - on generated samples (scripts/sample) with a known culprit and without one, the decisions
 *   the issue asks for, and exact counts recomputed here from the documents with the domain's
 *   own parsing (toTierDocument, computeSegments), independently of any store's query.
 */

export type TriageDocuments = { edge: object[]; ingress: object[] };
export type TriageStore = { triage: TriageBackend; close(): Promise<void> };

const HOUR_MS = 3_600_000;
const everything = (fromMs: number, toMs: number): TraceQuery => ({ fromMs, toMs, app: null, path: null, latencyMinMs: null, latencyMaxMs: null });

/** Representative documents per trace, as docs/API.md defines them (the window covers every line). */
function representatives(docs: readonly object[], tier: Tier): Map<string, TierDocument> {
  const byTrace = new Map<string, TierDocument[]>();
  for (const raw of docs) {
    const result = toTierDocument(raw as Record<string, unknown>, tier, DEFAULT_FIELD_NAMES);
    if (!result.ok) continue;
    byTrace.set(result.document.traceId, [...(byTrace.get(result.document.traceId) ?? []), result.document]);
  }
  return new Map([...byTrace].map(([traceId, candidates]) => [traceId, candidates.sort(compareRepresentative)[0]!]));
}

/** The three shapes from the domain's per-trace accumulator over the same documents. */
function accumulate(docs: TriageDocuments, slow: SlowRange): TriageAccumulator {
  const edge = representatives(docs.edge, 'edge');
  const ingress = representatives(docs.ingress, 'ingress');
  const accumulator = new TriageAccumulator(slow);
  for (const [traceId, edgeDoc] of edge) accumulator.add(edgeDoc, ingress.get(traceId) ?? null);
  return accumulator;
}

/** Counts recomputed from the documents for a window that holds every line. */
function recount(docs: TriageDocuments, slowMs: number) {
  const edge = representatives(docs.edge, 'edge');
  const ingress = representatives(docs.ingress, 'ingress');
  const dominant = Object.fromEntries(SEGMENT_NAMES.map((name) => [name, 0])) as Record<SegmentName, number>;
  const counts = { traces: { all: 0, slow: 0 }, joined: { all: 0, slow: 0 }, attributable: { all: 0, slow: 0 } };
  const slowByIngressHost = new Map<string, number>();
  let ingressConnectAtOneSecond = 0;
  let ingressReused = 0;
  const add = (split: { all: number; slow: number }, slow: boolean) => {
    split.all += 1;
    if (slow) split.slow += 1;
  };
  for (const [traceId, edgeDoc] of edge) {
    const slow = edgeDoc.requestTimeMs >= slowMs;
    add(counts.traces, slow);
    const ingressDoc = ingress.get(traceId) ?? null;
    if (!ingressDoc) continue;
    add(counts.joined, slow);
    if (slow && ingressDoc.host) slowByIngressHost.set(ingressDoc.host, (slowByIngressHost.get(ingressDoc.host) ?? 0) + 1);
    const connect = ingressDoc.connectTotalMs;
    if (connect !== null && connect >= 1000 && connect < 1100) ingressConnectAtOneSecond += 1;
    if (connect === 0) ingressReused += 1;
    const values = toSegmentValues(computeSegments(edgeDoc, ingressDoc));
    if (!values) continue;
    add(counts.attributable, slow);
    if (slow) dominant[dominantSegment(values)] += 1;
  }
  return { ...counts, dominant, slowByIngressHost, ingressConnectAtOneSecond, ingressReused };
}

export function describeTriageContract(name: string, open: (docs: TriageDocuments) => Promise<TriageStore>): void {
  describe(`${name} triage contract: the hand-made fixture`, () => {
    let store: TriageStore;
    const query = everything(T0, T0 + HOUR_MS);
    beforeAll(async () => {
      store = await open({ edge: EDGE_DOCS, ingress: INGRESS_DOCS });
    });
    afterAll(async () => store?.close());

    it('splits the trace set into segments', async () => {
      // 9 traces, slow (≥ 1 s): t1 1050, t5 2300, t7 3500, t10 1100. Joined 7 (t10 and t6 edge only);
      // attributable 6 (t5's ingress has no upstream time). Segments (edgeOwn, edge→ingress, ingressOwn,
      // connect, app): t1 (1, 1002, 1, 1, 45) slow · t7 (1, 2499, 1, 995, 4) slow · t2 (1, 1, 5, 1, 92) ·
      // t8 (1, 1, 1, 0, 96) · t11 (1, 2, 1, 1, 295) · t12 (0, −2, 1, 0, 51).
      expect(await store.triage.fetchSegmentStats(query, slowFrom(1000))).toEqual({
        traces: { all: 9, slow: 4 },
        joined: { all: 7, slow: 3 },
        attributable: { all: 6, slow: 2 },
        // t5 lacks its upstream response time, not only the connect time.
        connectMissing: { all: 0, slow: 0 },
        edgeResponseMissing: { all: 0, slow: 0 },
        segments: {
          edgeOwn: { all: [{ valueMs: 0, count: 1 }, { valueMs: 1, count: 5 }], slow: [{ valueMs: 1, count: 2 }] },
          edgeToIngress: {
            all: [{ valueMs: -2, count: 1 }, { valueMs: 1, count: 2 }, { valueMs: 2, count: 1 }, { valueMs: 1002, count: 1 }, { valueMs: 2499, count: 1 }],
            slow: [{ valueMs: 1002, count: 1 }, { valueMs: 2499, count: 1 }],
          },
          ingressOwn: { all: [{ valueMs: 1, count: 5 }, { valueMs: 5, count: 1 }], slow: [{ valueMs: 1, count: 2 }] },
          ingressConnect: {
            all: [{ valueMs: 0, count: 2 }, { valueMs: 1, count: 3 }, { valueMs: 995, count: 1 }],
            slow: [{ valueMs: 1, count: 1 }, { valueMs: 995, count: 1 }],
          },
          app: {
            all: [4, 45, 51, 92, 96, 295].map((valueMs) => ({ valueMs, count: 1 })),
            slow: [{ valueMs: 4, count: 1 }, { valueMs: 45, count: 1 }],
          },
        },
        dominant: { edgeOwn: 0, edgeToIngress: 2, ingressOwn: 0, ingressConnect: 0, app: 0 },
      });
    });

    it('applies the query filters to the trace set', async () => {
      // Only t5 is media: slow (2.3 s), joined, not attributable.
      const media = await store.triage.fetchSegmentStats({ ...query, app: 'media' }, slowFrom(1000));
      expect([media.traces, media.joined, media.attributable]).toEqual([{ all: 1, slow: 1 }, { all: 1, slow: 1 }, { all: 0, slow: 0 }]);
      // At 3 s only t7 is slow.
      expect((await store.triage.fetchSegmentStats(query, slowFrom(3000))).traces).toEqual({ all: 9, slow: 1 });
    });

    it('examines only the slow range [min, max): every trace stays in the counts of all', async () => {
      // [1 s, 1.1 s): t1 (1050) alone; t10 (exactly 1100) is left out, as the latency range leaves it out.
      const one = (valueMs: number) => [{ valueMs, count: 1 }];
      const band = await store.triage.fetchSegmentStats(query, { minMs: 1000, maxMs: 1100 });
      expect([band.traces, band.joined, band.attributable]).toEqual([{ all: 9, slow: 1 }, { all: 7, slow: 1 }, { all: 6, slow: 1 }]);
      expect(Object.fromEntries(Object.entries(band.segments).map(([name, counts]) => [name, counts.slow]))).toEqual({
        edgeOwn: one(1), edgeToIngress: one(1002), ingressOwn: one(1), ingressConnect: one(1), app: one(45),
      });
      expect(band.segments.app.all).toHaveLength(6);
      expect(band.dominant).toEqual({ edgeOwn: 0, edgeToIngress: 1, ingressOwn: 0, ingressConnect: 0, app: 0 });
      // [1 s, 3 s) over the joined traces: t1 (node-2, edge-1) and t5 (node-1, edge-2); t7 (3.5 s) is not examined.
      const counts = await store.triage.fetchFieldValueCounts(query, { minMs: 1000, maxMs: 3000 }, ['ingressHost', 'edgeHost'], 10);
      expect(counts.traces).toEqual({ all: 7, slow: 2 });
      expect(counts.fields.ingressHost.values).toEqual([
        { value: 'ingress-node-1', slow: 1, all: 3 }, { value: 'ingress-node-2', slow: 1, all: 2 }, { value: 'ingress-node-3', slow: 0, all: 2 },
      ]);
      expect(counts.fields.edgeHost.values).toEqual([{ value: 'edge-1', slow: 1, all: 5 }, { value: 'edge-2', slow: 1, all: 2 }]);
      // A range that ends at its start examines nothing.
      expect((await store.triage.fetchSegmentStats(query, { minMs: 1000, maxMs: 500 })).traces).toEqual({ all: 9, slow: 0 });
    });

    it('counts field values over the joined traces (t1, t5, t7 slow)', async () => {
      const counts = await store.triage.fetchFieldValueCounts(query, slowFrom(1000), CORRELATION_FIELDS, 10);
      const joined = { all: 7, slow: 3 };
      expect(counts).toEqual({
        traces: joined,
        fields: {
          ingressHost: { withValue: joined, distinctValues: 3, values: [
            { value: 'ingress-node-2', slow: 2, all: 2 }, { value: 'ingress-node-1', slow: 1, all: 3 }, { value: 'ingress-node-3', slow: 0, all: 2 },
          ] },
          edgeHost: { withValue: joined, distinctValues: 2, values: [{ value: 'edge-1', slow: 2, all: 5 }, { value: 'edge-2', slow: 1, all: 2 }] },
          edgeUpstreamAddr: { withValue: joined, distinctValues: 3, values: [
            { value: '10.20.0.12:80', slow: 2, all: 2 }, { value: '10.20.0.13:80', slow: 1, all: 2 }, { value: '10.20.0.11:80', slow: 0, all: 3 },
          ] },
          // t5's ingress never picked a pod: its upstream_addr "-" is a value of its own.
          ingressUpstreamAddr: { withValue: joined, distinctValues: 7, values: [
            { value: '-', slow: 1, all: 1 },
            { value: '10.244.1.1:8080', slow: 1, all: 1 },
            { value: '10.244.2.1:8080, 10.244.2.2:8080', slow: 1, all: 1 },
            { value: '10.244.1.1:8080, 10.244.1.2:8080', slow: 0, all: 1 },
            { value: '10.244.1.2:8080', slow: 0, all: 1 },
            { value: '10.244.3.1:8080', slow: 0, all: 1 },
            { value: '10.244.3.2:8080', slow: 0, all: 1 },
          ] },
          proxyUpstreamName: { withValue: joined, distinctValues: 1, values: [{ value: 'prod-shop-8080', slow: 3, all: 7 }] },
          app: { withValue: joined, distinctValues: 2, values: [{ value: 'shop', slow: 2, all: 6 }, { value: 'media', slow: 1, all: 1 }] },
          path: { withValue: joined, distinctValues: 2, values: [{ value: '/api/ping', slow: 2, all: 6 }, { value: '/api/upload', slow: 1, all: 1 }] },
          method: { withValue: joined, distinctValues: 2, values: [{ value: 'GET', slow: 2, all: 6 }, { value: 'POST', slow: 1, all: 1 }] },
          // The edge's status: t5 failed with 504 at ingress but the edge line says 200.
          status: { withValue: joined, distinctValues: 1, values: [{ value: '200', slow: 3, all: 7 }] },
        },
      });
      const top = await store.triage.fetchFieldValueCounts(query, slowFrom(1000), ['ingressUpstreamAddr'], 2);
      expect(top.fields.ingressUpstreamAddr.values.map((v) => v.value)).toEqual(['-', '10.244.1.1:8080']);
      expect(top.fields.ingressUpstreamAddr.distinctValues).toBe(7);
    });

    it('gives connect times per hop, host and upstream address', async () => {
      const connects = await store.triage.fetchConnectDistributions(query, 20);
      // Edge lines: edge-1 t1 1001, t2 t7 t8 t10 t11 0 · edge-2 t5 1, t6 2, t12 0.
      // .11: t2 0, t6 2, t8 0, t12 0 · .12: t1 1001, t7 0, t10 0 · .13: t5 1, t11 0.
      expect(connects.hops.edgeToIngress).toEqual({
        withoutConnectTime: 0,
        groups: [
          { groupBy: 'host', value: 'edge-1', values: [{ valueMs: 0, count: 5 }, { valueMs: 1001, count: 1 }] },
          { groupBy: 'host', value: 'edge-2', values: [{ valueMs: 0, count: 1 }, { valueMs: 1, count: 1 }, { valueMs: 2, count: 1 }] },
          { groupBy: 'upstreamAddr', value: '10.20.0.11:80', values: [{ valueMs: 0, count: 3 }, { valueMs: 2, count: 1 }] },
          { groupBy: 'upstreamAddr', value: '10.20.0.12:80', values: [{ valueMs: 0, count: 2 }, { valueMs: 1001, count: 1 }] },
          { groupBy: 'upstreamAddr', value: '10.20.0.13:80', values: [{ valueMs: 0, count: 1 }, { valueMs: 1, count: 1 }] },
        ],
      });
      // Joined ingress lines: node-1 t2 1 (−, 0.001), t12 0 · node-2 t1 1, t7 995 (0.000 + 0.995) · node-3 t8 0, t11 1; t5 has "-".
      expect(connects.hops.ingressToApp).toEqual({
        withoutConnectTime: 1,
        groups: [
          { groupBy: 'host', value: 'ingress-node-1', values: [{ valueMs: 0, count: 1 }, { valueMs: 1, count: 1 }] },
          { groupBy: 'host', value: 'ingress-node-2', values: [{ valueMs: 1, count: 1 }, { valueMs: 995, count: 1 }] },
          { groupBy: 'host', value: 'ingress-node-3', values: [{ valueMs: 0, count: 1 }, { valueMs: 1, count: 1 }] },
          { groupBy: 'upstreamAddr', value: '10.244.1.1:8080', values: [{ valueMs: 1, count: 1 }] },
          { groupBy: 'upstreamAddr', value: '10.244.1.1:8080, 10.244.1.2:8080', values: [{ valueMs: 1, count: 1 }] },
          { groupBy: 'upstreamAddr', value: '10.244.1.2:8080', values: [{ valueMs: 0, count: 1 }] },
          { groupBy: 'upstreamAddr', value: '10.244.2.1:8080, 10.244.2.2:8080', values: [{ valueMs: 995, count: 1 }] },
          { groupBy: 'upstreamAddr', value: '10.244.3.1:8080', values: [{ valueMs: 1, count: 1 }] },
          { groupBy: 'upstreamAddr', value: '10.244.3.2:8080', values: [{ valueMs: 0, count: 1 }] },
        ],
      });
    });

    it('merges all but the largest groups of each grouping into (other)', async () => {
      const connects = await store.triage.fetchConnectDistributions(query, 2);
      // Edge addresses by size: .11 (4), .12 (3) keep their names; .13 (t5 1, t11 0) is merged.
      expect(connects.hops.edgeToIngress.groups.filter((g) => g.groupBy === 'upstreamAddr').map((g) => [g.value, g.values])).toEqual([
        ['10.20.0.11:80', [{ valueMs: 0, count: 3 }, { valueMs: 2, count: 1 }]],
        ['10.20.0.12:80', [{ valueMs: 0, count: 2 }, { valueMs: 1001, count: 1 }]],
        ['(other)', [{ valueMs: 0, count: 1 }, { valueMs: 1, count: 1 }]],
      ]);
      // Ingress hosts are 2 lines each: the first two by name keep it; node-3 (t8 0, t11 1) is merged.
      expect(connects.hops.ingressToApp.groups.filter((g) => g.groupBy === 'host').map((g) => g.value)).toEqual([
        '(other)',
        'ingress-node-1',
        'ingress-node-2',
      ]);
    });
  });

  describe.each<[ScenarioName]>([['incident'], ['healthy'], ['slow-app']])(`${name} triage contract: generated %s sample`, (scenario) => {
    const docs = generateIncident({ scenario, traces: 20_000, seed: 1 });
    // The sample spans 02:00–06:00 UTC; this window holds every line and the ±5 min join margin.
    const query = everything(Date.UTC(2020, 10, 19), Date.UTC(2020, 10, 20));
    const expected = recount(docs, 1000);
    let store: TriageStore;
    beforeAll(async () => {
      store = await open(docs);
    });
    afterAll(async () => store?.close());

    it('counts and splits exactly what the documents hold', async () => {
      const stats = await store.triage.fetchSegmentStats(query, slowFrom(1000));
      expect({ traces: stats.traces, joined: stats.joined, attributable: stats.attributable, dominant: stats.dominant }).toEqual({
        traces: expected.traces,
        joined: expected.joined,
        attributable: expected.attributable,
        dominant: expected.dominant,
      });
      const dominantShare = (segment: SegmentName) => stats.dominant[segment] / stats.attributable.slow;
      if (scenario === 'incident') {
        // About two thirds of the slow requests wait on the ingress→app connect, a third on edge→ingress.
        expect(dominantShare('ingressConnect')).toBeGreaterThan(0.58);
        expect(dominantShare('ingressConnect')).toBeLessThan(0.75);
        expect(dominantShare('edgeToIngress')).toBeGreaterThan(0.25);
        expect(dominantShare('edgeToIngress')).toBeLessThan(0.4);
      } else {
        // Without a network culprit the slow requests are slow in the app.
        expect(dominantShare('app')).toBeGreaterThan(0.95);
        expect(buildAttribution(stats, slowFrom(1000)).sentence).toMatch(/^Of [\d,]+ requests ≥ 1 s, 100 % lost the time in the app\./);
      }
    });

    it('ranks the correlations', async () => {
      const counts = await store.triage.fetchFieldValueCounts(query, slowFrom(1000), CORRELATION_FIELDS, 10);
      const node = counts.fields.ingressHost.values.find((value) => value.value === 'ingress-node-2');
      expect(node?.slow).toBe(expected.slowByIngressHost.get('ingress-node-2'));
      const correlations = rankCorrelations(counts, slowFrom(1000));
      const flagged = correlations.entries.filter((entry) => entry.flagged);
      if (scenario === 'incident') {
        expect(correlations.entries[0]).toMatchObject({ field: 'ingressHost', value: 'ingress-node-2', flagged: true });
        expect(correlations.entries[0]!.sameCounts).toContainEqual({ field: 'edgeUpstreamAddr', value: '10.20.0.12:80' });
        expect(flagged).toHaveLength(1);
      } else if (scenario === 'healthy') {
        expect(flagged).toEqual([]);
      } else {
        // The slow route is the culprit here, and no host or node address is flagged; the other flags
        // (its app's upstream name and pods) are the route's own and named as such.
        expect(correlations.entries[0]).toMatchObject({ field: 'path', value: '/app/v1/order/list', flagged: true });
        expect(flagged.filter((entry) => ['ingressHost', 'edgeHost', 'edgeUpstreamAddr'].includes(entry.field))).toEqual([]);
        for (const entry of flagged.filter((e) => e.field === 'ingressUpstreamAddr')) expect(APP_PODS['order-api']).toContain(entry.value);
      }
    });

    it('finds the retransmission signature only where it is', async () => {
      const [connects, stats] = await Promise.all([store.triage.fetchConnectDistributions(query, 20), store.triage.fetchSegmentStats(query, slowFrom(1000))]);
      const result = detectRetransmissions({ connects, edgeToIngressGap: stats.segments.edgeToIngress.all });
      if (scenario !== 'incident') {
        expect(result.findings).toEqual([]);
        return;
      }
      const ingressCheck = result.checks.find((check) => check.signal === 'ingressConnect' && check.markMs === 1000);
      expect(ingressCheck?.peak).toBe(expected.ingressConnectAtOneSecond);
      const [ingress, edge] = result.findings;
      expect(ingress).toMatchObject({ hop: 'ingressToApp', dominant: { groupBy: 'host', value: 'ingress-node-2' } });
      expect(ingress!.marks[0]).toMatchObject({ markMs: 1000 });
      expect(edge).toMatchObject({ hop: 'edgeToIngress', signal: 'edgeConnect', corroboratedBy: ['edgeToIngressGap'] });
      expect(edge!.dominant).toMatchObject({ groupBy: 'upstreamAddr', value: '10.20.0.12:80' });
      expect(edge!.marks[0]).toMatchObject({ markMs: 1000 });
    });

    it('answers exactly as the domain accumulator over the same documents (the path backends without SQL take)', async () => {
      const accumulator = accumulate(docs, slowFrom(1000));
      expect(await store.triage.fetchSegmentStats(query, slowFrom(1000))).toEqual(accumulator.segmentStats());
      expect(await store.triage.fetchFieldValueCounts(query, slowFrom(1000), CORRELATION_FIELDS, 10)).toEqual(
        accumulator.fieldValueCounts(CORRELATION_FIELDS, 10),
      );
      expect(await store.triage.fetchConnectDistributions(query, 5)).toEqual(accumulator.connectDistributions(5));
      // The same with a slow range that has an upper end: the band of the first SYN retransmission.
      const band = { minMs: 1000, maxMs: 1100 };
      const inBand = accumulate(docs, band);
      const [bandStats, bandCounts] = await Promise.all([
        store.triage.fetchSegmentStats(query, band),
        store.triage.fetchFieldValueCounts(query, band, CORRELATION_FIELDS, 10),
      ]);
      expect(bandStats).toEqual(inBand.segmentStats());
      expect(bandCounts).toEqual(inBand.fieldValueCounts(CORRELATION_FIELDS, 10));
      expect(bandStats.traces.slow).toBeGreaterThan(0);
      expect(bandStats.traces.slow).toBeLessThan(expected.traces.slow);
    });

    it('counts reused connections', async () => {
      const reuse = summarizeConnectionReuse(await store.triage.fetchConnectDistributions(query, 20));
      const ingress = reuse.hops.find((hop) => hop.hop === 'ingressToApp')!;
      expect(ingress.all.reused).toBe(expected.ingressReused);
      // The sample opens a new connection for 60 % of ingress→app and 50 % of edge→ingress exchanges.
      expect(ingress.all.newShare).toBeCloseTo(0.6, 1);
      expect(reuse.hops.find((hop) => hop.hop === 'edgeToIngress')!.all.newShare).toBeCloseTo(0.5, 1);
    });
  });
  describe(`${name} triage contract: ingress lines without the connect time`, () => {
    // ingress-nginx's default log format writes no $upstream_connect_time. x (slow) has response
    // times and no connect time; y (slow) has no upstream time at all ("-": no pod reached); z is
    // whole; w (slow) has a whole ingress line and an edge line without its upstream time.
    const at = (offsetMs: number) => new Date(T0 + offsetMs).toISOString();
    const edgeLine = (traceId: string, offsetMs: number, seconds: number) => ({
      '@timestamp': at(offsetMs), trace_id: traceId, app_name: 'shop', path: '/p', request_method: 'GET', status: 200,
      request_time: seconds, upstream_connect_time: 0.001, upstream_response_time: seconds - 0.002, upstream_addr: '10.20.0.11:80', '@source': 'edge-1',
    });
    const docs: TriageDocuments = {
      edge: [
        edgeLine('x', 1_000, 1.2),
        edgeLine('y', 2_000, 1.3),
        edgeLine('z', 3_000, 0.2),
        // Without the field (an edge mapped as float refuses nginx's "-").
        Object.fromEntries(Object.entries(edgeLine('w', 4_000, 1.4)).filter(([key]) => key !== 'upstream_response_time')),
      ],
      ingress: [
        { '@timestamp': at(1_001), trace_id: 'x', request_time: '1.190', upstream_response_time: '1.185', upstream_addr: '10.244.1.1:8080', '@source': 'ingress-node-1' },
        { '@timestamp': at(2_001), trace_id: 'y', request_time: '1.290', upstream_connect_time: '-', upstream_response_time: '-', upstream_addr: '-', '@source': 'ingress-node-1' },
        { '@timestamp': at(3_001), trace_id: 'z', request_time: '0.190', upstream_connect_time: '0.001', upstream_response_time: '0.185', upstream_addr: '10.244.1.1:8080', '@source': 'ingress-node-1' },
        { '@timestamp': at(4_001), trace_id: 'w', request_time: '1.390', upstream_connect_time: '0.001', upstream_response_time: '1.385', upstream_addr: '10.244.1.1:8080', '@source': 'ingress-node-1' },
      ],
    };
    let store: TriageStore;
    beforeAll(async () => {
      store = await open(docs);
    });
    afterAll(async () => store?.close());

    it('counts the joined traces that lack only the ingress connect time, and those whose edge line lacks its upstream time, apart from the rest', async () => {
      const stats = await store.triage.fetchSegmentStats(everything(T0, T0 + HOUR_MS), slowFrom(1000));
      expect([stats.joined, stats.attributable, stats.connectMissing, stats.edgeResponseMissing]).toEqual([
        { all: 4, slow: 3 },
        { all: 1, slow: 0 },
        { all: 1, slow: 1 },
        { all: 1, slow: 1 },
      ]);
      expect(stats).toEqual(accumulate(docs, slowFrom(1000)).segmentStats());
      // Said of the right tier: only y's ingress line lacks an upstream time.
      expect(buildAttribution(stats, slowFrom(1000)).sentence).toBe(
        'No request ≥ 1 s at the edge can be split into segments in this selection. 3 more requests ≥ 1 s cannot be split ' +
          '(1 without the edge upstream_response_time, 1 without an ingress upstream time and 1 without the ingress upstream_connect_time).',
      );
    });
  });
}
