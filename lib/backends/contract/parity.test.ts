import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDuckdbBackend } from '@/lib/backends/duckdb';
import type { LatencyBackend } from '@/lib/backends/types';
import { HISTOGRAM_NAMES } from '@/lib/domain/histogram-names';
import { DEFAULT_FIELD_NAMES, sameInBothTiers } from '@/lib/domain/field-names';
import { getBucketTraces } from '@/lib/services/get-bucket-traces';
import { getConnectTimeline } from '@/lib/services/get-connect-timeline';
import { getEdgeHistogram } from '@/lib/services/get-edge-histogram';
import { getHistograms } from '@/lib/services/get-histograms';
import { getSuggestions } from '@/lib/services/get-suggestions';
import { getTrace } from '@/lib/services/get-trace';
import { seedElasticsearchBackend } from '@/test-support/elasticsearch-node';
import { writeTierFiles } from '@/test-support/ndjson-files';
import { generateIncident } from '@/scripts/sample/incident-generator';
import type { OpenedBackend } from './backend-contract';

/**
 * Parity on generated data: the same documents in DuckDB and in the real Elasticsearch node must
 * give byte-identical API answers (histograms, drill-down pages, trace details, timelines,
 * suggestions). The generated incident has everything real logs have: retries, "-", 499s,
 * duplicates, one-tier traces, clock skew; its edge tier is stored as 32-bit floats and its
 * ingress tier as keyword strings.
 */

const { edge, ingress } = generateIncident({ traces: 6_000, seed: 3 });
const WINDOW = { from: '2020-11-19T02:00:00Z', to: '2020-11-19T06:00:00Z' };
/** A window whose edges cut through traffic, so the ±5 min join margin matters. */
const NARROW = { from: '2020-11-19T03:17:30Z', to: '2020-11-19T03:48:10Z' };

const QUERIES: Record<string, string>[] = [
  WINDOW,
  NARROW,
  { ...WINDOW, bucket: '0.05', upper: '2' },
  { ...WINDOW, app: 'user-api' },
  { ...WINDOW, path: '/app/v1/user/ping' },
  { ...WINDOW, latencyMin: '1' },
  { ...WINDOW, latencyMin: '0.5', latencyMax: '1.2' },
];

const withoutBackendName = <T extends { backend?: unknown }>(answer: T) => ({ ...answer, backend: undefined });

