import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LatencyBackend } from '@/lib/backends/types';
import type { DimensionField } from '@/lib/domain/dimension-filters';
import { buildHistogram } from '@/lib/domain/histogram';
import type { TraceQuery } from '@/lib/domain/query';
import { toEdgeTraceCounts } from '@/lib/domain/trace-counts';
import { T0 } from './fixture';

/**
 * The assertions every backend must satisfy on the fixture (fixture.ts). Expected numbers are
 * worked out by hand in the comments, independently of any backend's code.
 *
 * Window [T0, T0+1h). Edge lines in it: 12 (t9 sits exactly at `to` and is out).
 *   skipped: the line without trace_id, and t3 without request_time.
 *   valid: t1, t2 ×2, t5, t6, t7, t8, t10, t11, t12 → 9 traces, 1 edge duplicate.
 *   edge request_time per trace (ms): t12 50, t8 99, t2 100, t6 100, t11 300, t1 1050, t10 1100,
 *   t5 2300, t7 3500.
 * Ingress lines in [T0−5 min, T0+1h+5 min) of those traces: t1 ×2 (one with "-": skipped),
 *   t2 ×2 (duplicate), t5, t7, t8, t11 (exactly at T0−5 min), t12; t10's is 1 ms too early.
 *   → joined 7 (t1 t2 t5 t7 t8 t11 t12), edge only 2 (t6 t10), 1 ingress duplicate.
 *   ingress request_time: t1 47, t2 98, t5 2300, t7 1000, t8 97, t11 297, t12 52.
 *   edge − ingress: t1 1003, t2 2, t5 0, t7 2500, t8 2, t11 3, t12 −2.
 *   ingress − upstream: t1 47−46=1, t2 98−(3+90)=5, t7 1000−(3+996)=1, t8 1, t11 1, t12 1;
 *   t5 has no upstream time (skipped: upstreamResponseTime missing).
 */
export type OpenedBackend = { backend: LatencyBackend; cleanup: () => Promise<void> };

