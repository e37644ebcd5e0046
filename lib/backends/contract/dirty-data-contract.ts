import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LatencyBackend } from '@/lib/backends/types';
import type { TraceQuery } from '@/lib/domain/query';
import { toEdgeTraceCounts } from '@/lib/domain/trace-counts';
import type { OpenedBackend } from './backend-contract';
import { D0 } from './dirty-fixture';

/**
 * Dirty data (dirty-fixture.ts, where every number below is worked out by hand): every line left
 * out is counted by tier, field and reason, identically on every backend, and the rest is exact.
 */
export function describeDirtyDataContract(name: string, openBackend: () => Promise<OpenedBackend>): void {
  describe(`${name} backend contract: dirty data`, () => {
    let backend: LatencyBackend;
    let cleanup: (() => Promise<void>) | undefined;
    const query: TraceQuery = { fromMs: D0, toMs: D0 + 3_600_000, app: null, path: null, latencyMinMs: null, latencyMaxMs: null };

    beforeAll(async () => {
      ({ backend, cleanup } = await openBackend());
    });
    afterAll(async () => {
      await cleanup?.();
    });

    it('counts every skipped line by tier, field and reason', async () => {
      const { counts } = await backend.fetchDistributions(query);
      expect(counts).toEqual({
        edge: 6,
        joined: 3,
        edgeOnly: 3,
        duplicates: { edge: 1, ingress: 1 },
        skipped: [
          { tier: 'edge', field: 'requestTime', reason: 'missing', count: 4 },
          { tier: 'edge', field: 'requestTime', reason: 'negative', count: 2 },
          { tier: 'edge', field: 'requestTime', reason: 'out-of-range', count: 2 },
          { tier: 'edge', field: 'requestTime', reason: 'unparsable', count: 5 },
          { tier: 'edge', field: 'traceId', reason: 'missing', count: 4 },
          { tier: 'ingress', field: 'requestTime', reason: 'missing', count: 1 },
          { tier: 'ingress', field: 'requestTime', reason: 'unparsable', count: 1 },
          { tier: 'ingress', field: 'upstreamResponseTime', reason: 'missing', count: 1 },
        ],
      });
    });

    it('keeps the valid lines exact: numeric trace ids, attempt lists, the largest value, replaced bytes', async () => {
      const { distributions } = await backend.fetchDistributions(query);
      expect(distributions.edge).toEqual([
        { valueMs: 60, count: 1 }, { valueMs: 120, count: 1 }, { valueMs: 150, count: 1 }, { valueMs: 250, count: 1 },
        { valueMs: 400, count: 1 }, { valueMs: 999_999_999, count: 1 },
      ]);
      expect(distributions.ingress).toEqual([{ valueMs: 100, count: 1 }, { valueMs: 200, count: 1 }, { valueMs: 380, count: 1 }]);
      expect(distributions.edgeMinusIngress).toEqual([{ valueMs: 20, count: 2 }, { valueMs: 50, count: 1 }]);
      expect(distributions.ingressMinusUpstream).toEqual([{ valueMs: 10, count: 2 }]);
    });

    it('answers the edge side alone with the same skipped lines and values, and as the full answer does', async () => {
      const [edge, full] = await Promise.all([backend.fetchEdgeDistribution(query), backend.fetchDistributions(query)]);
      expect(edge).toEqual({
        counts: {
          edge: 6,
          duplicates: { edge: 1 },
          skipped: [
            { tier: 'edge', field: 'requestTime', reason: 'missing', count: 4 },
            { tier: 'edge', field: 'requestTime', reason: 'negative', count: 2 },
            { tier: 'edge', field: 'requestTime', reason: 'out-of-range', count: 2 },
            { tier: 'edge', field: 'requestTime', reason: 'unparsable', count: 5 },
            { tier: 'edge', field: 'traceId', reason: 'missing', count: 4 },
          ],
        },
        distribution: [
          { valueMs: 60, count: 1 }, { valueMs: 120, count: 1 }, { valueMs: 150, count: 1 }, { valueMs: 250, count: 1 },
          { valueMs: 400, count: 1 }, { valueMs: 999_999_999, count: 1 },
        ],
      });
      expect(edge).toEqual({ counts: toEdgeTraceCounts(full.counts), distribution: full.distributions.edge });
    });

    it('opens a trace whose id was a JSON number, and one with a replacement character', async () => {
      const numeric = await backend.fetchTrace('12345');
      expect([numeric?.edge?.requestTimeMs, numeric?.ingress?.requestTimeMs]).toEqual([250, 200]);
      const replaced = await backend.fetchTrace('x25\uFFFD');
      expect(replaced?.edge?.requestTimeMs).toBe(60);
    });

    it('lists the drill-down of the whole edge histogram without the skipped lines', async () => {
      const page = await backend.fetchBucketTraces(query, { histogram: 'edge', fromMs: null, toMs: null }, { limit: 50, cursor: null });
      // Newest first: x25� +25, x21 +21, x19 +19, x16 +17, 12345 +11, x1 +1.
      expect(page.traces.map((trace) => trace.traceId)).toEqual(['x25\uFFFD', 'x21', 'x19', 'x16', '12345', 'x1']);
    });
  });
}