describe('DuckDB and Elasticsearch give identical answers on generated data', () => {
  let duck: OpenedBackend;
  let elastic: OpenedBackend;
  /** The same call on both stores: [DuckDB's answer, Elasticsearch's answer]. */
  const askBoth = async <T,>(call: (backend: LatencyBackend) => Promise<T>): Promise<[T, T]> =>
    Promise.all([call(duck.backend), call(elastic.backend)]);

  beforeAll(async () => {
    const { edgeFile, ingressFile } = writeTierFiles(edge, ingress);
    const backend = createDuckdbBackend({ edgeFiles: [edgeFile], ingressFiles: [ingressFile], fields: sameInBothTiers(DEFAULT_FIELD_NAMES) });
    duck = { backend, cleanup: () => backend.close() };
    elastic = await seedElasticsearchBackend(edge, ingress, { shards: 3 });
  });

  afterAll(async () => {
    await duck?.cleanup();
    await elastic?.cleanup();
  });

  it.each(QUERIES.map((query) => [new URLSearchParams(query).toString(), query]))('histograms for %s', async (_label, query) => {
    const [fromDuck, fromElastic] = await askBoth((backend) => getHistograms(backend, query));
    expect(fromElastic.sample).toBeNull();
    expect(fromDuck.counts.edge).toBeGreaterThan(0);
    expect(withoutBackendName(fromElastic)).toEqual(withoutBackendName(fromDuck));
  });

  it.each(QUERIES.map((query) => [new URLSearchParams(query).toString(), query]))('edge histogram alone for %s', async (_label, query) => {
    const [fromDuck, fromElastic] = await askBoth((backend) => getEdgeHistogram(backend, query));
    expect(withoutBackendName(fromElastic)).toEqual(withoutBackendName(fromDuck));
    const full = await getHistograms(duck.backend, query);
    expect([fromDuck.histogram, fromDuck.counts.edge, fromDuck.counts.duplicates.edge]).toEqual([full.histograms.edge, full.counts.edge, full.counts.duplicates.edge]);
  });

  it('drill-down pages of every histogram: the slow buckets, underflow, overflow, and the second page', async () => {
    const selections = HISTOGRAM_NAMES.flatMap((histogram) => [
      { histogram, fromMs: '1000', toMs: '1100' },
      { histogram, toMs: '0' },
      { histogram, fromMs: '3500' },
      { histogram, fromMs: '0', toMs: '100' },
    ]);
    for (const selection of selections) {
      for (const query of [WINDOW, NARROW]) {
        const params = { ...query, ...selection, limit: '25' };
        const [first, firstElastic] = await askBoth((backend) => getBucketTraces(backend, params));
        expect(firstElastic, JSON.stringify(params)).toEqual(first);
        if (first.nextCursor) {
          const next = { ...params, cursor: first.nextCursor };
          const [second, secondElastic] = await askBoth((backend) => getBucketTraces(backend, next));
          expect(secondElastic, JSON.stringify(next)).toEqual(second);
        }
      }
    }
  }, 240_000);

  it('trace details, including duplicated and one-tier traces', async () => {
    const edgeIds = new Map<string, number>();
    for (const doc of edge) edgeIds.set(String(doc.trace_id), (edgeIds.get(String(doc.trace_id)) ?? 0) + 1);
    const ingressIds = new Set(ingress.map((doc) => String(doc.trace_id)));
    const duplicated = [...edgeIds].filter(([, n]) => n > 1).map(([id]) => id);
    const edgeOnly = [...edgeIds.keys()].filter((id) => !ingressIds.has(id));
    const ingressOnly = [...ingressIds].filter((id) => !edgeIds.has(id));
    const ordinary = [...edgeIds.keys()].filter((_, index) => index % 400 === 0);
    const ids = [...duplicated.slice(0, 5), ...edgeOnly.slice(0, 5), ...ingressOnly.slice(0, 5), ...ordinary];
    expect(duplicated.length * edgeOnly.length * ingressOnly.length).toBeGreaterThan(0);
    for (const id of ids) {
      const [fromDuck, fromElastic] = await askBoth((backend) => getTrace(backend, id));
      expect(fromElastic, id).toEqual(fromDuck);
    }
  });

  it('connect timelines of both tiers by host and by upstream address', async () => {
    for (const tier of ['edge', 'ingress']) {
      for (const groupBy of ['host', 'upstreamAddr']) {
        for (const query of [WINDOW, NARROW, { ...WINDOW, latencyMin: '1' }]) {
          const params = { ...query, tier, groupBy };
          const [fromDuck, fromElastic] = await askBoth((backend) => getConnectTimeline(backend, params));
          expect(fromDuck.series.length).toBeGreaterThan(0);
          expect(fromElastic, JSON.stringify(params)).toEqual(fromDuck);
        }
      }
    }
  }, 120_000);

  it('dimension filters on both tiers: histograms, the edge histogram, drill-down pages and timelines', async () => {
    const filters = [['filter', 'ingress.host:ingress-node-2'], ['filter', 'edge.upstreamAddr:10.20.0.12:80']];
    const filtered = (extra: Record<string, string> = {}) => new URLSearchParams([...Object.entries({ ...WINDOW, ...extra }), ...filters]);
    const [fromDuck, fromElastic] = await askBoth((backend) => getHistograms(backend, filtered()));
    expect(fromDuck.counts.joined).toBeGreaterThan(0);
    expect(withoutBackendName(fromElastic)).toEqual(withoutBackendName(fromDuck));
    const [edgeDuck, edgeElastic] = await askBoth((backend) => getEdgeHistogram(backend, filtered()));
    expect(withoutBackendName(edgeElastic)).toEqual(withoutBackendName(edgeDuck));
    for (const selection of [{ histogram: 'edge', fromMs: '1000', toMs: '1100' }, { histogram: 'ingress', fromMs: '0', toMs: '100' }]) {
      const [page, pageElastic] = await askBoth((backend) => getBucketTraces(backend, filtered({ ...selection, limit: '25' })));
      expect(page.traces.length, JSON.stringify(selection)).toBeGreaterThan(0);
      expect(pageElastic, JSON.stringify(selection)).toEqual(page);
    }
    for (const tier of ['edge', 'ingress']) {
      const [timeline, timelineElastic] = await askBoth((backend) => getConnectTimeline(backend, filtered({ tier, groupBy: 'upstreamAddr' })));
      expect(timelineElastic, tier).toEqual(timeline);
    }
  }, 120_000);

  it('suggestions', async () => {
    for (const params of [{ ...WINDOW, field: 'app' }, { ...WINDOW, field: 'path', app: 'user-api' }, { ...NARROW, field: 'path', prefix: '/app/v1/u' }]) {
      const [fromDuck, fromElastic] = await askBoth((backend) => getSuggestions(backend, params));
      expect(fromElastic).toEqual(fromDuck);
    }
  });
});