export function describeBackendContract(name: string, openBackend: () => Promise<OpenedBackend>): void {
  describe(`${name} backend contract`, () => {
    let backend: LatencyBackend;
    let cleanup: (() => Promise<void>) | undefined;
    const query: TraceQuery = { fromMs: T0, toMs: T0 + 3_600_000, app: null, path: null, latencyMinMs: null, latencyMaxMs: null };

    beforeAll(async () => {
      ({ backend, cleanup } = await openBackend());
    });
    afterAll(async () => {
      await cleanup?.();
    });

    it('counts the trace set: joined, edge only, duplicates and every skipped line', async () => {
      const { counts } = await backend.fetchDistributions(query);
      expect(counts).toEqual({
        edge: 9,
        joined: 7,
        edgeOnly: 2,
        duplicates: { edge: 1, ingress: 1 },
        skipped: [
          { tier: 'edge', field: 'requestTime', reason: 'missing', count: 1 },
          { tier: 'edge', field: 'traceId', reason: 'missing', count: 1 },
          { tier: 'ingress', field: 'requestTime', reason: 'missing', count: 1 },
          { tier: 'ingress', field: 'upstreamResponseTime', reason: 'missing', count: 1 },
        ],
      });
    });

    it('returns the four distributions as exact per-millisecond counts', async () => {
      const { distributions } = await backend.fetchDistributions(query);
      expect(distributions.edge).toEqual([
        { valueMs: 50, count: 1 }, { valueMs: 99, count: 1 }, { valueMs: 100, count: 2 }, { valueMs: 300, count: 1 },
        { valueMs: 1050, count: 1 }, { valueMs: 1100, count: 1 }, { valueMs: 2300, count: 1 }, { valueMs: 3500, count: 1 },
      ]);
      expect(distributions.ingress).toEqual([
        { valueMs: 47, count: 1 }, { valueMs: 52, count: 1 }, { valueMs: 97, count: 1 }, { valueMs: 98, count: 1 },
        { valueMs: 297, count: 1 }, { valueMs: 1000, count: 1 }, { valueMs: 2300, count: 1 },
      ]);
      expect(distributions.edgeMinusIngress).toEqual([
        { valueMs: -2, count: 1 }, { valueMs: 0, count: 1 }, { valueMs: 2, count: 2 }, { valueMs: 3, count: 1 },
        { valueMs: 1003, count: 1 }, { valueMs: 2500, count: 1 },
      ]);
      expect(distributions.ingressMinusUpstream).toEqual([{ valueMs: 1, count: 5 }, { valueMs: 5, count: 1 }]);
    });

    it('gives histograms with half-open buckets and nearest-rank percentiles', async () => {
      const { distributions } = await backend.fetchDistributions(query);
      const edge = buildHistogram(distributions.edge, 100, 3500);
      // [0,100): 50, 99 · [100,200): 100, 100 · [300,400) · [1000,1100) · [1100,1200) · [2300,2400) · overflow: 3500
      expect(edge.buckets.filter((b) => b.count > 0)).toEqual([
        { fromMs: 0, toMs: 100, count: 2 }, { fromMs: 100, toMs: 200, count: 2 }, { fromMs: 300, toMs: 400, count: 1 },
        { fromMs: 1000, toMs: 1100, count: 1 }, { fromMs: 1100, toMs: 1200, count: 1 }, { fromMs: 2300, toMs: 2400, count: 1 },
      ]);
      // 9 values: p50 = 5th (300), p90 = 9th (ceil 8.1), p99 = 9th.
      expect([edge.overflow, edge.underflow, edge.total, edge.p50Ms, edge.p90Ms, edge.p99Ms]).toEqual([1, 0, 9, 300, 3500, 3500]);
      const gap = buildHistogram(distributions.edgeMinusIngress, 100, 3500);
      // 7 values −2 0 2 2 3 1003 2500: p50 = 4th (2), p90 = 7th (ceil 6.3).
      expect([gap.underflow, gap.overflow, gap.p50Ms, gap.p90Ms, gap.p99Ms]).toEqual([1, 0, 2, 2500, 2500]);
    });

    it('applies app, path and latency filters like the ELK query', async () => {
      const media = await backend.fetchDistributions({ ...query, app: 'media', path: '/api/upload' });
      expect([media.counts.edge, media.counts.joined]).toEqual([1, 1]);
      // [1000, 2500) ms: t1 1050, t10 1100, t5 2300; t10 is edge only.
      const slow = await backend.fetchDistributions({ ...query, latencyMinMs: 1000, latencyMaxMs: 2500 });
      expect([slow.counts.edge, slow.counts.joined, slow.counts.edgeOnly]).toEqual([3, 2, 1]);
      expect(slow.distributions.edge.map((v) => v.valueMs)).toEqual([1050, 1100, 2300]);
    });

    it('answers the edge side alone with the hand-computed numbers', async () => {
      expect(await backend.fetchEdgeDistribution(query)).toEqual({
        counts: {
          edge: 9,
          duplicates: { edge: 1 },
          skipped: [
            { tier: 'edge', field: 'requestTime', reason: 'missing', count: 1 },
            { tier: 'edge', field: 'traceId', reason: 'missing', count: 1 },
          ],
        },
        distribution: [
          { valueMs: 50, count: 1 }, { valueMs: 99, count: 1 }, { valueMs: 100, count: 2 }, { valueMs: 300, count: 1 },
          { valueMs: 1050, count: 1 }, { valueMs: 1100, count: 1 }, { valueMs: 2300, count: 1 }, { valueMs: 3500, count: 1 },
        ],
      });
      // media /api/upload: t5 alone (2300). [1000, 2500) ms: t1 1050, t10 1100, t5 2300.
      const media = await backend.fetchEdgeDistribution({ ...query, app: 'media', path: '/api/upload' });
      expect([media.counts.edge, media.distribution]).toEqual([1, [{ valueMs: 2300, count: 1 }]]);
      const slow = await backend.fetchEdgeDistribution({ ...query, latencyMinMs: 1000, latencyMaxMs: 2500 });
      expect([slow.counts.edge, slow.distribution.map((v) => v.valueMs)]).toEqual([3, [1050, 1100, 2300]]);
    });

    it('answers the edge side alone exactly as the full answer does, for every query of this suite', async () => {
      const queries: TraceQuery[] = [
        query,
        { ...query, app: 'media', path: '/api/upload' },
        { ...query, latencyMinMs: 1000, latencyMaxMs: 2500 },
        // Before the first line: an empty trace set.
        { ...query, fromMs: T0 - 3_600_000, toMs: T0 },
      ];
      for (const each of queries) {
        const [edge, full] = await Promise.all([backend.fetchEdgeDistribution(each), backend.fetchDistributions(each)]);
        expect(edge, JSON.stringify(each)).toEqual({ counts: toEdgeTraceCounts(full.counts), distribution: full.distributions.edge });
      }
    });

    describe('dimension filters', () => {
      // Edge representatives in the window: edge-1 t1 t2 t7 t8 t10 t11, edge-2 t5 t6 t12; the two
      // skipped edge lines (no trace id; t3) are edge-2's. Ingress representatives: node-1 t2 t5
      // (status 504) t12, node-2 t1 t7, node-3 t8 t11; t6 and t10 have no ingress line.
      const include = (field: DimensionField, value: string) => ({ field, value, exclude: false });
      const exclude = (field: DimensionField, value: string) => ({ field, value, exclude: true });

      it('includes traces by an edge value, with the skipped edge lines of that value', async () => {
        const { counts, distributions } = await backend.fetchDistributions({ ...query, filters: [include('edge.host', 'edge-2')] });
        expect(counts).toEqual({
          edge: 3,
          joined: 2,
          edgeOnly: 1,
          duplicates: { edge: 0, ingress: 0 },
          skipped: [
            { tier: 'edge', field: 'requestTime', reason: 'missing', count: 1 },
            { tier: 'edge', field: 'traceId', reason: 'missing', count: 1 },
            { tier: 'ingress', field: 'upstreamResponseTime', reason: 'missing', count: 1 },
          ],
        });
        expect(distributions.edge.map((v) => v.valueMs)).toEqual([50, 100, 2300]);
      });

      it('excludes traces by an edge value', async () => {
        const { counts } = await backend.fetchDistributions({ ...query, filters: [exclude('edge.host', 'edge-2')] });
        expect(counts).toEqual({
          edge: 6,
          joined: 5,
          edgeOnly: 1,
          duplicates: { edge: 1, ingress: 1 },
          skipped: [{ tier: 'ingress', field: 'requestTime', reason: 'missing', count: 1 }],
        });
      });

      it('includes by an ingress value: traces without an ingress line never match', async () => {
        const nodeTwo = { ...query, filters: [include('ingress.host', 'ingress-node-2')] };
        const { counts, distributions } = await backend.fetchDistributions(nodeTwo);
        // t1 and t7; the edge lines left out are the window's, which no ingress value can choose.
        expect(counts).toEqual({
          edge: 2,
          joined: 2,
          edgeOnly: 0,
          duplicates: { edge: 0, ingress: 0 },
          skipped: [
            { tier: 'edge', field: 'requestTime', reason: 'missing', count: 1 },
            { tier: 'edge', field: 'traceId', reason: 'missing', count: 1 },
            { tier: 'ingress', field: 'requestTime', reason: 'missing', count: 1 },
          ],
        });
        expect(distributions.edge).toEqual([{ valueMs: 1050, count: 1 }, { valueMs: 3500, count: 1 }]);
        expect(distributions.ingress).toEqual([{ valueMs: 47, count: 1 }, { valueMs: 1000, count: 1 }]);
        const page = await backend.fetchBucketTraces(nodeTwo, { histogram: 'edge', fromMs: null, toMs: null }, { limit: 50, cursor: null });
        expect(page.traces.map((t) => t.traceId)).toEqual(['t7', 't1']);
        // Status 200 at the ingress: t5 answered 504, t6 and t10 have no ingress line.
        const ok = await backend.fetchDistributions({ ...query, filters: [include('ingress.status', '200')] });
        expect([ok.counts.edge, ok.counts.joined, ok.counts.edgeOnly]).toEqual([6, 6, 0]);
      });

      it('excludes by an ingress value: traces without an ingress line stay', async () => {
        const { counts } = await backend.fetchDistributions({ ...query, filters: [exclude('ingress.host', 'ingress-node-2')] });
        // t2 t5 t8 t11 t12 joined, t6 t10 edge only.
        expect([counts.edge, counts.joined, counts.edgeOnly, counts.duplicates]).toEqual([7, 5, 2, { edge: 1, ingress: 1 }]);
      });

      it('takes includes of one field as alternatives and different fields together', async () => {
        const addresses = [include('edge.upstreamAddr', '10.20.0.12:80'), include('edge.upstreamAddr', '10.20.0.13:80')];
        const either = await backend.fetchDistributions({ ...query, filters: addresses });
        // .12: t1 t7 t10 · .13: t5 t11.
        expect(either.distributions.edge.map((v) => v.valueMs)).toEqual([300, 1050, 1100, 2300, 3500]);
        const posts = await backend.fetchDistributions({ ...query, filters: [...addresses, include('edge.method', 'POST')] });
        expect(posts.distributions.edge).toEqual([{ valueMs: 2300, count: 1 }]);
      });

      it('answers the edge side alone as the full answer does, and restricts the ingress timeline to the filtered traces', async () => {
        for (const filters of [[include('edge.host', 'edge-2')], [include('ingress.host', 'ingress-node-2')], [exclude('ingress.status', '504')]]) {
          const each = { ...query, filters };
          const [edge, full] = await Promise.all([backend.fetchEdgeDistribution(each), backend.fetchDistributions(each)]);
          expect(edge, JSON.stringify(filters)).toEqual({ counts: toEdgeTraceCounts(full.counts), distribution: full.distributions.edge });
        }
        const timeline = await backend.fetchConnectTimeline(
          { ...query, filters: [include('ingress.host', 'ingress-node-2')] },
          { tier: 'ingress', groupBy: 'host', binMs: 30_000, maxGroups: 10 },
        );
        expect(timeline.series).toEqual([
          { group: 'ingress-node-2', count: 2, points: [
            { binStartMs: T0, count: 1, p50Ms: 1, p99Ms: 1, maxMs: 1 },
            { binStartMs: T0 + 60_000, count: 1, p50Ms: 995, p99Ms: 995, maxMs: 995 },
          ] },
        ]);
      });
    });

    it('pages through a bucket newest first', async () => {
      // Edge @timestamp desc: t8, t12, t11, t10 | t7, t6, t5, t2 | t1.
      const ids: string[][] = [];
      let cursor = null;
      do {
        const page: Awaited<ReturnType<LatencyBackend['fetchBucketTraces']>> = await backend.fetchBucketTraces(
          query,
          { histogram: 'edge', fromMs: null, toMs: null },
          { limit: 4, cursor },
        );
        ids.push(page.traces.map((t) => t.traceId));
        cursor = page.nextCursor;
      } while (cursor !== null && ids.length < 10);
      expect(ids).toEqual([['t8', 't12', 't11', 't10'], ['t7', 't6', 't5', 't2'], ['t1']]);
    });

    it('lists exactly the traces of one bucket, with their hop times', async () => {
      const ingressSecond = await backend.fetchBucketTraces(query, { histogram: 'ingress', fromMs: 1000, toMs: 1100 }, { limit: 50, cursor: null });
      expect(ingressSecond.nextCursor).toBeNull();
      expect(ingressSecond.traces).toEqual([
        {
          traceId: 't7',
          timestampMs: T0 + 70_000,
          app: 'shop',
          path: '/api/ping',
          method: 'GET',
          edge: { requestTimeMs: 3500, connectMs: 0, responseMs: 3499, upstreamAddr: '10.20.0.12:80', host: 'edge-1', status: 200 },
          ingress: { requestTimeMs: 1000, connectMs: 995, responseMs: 999, upstreamAddr: '10.244.2.1:8080, 10.244.2.2:8080', host: 'ingress-node-2', status: 200 },
          edgeMinusIngressMs: 2500,
          ingressMinusUpstreamMs: 1,
        },
      ]);
      const underflow = await backend.fetchBucketTraces(query, { histogram: 'edgeMinusIngress', fromMs: null, toMs: 0 }, { limit: 50, cursor: null });
      expect(underflow.traces.map((t) => [t.traceId, t.edgeMinusIngressMs])).toEqual([['t12', -2]]);
      const gapSecond = await backend.fetchBucketTraces(query, { histogram: 'edgeMinusIngress', fromMs: 1000, toMs: null }, { limit: 50, cursor: null });
      expect(gapSecond.traces.map((t) => t.traceId)).toEqual(['t7', 't1']);
      const withoutUpstream = await backend.fetchBucketTraces(query, { histogram: 'ingressMinusUpstream', fromMs: null, toMs: null }, { limit: 50, cursor: null });
      expect(withoutUpstream.traces.map((t) => t.traceId)).toEqual(['t8', 't12', 't11', 't7', 't2', 't1']);
      const edgeOnly = await backend.fetchBucketTraces(query, { histogram: 'edge', fromMs: 1100, toMs: 1200 }, { limit: 50, cursor: null });
      expect(edgeOnly.traces.map((t) => [t.traceId, t.ingress, t.edgeMinusIngressMs])).toEqual([['t10', null, null]]);
    });

    it('returns one trace with both tiers, duplicates and segments', async () => {
      const trace = await backend.fetchTrace('t2');
      expect(trace).not.toBeNull();
      expect(trace!.duplicates).toEqual({ edge: 1, ingress: 1 });
      expect(trace!.edge?.requestTimeMs).toBe(100);
      expect(trace!.ingress?.upstreamConnectMs).toEqual([null, 1]);
      expect(trace!.ingress?.upstreamResponseMs).toEqual([3, 90]);
      expect(trace!.ingress?.upstreamStatuses).toEqual(['502', '200']);
      // edge own 100−99, edge→ingress 99−98, ingress own 98−93, ingress connect 1, app 93−1.
      expect(trace!.segments).toEqual({ edgeOwnMs: 1, edgeToIngressMs: 1, edgeConnectMs: 0, ingressOwnMs: 5, ingressConnectMs: 1, appMs: 92 });
      // edge started at T0+20 s − 100 ms, ingress at T0+19.999 s − 98 ms.
      expect(trace!.edgeToIngressStartMs).toBe(1);
      expect(trace!.ingress?.raw).toMatchObject({ trace_id: 't2', upstream_connect_time: '-, 0.001' });
    });

    it('finds traces outside any window, one-tier traces, and not unknown ones', async () => {
      const t1 = await backend.fetchTrace('t1');
      expect(t1?.duplicates).toEqual({ edge: 0, ingress: 0 });
      const t10 = await backend.fetchTrace('t10');
      expect([t10?.edge?.requestTimeMs, t10?.ingress?.requestTimeMs]).toEqual([1100, 1098]);
      const ingressOnly = await backend.fetchTrace('t99');
      expect([ingressOnly?.edge, ingressOnly?.ingress?.requestTimeMs]).toEqual([null, 10]);
      expect(await backend.fetchTrace('no-such-trace')).toBeNull();
    });

    it('bins the ingress connect time by host with exact percentiles', async () => {
      const timeline = await backend.fetchConnectTimeline(query, { tier: 'ingress', groupBy: 'host', binMs: 30_000, maxGroups: 10 });
      // The window's valid ingress lines, one per trace, binned by their own @timestamp: node-1 t2
      // (1 ms, bin 0; shipped twice, counted once), t12 (0, bin 90 s); node-2 t1 (1, bin 0; its "-"
      // line is not valid), t7 (995, bin 60 s); node-3 t99 (0, bin 90 s; ingress only), t8 (0, bin
      // 3570 s). t5 has "-"; t10 and t11 lie before the window.
      expect(timeline.withoutConnectTime).toBe(1);
      expect(timeline.series).toEqual([
        { group: 'ingress-node-1', count: 2, points: [
          { binStartMs: T0, count: 1, p50Ms: 1, p99Ms: 1, maxMs: 1 },
          { binStartMs: T0 + 90_000, count: 1, p50Ms: 0, p99Ms: 0, maxMs: 0 },
        ] },
        { group: 'ingress-node-2', count: 2, points: [
          { binStartMs: T0, count: 1, p50Ms: 1, p99Ms: 1, maxMs: 1 },
          { binStartMs: T0 + 60_000, count: 1, p50Ms: 995, p99Ms: 995, maxMs: 995 },
        ] },
        { group: 'ingress-node-3', count: 2, points: [
          { binStartMs: T0 + 90_000, count: 1, p50Ms: 0, p99Ms: 0, maxMs: 0 },
          { binStartMs: T0 + 3_570_000, count: 1, p50Ms: 0, p99Ms: 0, maxMs: 0 },
        ] },
      ]);
    });

    it('restricts the ingress connect time to the trace set when app is given', async () => {
      const timeline = await backend.fetchConnectTimeline({ ...query, app: 'shop' }, { tier: 'ingress', groupBy: 'host', binMs: 30_000, maxGroups: 10 });
      // The shop traces' ingress lines of the window: t5 (media) and t99 (no edge line) drop out.
      expect(timeline.withoutConnectTime).toBe(0);
      expect(timeline.series).toEqual([
        { group: 'ingress-node-1', count: 2, points: [
          { binStartMs: T0, count: 1, p50Ms: 1, p99Ms: 1, maxMs: 1 },
          { binStartMs: T0 + 90_000, count: 1, p50Ms: 0, p99Ms: 0, maxMs: 0 },
        ] },
        { group: 'ingress-node-2', count: 2, points: [
          { binStartMs: T0, count: 1, p50Ms: 1, p99Ms: 1, maxMs: 1 },
          { binStartMs: T0 + 60_000, count: 1, p50Ms: 995, p99Ms: 995, maxMs: 995 },
        ] },
        { group: 'ingress-node-3', count: 1, points: [{ binStartMs: T0 + 3_570_000, count: 1, p50Ms: 0, p99Ms: 0, maxMs: 0 }] },
      ]);
    });

    it('groups the edge connect time by upstream address, merging the smallest groups', async () => {
      const timeline = await backend.fetchConnectTimeline(query, { tier: 'edge', groupBy: 'upstreamAddr', binMs: 60_000, maxGroups: 2 });
      // .11: t2 0, t6 2, t12 0, t8 0 · .12: t1 1001, t7 0, t10 0 · .13 (→ other): t5 1, t11 0.
      expect(timeline.withoutConnectTime).toBe(0);
      expect(timeline.series.map((s) => [s.group, s.count])).toEqual([['10.20.0.11:80', 4], ['10.20.0.12:80', 3], ['(other)', 2]]);
      // bin 60 s holds t7 (0) and t10 (0); bin 0 holds t1 (1001).
      expect(timeline.series[1]!.points).toEqual([
        { binStartMs: T0, count: 1, p50Ms: 1001, p99Ms: 1001, maxMs: 1001 },
        { binStartMs: T0 + 60_000, count: 2, p50Ms: 0, p99Ms: 0, maxMs: 0 },
      ]);
      // t6 (2 ms, 60 s) and t12 (0, 110 s) share the 60 s bin: p50 of [0, 2] is 0, p99 is 2.
      expect(timeline.series[0]!.points).toEqual([
        { binStartMs: T0, count: 1, p50Ms: 0, p99Ms: 0, maxMs: 0 },
        { binStartMs: T0 + 60_000, count: 2, p50Ms: 0, p99Ms: 2, maxMs: 2 },
        { binStartMs: T0 + 3_540_000, count: 1, p50Ms: 0, p99Ms: 0, maxMs: 0 },
      ]);
    });

    it('suggests values by frequency and reports the extent', async () => {
      // In the window: 11 shop lines (t9 is out), 1 media line.
      expect(await backend.fetchSuggestions(query, 'app', null, 10)).toEqual([{ value: 'shop', count: 11 }, { value: 'media', count: 1 }]);
      expect(await backend.fetchSuggestions({ ...query, app: 'media' }, 'path', null, 10)).toEqual([{ value: '/api/upload', count: 1 }]);
      expect(await backend.fetchSuggestions(query, 'path', '/api/u', 10)).toEqual([{ value: '/api/upload', count: 1 }]);
      // Typed text matches anywhere in the value ("ho" is inside "shop"), literally: "." is no wildcard.
      expect(await backend.fetchSuggestions(query, 'app', 'ho', 10)).toEqual([{ value: 'shop', count: 11 }]);
      expect(await backend.fetchSuggestions(query, 'app', 'edi', 10)).toEqual([{ value: 'media', count: 1 }]);
      expect(await backend.fetchSuggestions({ ...query, app: 'media' }, 'path', 'load', 10)).toEqual([{ value: '/api/upload', count: 1 }]);
      expect(await backend.fetchSuggestions(query, 'app', 'sh.p', 10)).toEqual([]);
      expect(await backend.fetchSuggestions(query, 'app', '.*', 10)).toEqual([]);
      // First edge line at T0+10 s, last (t9) at T0+1 h; the extent's end is exclusive.
      expect(await backend.fetchExtent()).toEqual({ fromMs: T0 + 10_000, toMs: T0 + 3_600_001 });
    });
  });
}
