import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { Client, type estypes } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LatencyBackend } from '@/lib/backends/types';
import { NO_GROUP, OTHER_GROUP } from '@/lib/domain/connect-timeline';
import { DEFAULT_FIELD_NAMES, sameInBothTiers, type FieldNames, type TierFieldNames } from '@/lib/domain/field-names';
import { buildHistogram } from '@/lib/domain/histogram';
import type { TraceQuery } from '@/lib/domain/query';
import { AppError } from '@/lib/server/core/errors';
import { deleteSeeded, seedElasticsearch } from '@/scripts/seed-elasticsearch';
import { createElasticsearchBackend, type ElasticsearchBackendConfig } from '.';
import { edgeLines, HOUR_MS, INGRESS_LINES, T0, toNginxText } from '@/test-support/elasticsearch-integration-fixture';

/**
 * Runs against the real node given by ES_URL: never skipped. Each suite seeds its own uniquely
 * named indices (deleted afterwards) with the hand-built fixture of testing/integration-fixture.ts,
 * whose table the expected numbers below are worked out from.
 */
const ES_URL = process.env.ES_URL;
if (!ES_URL) {
  throw new Error(
    process.env.CI
      ? 'ES_URL is not set under CI: the Elasticsearch integration tests must run against a real node (scripts/elasticsearch.sh start)'
      : 'ES_URL is not set: start a node with `scripts/elasticsearch.sh start` and export the ES_URL=… line it prints',
  );
}
const url: string = ES_URL;

type Seeded = { backend: LatencyBackend; config: ElasticsearchBackendConfig; cleanup: () => Promise<void> };

async function seed(edge: Record<string, unknown>[], ingress: Record<string, unknown>[], extra: Partial<ElasticsearchBackendConfig> = {}): Promise<Seeded> {
  const client = new Client({ node: url });
  const run = `hs-it-${randomBytes(4).toString('hex')}`;
  const edgePrefix = `${run}-nginx-access-`;
  const ingressPrefix = `${run}-ingress-`;
  const summary = await seedElasticsearch({
    client,
    edge: { indexPrefix: edgePrefix, documents: edge },
    ingress: { indexPrefix: ingressPrefix, documents: ingress },
    shards: 2,
  });
  expect(summary.errors).toEqual([]);
  const config: ElasticsearchBackendConfig = {
    url,
    edgeIndex: `${edgePrefix}*`,
    ingressIndex: `${ingressPrefix}*`,
    fields: sameInBothTiers(DEFAULT_FIELD_NAMES),
    requestTimeoutMs: 30_000,
    ...extra,
  };
  const backend = createElasticsearchBackend(config);
  return {
    backend,
    config,
    cleanup: async () => {
      await backend.close();
      await deleteSeeded(client, [edgePrefix, ingressPrefix]);
      await client.close();
    },
  };
}

const WINDOW: TraceQuery = { fromMs: T0, toMs: T0 + HOUR_MS, app: null, path: null, latencyMinMs: null, latencyMaxMs: null };
const vc = (...pairs: [number, number][]) => pairs.map(([valueMs, count]) => ({ valueMs, count }));
const ids = (page: { traces: { traceId: string }[] }) => page.traces.map((trace) => trace.traceId);

/** A value as JSON without the raw lines (`raw`), which differ between indices holding the same lines written otherwise. */
const withoutRaw = (value: unknown) => JSON.parse(JSON.stringify(value, (key, inner) => (key === 'raw' ? undefined : inner)));

type TierIndex = { properties: Record<string, estypes.MappingProperty>; lines: readonly object[]; settings?: estypes.IndicesIndexSettings };

/**
 * The fixture seeded as usual (the reference) and the same lines in indices `<run>-edge` and
 * `<run>-ingress` of these mappings, a backend over each; `cleanup` removes both.
 */
async function beside(run: string, tiers: Record<'edge' | 'ingress', TierIndex>, fields: TierFieldNames = sameInBothTiers(DEFAULT_FIELD_NAMES)) {
  const client = new Client({ node: url });
  const reference = await seed(edgeLines('numbers'), INGRESS_LINES);
  for (const tier of ['edge', 'ingress'] as const) await indexWithMapping(client, `${run}-${tier}`, tiers[tier].properties, tiers[tier].lines, tiers[tier].settings);
  const backend = createElasticsearchBackend({ ...reference.config, fields, edgeIndex: `${run}-edge`, ingressIndex: `${run}-ingress` });
  const cleanup = async () => {
    await backend.close();
    await client.indices.delete({ index: `${run}-*` });
    await client.close();
    await reference.cleanup();
  };
  return { reference, backend, cleanup };
}

/** Creates `index` (one shard, these settings) mapping these fields, the others dynamic, and indexes `lines` into it. */
async function indexWithMapping(
  client: Client,
  index: string,
  properties: Record<string, estypes.MappingProperty>,
  lines: readonly object[],
  settings: estypes.IndicesIndexSettings = {},
): Promise<void> {
  await client.indices.create({ index, settings: { number_of_shards: 1, number_of_replicas: 0, ...settings }, mappings: { properties } });
  const answer = await client.bulk({ refresh: true, operations: lines.flatMap((document) => [{ index: { _index: index } }, document]) });
  expect(answer.errors).toBe(false);
}

describe.each([
  ['edge timings as JSON numbers (32-bit float)', 'numbers'],
  ['edge timings as keyword strings', 'strings'],
] as const)('Elasticsearch backend, %s; ingress timings as keyword strings', (_label, timings) => {
  let seeded: Seeded;
  let backend: LatencyBackend;
  beforeAll(async () => {
    seeded = await seed(edgeLines(timings), INGRESS_LINES);
    backend = seeded.backend;
  });
  afterAll(async () => seeded?.cleanup());

  it('maps the edge request_time as the pipeline left it', async () => {
    const health = await backend.checkHealth();
    expect(health.ok).toBe(true);
    const mappings = health.details.mappings as Record<string, Record<string, string>>;
    expect(mappings.edge!.requestTime).toBe(timings === 'numbers' ? 'request_time: number' : 'request_time: keyword');
    expect(mappings.ingress!.requestTime).toBe('request_time: keyword');
  });

  it('counts traces, duplicates, one-tier traces and every skipped line', async () => {
    // Window lines E1–E11, E13–E15 (E12 sits at `to`): E10 and E11 lack a trace id, E9 a
    // request_time, E13's is negative. 11 valid lines, 10 traces (a5 twice). Ingress candidates:
    // I1 I1b I2 I3 I4 I5a I5b I8 I14 I15 (I7 1 ms too early); valid I1 I2 I3 I4 I5a I5b I8 I14 →
    // joined a1 a2 a3 a4 a5 a8 a14 = 7, one ingress duplicate (a5); edge only a6 a7 a15.
    // I1b is unparsable, I15 missing; a3's ingress line has no upstream time.
    const { counts } = await backend.fetchDistributions(WINDOW);
    expect(counts).toEqual({
      edge: 10,
      joined: 7,
      edgeOnly: 3,
      duplicates: { edge: 1, ingress: 1 },
      skipped: [
        { tier: 'edge', field: 'requestTime', reason: 'missing', count: 1 },
        { tier: 'edge', field: 'requestTime', reason: 'negative', count: 1 },
        { tier: 'edge', field: 'traceId', reason: 'missing', count: 2 },
        { tier: 'ingress', field: 'requestTime', reason: 'missing', count: 1 },
        { tier: 'ingress', field: 'requestTime', reason: 'unparsable', count: 1 },
        { tier: 'ingress', field: 'upstreamResponseTime', reason: 'missing', count: 1 },
      ],
    });
  });

  it('gives the four distributions in exact milliseconds (2.3 s is 2300 ms, 0.1 s is 100 ms)', async () => {
    const { distributions } = await backend.fetchDistributions(WINDOW);
    // edge: a14 50, a1 100, a7 200, a8 300, a5 350 (its larger line), a15 600, a4 999, a3 1000, a2 2300, a6 3500
    expect(distributions.edge).toEqual(vc([50, 1], [100, 1], [200, 1], [300, 1], [350, 1], [600, 1], [999, 1], [1000, 1], [2300, 1], [3500, 1]));
    // ingress: a14 48, a1 98, a8 299, a5 340 (I5a), a3 1000, a4 1001, a2 2297
    expect(distributions.ingress).toEqual(vc([48, 1], [98, 1], [299, 1], [340, 1], [1000, 1], [1001, 1], [2297, 1]));
    // edge − ingress: a4 −2, a3 0, a8 1, a1 2, a14 2, a2 3, a5 10
    expect(distributions.edgeMinusIngress).toEqual(vc([-2, 1], [0, 1], [1, 1], [2, 2], [3, 1], [10, 1]));
    // ingress − upstream: a4 1, a14 1, a1 3, a2 2297 − (0 + 2290) = 7, a8 9, a5 340 − 300 = 40
    expect(distributions.ingressMinusUpstream).toEqual(vc([1, 2], [3, 1], [7, 1], [9, 1], [40, 1]));
    const edge = buildHistogram(distributions.edge, 100, 3500);
    expect([edge.p50Ms, edge.p90Ms, edge.p99Ms, edge.overflow]).toEqual([350, 2300, 3500, 1]);
    expect(edge.buckets.find((bucket) => bucket.fromMs === 1000)?.count).toBe(1);
    expect(edge.buckets.find((bucket) => bucket.fromMs === 900)?.count).toBe(1);
  });

  it('applies the latency range to edge lines before choosing representatives', async () => {
    // [1000, ∞): E2 E3 E6 → a2 a3 a6; joined a2 a3.
    const slow = await backend.fetchDistributions({ ...WINDOW, latencyMinMs: 1000 });
    expect(slow.distributions.edge).toEqual(vc([1000, 1], [2300, 1], [3500, 1]));
    expect([slow.counts.joined, slow.counts.edgeOnly]).toEqual([2, 1]);
    // [200, 300): E7 200 and E5a 250, so a5 is represented by its 250 ms line, without duplicate.
    const band = await backend.fetchDistributions({ ...WINDOW, latencyMinMs: 200, latencyMaxMs: 300 });
    expect(band.distributions.edge).toEqual(vc([200, 1], [250, 1]));
    expect(band.counts.duplicates.edge).toBe(0);
    // [300, 351): E8 300 and E5b 350.
    const edgeOfBand = await backend.fetchDistributions({ ...WINDOW, latencyMinMs: 300, latencyMaxMs: 351 });
    expect(edgeOfBand.distributions.edge).toEqual(vc([300, 1], [350, 1]));
  });

  it('filters app and path by phrase (exact on keyword)', async () => {
    // media: E6 E7 E8 E14 → 50, 200, 300, 3500; joined a8 a14.
    const media = await backend.fetchDistributions({ ...WINDOW, app: 'media' });
    expect(media.distributions.edge).toEqual(vc([50, 1], [200, 1], [300, 1], [3500, 1]));
    expect([media.counts.joined, media.counts.edgeOnly]).toEqual([2, 2]);
    // /b: E3 E4 E15.
    const pathB = await backend.fetchDistributions({ ...WINDOW, path: '/b' });
    expect(pathB.distributions.edge).toEqual(vc([600, 1], [999, 1], [1000, 1]));
  });

  it('drills down newest first, with cursors, in every histogram', async () => {
    const page = (histogram: 'edge' | 'ingress' | 'edgeMinusIngress' | 'ingressMinusUpstream', fromMs: number | null, toMs: number | null, limit = 10) =>
      backend.fetchBucketTraces(WINDOW, { histogram, fromMs, toMs }, { limit, cursor: null });
    expect(ids(await page('edge', 1000, 1100))).toEqual(['a3']);
    expect(ids(await page('edge', null, 100))).toEqual(['a14']);
    expect(ids(await page('edge', 3500, null))).toEqual(['a6']);
    // ingress 1000 (a3, +30 s) and 1001 (a4, +40 s): newest first.
    expect(ids(await page('ingress', 1000, 1100))).toEqual(['a4', 'a3']);
    expect(ids(await page('edgeMinusIngress', null, 0))).toEqual(['a4']);
    // ingress − upstream in [0, 5): a4 1, a14 1, a1 3.
    expect(ids(await page('ingressMinusUpstream', 0, 5))).toEqual(['a14', 'a4', 'a1']);
    // edge − ingress in [0, 3): a14 (+3599.999 s), a3 (+30 s), a1 (+10 s), a8 (+1 s), two per page.
    const first = await page('edgeMinusIngress', 0, 3, 2);
    expect(ids(first)).toEqual(['a14', 'a3']);
    expect(first.nextCursor).toEqual({ timestampMs: T0 + 30_000, traceId: 'a3' });
    const second = await backend.fetchBucketTraces(WINDOW, { histogram: 'edgeMinusIngress', fromMs: 0, toMs: 3 }, { limit: 2, cursor: first.nextCursor });
    expect(ids(second)).toEqual(['a1', 'a8']);
    expect(second.nextCursor).toBeNull();
  });

  it('builds drill-down rows from the representative lines of both tiers', async () => {
    const { traces } = await backend.fetchBucketTraces(WINDOW, { histogram: 'edge', fromMs: 300, toMs: 400 }, { limit: 10, cursor: null });
    expect(ids({ traces })).toEqual(['a5', 'a8']);
    const a5 = traces[0]!;
    expect(a5).toMatchObject({
      timestampMs: T0 + 51_000,
      app: 'shop',
      path: '/a',
      edge: { requestTimeMs: 350, connectMs: 1003, responseMs: 340, upstreamAddr: '10.0.0.2:80', host: 'edge-2' },
      ingress: { requestTimeMs: 340, connectMs: 2, responseMs: 300, upstreamAddr: '10.244.0.2:8080', host: 'ingress-2' },
      edgeMinusIngressMs: 10,
      ingressMinusUpstreamMs: 40,
    });
  });

  it('reads one trace in full, at any time, and nothing for unknown ids', async () => {
    const a5 = await backend.fetchTrace('a5');
    expect([a5?.edge?.requestTimeMs, a5?.ingress?.requestTimeMs, a5?.duplicates]).toEqual([350, 340, { edge: 1, ingress: 1 }]);
    // I1b is not valid, so it is no duplicate.
    expect((await backend.fetchTrace('a1'))?.duplicates).toEqual({ edge: 0, ingress: 0 });
    // a7's ingress line is outside every join window but belongs to the trace.
    expect((await backend.fetchTrace('a7'))?.ingress?.requestTimeMs).toBe(199);
    // a9's edge line has no request_time: only its ingress line is valid.
    const a9 = await backend.fetchTrace('a9');
    expect([a9?.edge, a9?.ingress?.requestTimeMs]).toEqual([null, 500]);
    expect(await backend.fetchTrace('nope')).toBeNull();
  });

  it('bins connect times at each line\'s own @timestamp, largest groups first', async () => {
    // Edge representatives, 1 min bins: edge-1: a1 1, a2 1, a4 1, a7 1, a8 2 (bin T0), a14 0
    // (bin T0 + 59 min); edge-2 → (other) with one group kept: a3 2, a5 1003 (bin T0), a6 1
    // (T0 + 1 min), a15 1 (T0 + 2 min).
    const edge = await backend.fetchConnectTimeline(WINDOW, { tier: 'edge', groupBy: 'host', binMs: 60_000, maxGroups: 1 });
    expect(edge.withoutConnectTime).toBe(0);
    expect(edge.series).toEqual([
      {
        group: 'edge-1',
        count: 6,
        points: [
          { binStartMs: T0, count: 5, p50Ms: 1, p99Ms: 2, maxMs: 2 },
          { binStartMs: T0 + 59 * 60_000, count: 1, p50Ms: 0, p99Ms: 0, maxMs: 0 },
        ],
      },
      {
        group: OTHER_GROUP,
        count: 4,
        points: [
          { binStartMs: T0, count: 2, p50Ms: 2, p99Ms: 1003, maxMs: 1003 },
          { binStartMs: T0 + 60_000, count: 1, p50Ms: 1, p99Ms: 1, maxMs: 1 },
          { binStartMs: T0 + 120_000, count: 1, p50Ms: 1, p99Ms: 1, maxMs: 1 },
        ],
      },
    ]);
    // The window's valid ingress lines, one per trace, at their own @timestamp (all bin T0):
    // 10.244.0.1:8080 a1 0 (its "abc" line is not valid), a4 1; a2's retried pair sums to 1; a5's
    // representative (0.340 s) 2. No connect time: a3, a9 and a99 (ingress only). a7 and a8 lie
    // before the window, a14 after it, a15 has no valid request_time.
    const ingress = await backend.fetchConnectTimeline(WINDOW, { tier: 'ingress', groupBy: 'upstreamAddr', binMs: 60_000, maxGroups: 10 });
    expect(ingress.withoutConnectTime).toBe(3);
    expect(ingress.series).toEqual([
      { group: '10.244.0.1:8080', count: 2, points: [{ binStartMs: T0, count: 2, p50Ms: 0, p99Ms: 1, maxMs: 1 }] },
      { group: '10.244.0.2:8080', count: 1, points: [{ binStartMs: T0, count: 1, p50Ms: 2, p99Ms: 2, maxMs: 2 }] },
      { group: '10.244.0.9:8080, 10.244.0.1:8080', count: 1, points: [{ binStartMs: T0, count: 1, p50Ms: 1, p99Ms: 1, maxMs: 1 }] },
    ]);
    expect(ingress.series.map((series) => series.group)).not.toContain(NO_GROUP);
  });

  it('suggests values by count and reports the extent of the edge pattern', async () => {
    // shop: E1–E5b, E9–E11, E13, E15 = 11 lines; media: E6 E7 E8 E14 = 4.
    expect(await backend.fetchSuggestions(WINDOW, 'app', null, 10)).toEqual([
      { value: 'shop', count: 11 },
      { value: 'media', count: 4 },
    ]);
    expect(await backend.fetchSuggestions({ ...WINDOW, app: 'shop' }, 'path', null, 10)).toEqual([
      { value: '/a', count: 8 },
      { value: '/b', count: 3 },
    ]);
    expect(await backend.fetchSuggestions(WINDOW, 'path', '/m', 10)).toEqual([{ value: '/m', count: 4 }]);
    // First line E8 at +1 s, last E12 at +1 h (end exclusive).
    expect(await backend.fetchExtent()).toEqual({ fromMs: T0 + 1_000, toMs: T0 + HOUR_MS + 1 });
  });

  it('answers an empty window with zeros, not errors', async () => {
    const empty = { ...WINDOW, fromMs: T0 - 10 * HOUR_MS, toMs: T0 - 9 * HOUR_MS };
    expect(await backend.fetchDistributions(empty)).toEqual({
      counts: { edge: 0, joined: 0, edgeOnly: 0, duplicates: { edge: 0, ingress: 0 }, skipped: [] },
      distributions: { edge: [], ingress: [], edgeMinusIngress: [], ingressMinusUpstream: [] },
    });
    expect(await backend.fetchEdgeDistribution(empty)).toEqual({ counts: { edge: 0, duplicates: { edge: 0 }, skipped: [] }, distribution: [] });
    expect(await backend.fetchBucketTraces(empty, { histogram: 'ingress', fromMs: null, toMs: null }, { limit: 5, cursor: null })).toEqual({ traces: [], nextCursor: null });
    const timeline = await backend.fetchConnectTimeline(empty, { tier: 'ingress', groupBy: 'host', binMs: 60_000, maxGroups: 5 });
    expect([timeline.series, timeline.withoutConnectTime]).toEqual([[], 0]);
  });

});

describe('32-bit floats and keyword strings land in the millisecond nginx printed', () => {
  // Every millisecond from 0 to 4 s, and a few large values, once each: as JSON numbers an edge
  // index keeps them as float (4.095 is stored as 4.0949997902), as strings a keyword index.
  const milliseconds = [...Array.from({ length: 4_001 }, (_, ms) => ms), 9_999, 65_432, 999_999, 1_234_567, 8_191_999];
  const lines = (timings: 'numbers' | 'strings') =>
    milliseconds.map((ms, index) => ({
      '@timestamp': new Date(T0 + index).toISOString(),
      trace_id: `f${ms}`,
      request_time: timings === 'numbers' ? ms / 1000 : toNginxText(ms / 1000),
    }));
  const suites: Seeded[] = [];
  afterAll(async () => {
    for (const suite of suites) await suite.cleanup();
  });

  it.each(['numbers', 'strings'] as const)('as %s', async (timings) => {
    const suite = await seed(lines(timings), []);
    suites.push(suite);
    const { distributions, counts } = await suite.backend.fetchDistributions(WINDOW);
    expect(counts.edge).toBe(milliseconds.length);
    expect(distributions.edge).toEqual(milliseconds.map((valueMs) => ({ valueMs, count: 1 })));
    // Ranges are exact at every boundary: [1000, 2000) holds 1000 values.
    const band = await suite.backend.fetchDistributions({ ...WINDOW, latencyMinMs: 1000, latencyMaxMs: 2000 });
    expect(band.distributions.edge).toEqual(milliseconds.filter((ms) => ms >= 1000 && ms < 2000).map((valueMs) => ({ valueMs, count: 1 })));
    const drill = await suite.backend.fetchBucketTraces(WINDOW, { histogram: 'edge', fromMs: 2300, toMs: 2301 }, { limit: 5, cursor: null });
    expect(ids(drill)).toEqual(['f2300']);
    // Seeding 4,006 lines and three passes over them: a minute on a loaded two-core machine.
  }, 120_000);
});

describe('failures, as the API reports them', () => {
  const config = { url, edgeIndex: 'nginx-*', ingressIndex: 'ingress-*', fields: sameInBothTiers(DEFAULT_FIELD_NAMES), requestTimeoutMs: 30_000 };

  it('nothing listening: backend_unavailable', async () => {
    const backend = createElasticsearchBackend({ ...config, url: 'http://127.0.0.1:1' });
    await expect(backend.fetchExtent()).rejects.toMatchObject({ code: 'backend_unavailable' });
    expect((await backend.checkHealth()).ok).toBe(false);
    await backend.close();
  });

  it('a concrete index that does not exist: index_not_found', async () => {
    const backend = createElasticsearchBackend({ ...config, edgeIndex: `hs-it-missing-${randomBytes(4).toString('hex')}` });
    await expect(backend.fetchExtent()).rejects.toMatchObject({ code: 'index_not_found' });
    await backend.close();
  });

  it('no answer within the timeout: backend_timeout naming the query', async () => {
    // A listener that accepts connections and never answers stands in for an overloaded node.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const backend = createElasticsearchBackend({ ...config, url: `http://127.0.0.1:${port}`, requestTimeoutMs: 300 });
    try {
      const error = await backend.fetchExtent().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'backend_timeout' });
      expect((error as AppError).message).toMatch(/timed out after 0.3 s on reading the field mappings of nginx-\* \(HOPSCOPE_ES_TIMEOUT_MS=300\)/);
    } finally {
      await backend.close();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('an aborted call rejects with the abort reason', async () => {
    const backend = createElasticsearchBackend(config);
    const controller = new AbortController();
    controller.abort(new Error('browser went away'));
    await expect(backend.fetchExtent({ signal: controller.signal })).rejects.toThrow('browser went away');
    await backend.close();
  });

});

describe('edge timings Elasticsearch cannot aggregate exactly are still answered exactly, from the lines\' _source', () => {
  // The fixture's edge lines as JSON numbers (2.3, 0.35, …) in indices mapping request_time as
  // long (Elasticsearch's doc values keep 2 of 2.3), as float in one index and keyword in
  // another (a type conflict across the pattern), without doc values (nothing to aggregate), or
  // as half_float (doc values coarser than the millisecond; scaled_float, the same, is not in
  // this node's distribution: query-plan.test.ts). The engine reads `_source`, as nginx printed it;
  // only the direct first bar, an aggregation, cannot: it waits for the window's read instead.
  const client = new Client({ node: url });
  const cleanups: (() => Promise<void>)[] = [];
  let reference: Seeded;
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
    await client.close();
  });
  beforeAll(async () => {
    reference = await seed(edgeLines('numbers'), INGRESS_LINES);
    cleanups.push(() => reference.cleanup());
  });

  /** The fixture's edge lines split over indices of these request_time types, the ingress tier seeded as usual. */
  async function backendOver(requestTimeTypes: readonly estypes.MappingProperty[]): Promise<LatencyBackend> {
    const run = `hs-it-map-${randomBytes(4).toString('hex')}`;
    const lines = edgeLines('numbers');
    for (const [at, type] of requestTimeTypes.entries()) {
      const mine = lines.filter((_line, number) => number % requestTimeTypes.length === at);
      await indexWithMapping(client, `${run}-edge-${at}`, { '@timestamp': { type: 'date' }, trace_id: { type: 'keyword' }, request_time: type }, mine);
    }
    const ingressPrefix = `${run}-ingress-`;
    const summary = await seedElasticsearch({ client, edge: { indexPrefix: `${run}-unused-`, documents: [] }, ingress: { indexPrefix: ingressPrefix, documents: INGRESS_LINES } });
    expect(summary.errors).toEqual([]);
    const backend = createElasticsearchBackend({ ...reference.config, edgeIndex: `${run}-edge-*`, ingressIndex: `${ingressPrefix}*` });
    cleanups.push(async () => {
      await backend.close();
      await deleteSeeded(client, [`${run}-edge-`, `${run}-unused-`, ingressPrefix]);
    });
    return backend;
  }

  it.each([
    ['long', [{ type: 'long' }]],
    ['float in one index and keyword in another', [{ type: 'float' }, { type: 'keyword' }]],
    ['float without doc values', [{ type: 'float', doc_values: false }]],
    ['half_float', [{ type: 'half_float' }]],
  ] as const)('request_time mapped as %s', async (_label, types) => {
    const backend = await backendOver(types);
    const health = await backend.checkHealth();
    expect(health.ok).toBe(true);
    expect(health.details.edgeFirstBar).toMatch(/^after the window's lines are read: the edge field request_time is mapped as /);
    // The first bar, asked before anything is read, comes from the engine: the same as Elasticsearch's own.
    expect(await backend.fetchEdgeDistribution(WINDOW)).toEqual(await reference.backend.fetchEdgeDistribution(WINDOW));
    const answer = await backend.fetchDistributions(WINDOW);
    expect(answer).toEqual(await reference.backend.fetchDistributions(WINDOW));
    // a2's 2.3 s stays 2300 ms (a long keeps 2), and its drill-down row shows it.
    expect(answer.distributions.edge).toContainEqual({ valueMs: 2300, count: 1 });
    const drill = await backend.fetchBucketTraces(WINDOW, { histogram: 'edge', fromMs: 2300, toMs: 2301 }, { limit: 5, cursor: null });
    expect(drill.traces.map((trace) => [trace.traceId, trace.edge?.requestTimeMs])).toEqual([['a2', 2300]]);
  }, 120_000);
});

describe('times in a mapping\'s own date format are where Elasticsearch puts them', () => {
  // The fixture's lines with the same instants written as the mappings' formats say: the edge's
  // as epoch seconds (a JSON number with milliseconds as its fraction), the ingress's as
  // `yyyy/MM/dd HH:mm:ss.SSS` (UTC) in a date_nanos field (whose epoch milliseconds come with a
  // fraction). Elasticsearch parses them by the mapping; hopscope must place every line there too
  // (it read the edge's as epoch milliseconds, 1970, and dropped the ingress's as unparsable,
  // without a word).
  const run = `hs-it-time-${randomBytes(4).toString('hex')}`;
  let reference: Seeded;
  let backend: LatencyBackend;
  let cleanup: (() => Promise<void>) | undefined;
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  const slashed = (ms: number) => {
    const d = new Date(ms);
    return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
  };
  const rewritten = (lines: Record<string, unknown>[], write: (ms: number) => unknown) =>
    lines.map((line) => ({ ...line, '@timestamp': write(Date.parse(String(line['@timestamp']))) }));

  beforeAll(async () => {
    ({ reference, backend, cleanup } = await beside(run, {
      edge: {
        properties: { '@timestamp': { type: 'date', format: 'epoch_second' }, trace_id: { type: 'keyword' }, request_time: { type: 'float' } },
        lines: rewritten(edgeLines('numbers'), (ms) => ms / 1000),
      },
      ingress: {
        properties: { '@timestamp': { type: 'date_nanos', format: 'yyyy/MM/dd HH:mm:ss.SSS' }, trace_id: { type: 'keyword' }, request_time: { type: 'keyword' } },
        lines: rewritten(INGRESS_LINES, slashed),
      },
    }));
  });
  afterAll(async () => cleanup?.());

  it('the histograms, a drill-down page, a trace and a timeline equal those of the same lines in ISO time', async () => {
    expect(await backend.fetchDistributions(WINDOW)).toEqual(await reference.backend.fetchDistributions(WINDOW));
    const page = { limit: 20, cursor: null };
    const drill = await backend.fetchBucketTraces(WINDOW, { histogram: 'edge', fromMs: null, toMs: null }, page);
    expect(drill.traces.length).toBeGreaterThan(5);
    expect(withoutRaw(drill)).toEqual(withoutRaw(await reference.backend.fetchBucketTraces(WINDOW, { histogram: 'edge', fromMs: null, toMs: null }, page)));
    // a5 at T0 + 51 s: its trace page, read from Elasticsearch by id.
    const trace = await backend.fetchTrace('a5');
    expect(trace?.edge?.timestampMs).toBe(T0 + 51_000);
    expect(withoutRaw(trace)).toEqual(withoutRaw(await reference.backend.fetchTrace('a5')));
    const timeline = { tier: 'ingress', groupBy: 'host', binMs: 60_000, maxGroups: 5 } as const;
    expect(await backend.fetchConnectTimeline(WINDOW, timeline)).toEqual(await reference.backend.fetchConnectTimeline(WINDOW, timeline));
  }, 120_000);
});

describe('a trace id mapped as analyzed text only (no .keyword)', () => {
  // Windows read the id from `_source`; a trace page finds the lines by a phrase of the id's
  // tokens and keeps the exact id only (the analyzer lowercases and splits: 'A5' matches 'a5').
  const run = `hs-it-text-id-${randomBytes(4).toString('hex')}`;
  let reference: Seeded;
  let backend: LatencyBackend;
  let cleanup: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const textId = (requestTime: 'float' | 'keyword') => ({ '@timestamp': { type: 'date' }, trace_id: { type: 'text' }, request_time: { type: requestTime } }) as const;
    ({ reference, backend, cleanup } = await beside(run, {
      edge: { properties: textId('float'), lines: edgeLines('numbers') },
      ingress: { properties: textId('keyword'), lines: INGRESS_LINES },
    }));
  });
  afterAll(async () => cleanup?.());

  it('answers the histograms and finds each trace by its exact id', async () => {
    expect((await backend.checkHealth()).ok).toBe(true);
    expect(await backend.fetchDistributions(WINDOW)).toEqual(await reference.backend.fetchDistributions(WINDOW));
    const a5 = await backend.fetchTrace('a5');
    expect(a5?.duplicates).toEqual({ edge: 1, ingress: 1 });
    expect(withoutRaw(a5)).toEqual(withoutRaw(await reference.backend.fetchTrace('a5')));
    expect(await backend.fetchTrace('A5')).toBeNull();
    expect(await backend.fetchTrace('nope')).toBeNull();
  }, 120_000);
});


/** The fixture's lines with every field but the edge's time under `nginx.` (its `@` dropped: `@source` is `nginx.source`). */
const underNginx = (lines: readonly Record<string, unknown>[], keep: readonly string[]) =>
  lines.map((line) => {
    const kept = Object.fromEntries(Object.entries(line).filter(([key]) => keep.includes(key)));
    const nginx = Object.fromEntries(
      Object.entries(line)
        .filter(([key]) => !keep.includes(key))
        .map(([key, value]) => [key === '@timestamp' ? 'time' : key.replace('@', ''), value]),
    );
    return { ...kept, nginx };
  });

/** The same views of two backends over the same lines, the raw lines aside. */
async function expectSameViews(backend: LatencyBackend, reference: LatencyBackend): Promise<void> {
  expect((await backend.checkHealth()).ok).toBe(true);
  // The first bar, straight from Elasticsearch (the window is not read yet), then the window's views.
  expect(await backend.fetchEdgeDistribution(WINDOW)).toEqual(await reference.fetchEdgeDistribution(WINDOW));
  expect(await backend.fetchDistributions(WINDOW)).toEqual(await reference.fetchDistributions(WINDOW));
  const page = { limit: 20, cursor: null };
  const drill = await backend.fetchBucketTraces(WINDOW, { histogram: 'edge', fromMs: null, toMs: null }, page);
  expect(drill.traces.length).toBeGreaterThan(5);
  expect(withoutRaw(drill)).toEqual(withoutRaw(await reference.fetchBucketTraces(WINDOW, { histogram: 'edge', fromMs: null, toMs: null }, page)));
  const trace = await backend.fetchTrace('a5');
  expect(trace?.edge?.timestampMs).toBe(T0 + 51_000);
  expect(trace?.ingress?.host).toBe('ingress-2');
  expect(withoutRaw(trace)).toEqual(withoutRaw(await reference.fetchTrace('a5')));
  const timeline = { tier: 'ingress', groupBy: 'host', binMs: 60_000, maxGroups: 5 } as const;
  expect(await backend.fetchConnectTimeline(WINDOW, timeline)).toEqual(await reference.fetchConnectTimeline(WINDOW, timeline));
  for (const [field, prefix] of [['app', ''], ['path', '/']] as const) {
    const expected = await reference.fetchSuggestions(WINDOW, field, prefix, 10);
    expect(expected.length).toBeGreaterThan(0);
    expect(await backend.fetchSuggestions(WINDOW, field, prefix, 10)).toEqual(expected);
  }
}

describe('nginx fields in a flattened object', () => {
  // `"nginx": { "type": "flattened" }` (one field for the whole object, against mapping
  // explosions): field_caps lists only `nginx`, never `nginx.trace_id`, whose values are keywords
  // that queries and aggregations reach by that name. It was refused as unmapped.
  const run = `hs-it-flat-${randomBytes(4).toString('hex')}`;
  let reference: Seeded;
  let backend: LatencyBackend;
  let cleanup: (() => Promise<void>) | undefined;
  const fields = Object.fromEntries(
    Object.entries(DEFAULT_FIELD_NAMES).map(([logical, name]) => [logical, logical === 'timestamp' ? name : `nginx.${name.replace('@', '')}`]),
  ) as FieldNames;

  beforeAll(async () => {
    const properties = { '@timestamp': { type: 'date' }, nginx: { type: 'flattened' } } as const;
    ({ reference, backend, cleanup } = await beside(
      run,
      { edge: { properties, lines: underNginx(edgeLines('numbers'), ['@timestamp']) }, ingress: { properties, lines: underNginx(INGRESS_LINES, ['@timestamp']) } },
      sameInBothTiers(fields),
    ));
  });
  afterAll(async () => cleanup?.());

  it('maps the fields as keywords and answers every view as the plain fields do', async () => {
    const mappings = (await backend.checkHealth()).details.mappings as Record<string, Record<string, string>>;
    expect(mappings.edge!.traceId).toBe('nginx.trace_id: keyword');
    await expectSameViews(backend, reference.backend);
  }, 120_000);
});

describe('each tier read by its own field names', () => {
  // Edge nginx with hopscope's names, ingress-nginx shipped by another pipeline that keeps every
  // field under `nginx.` (its time as `nginx.time`): every name differs between the tiers, the
  // trace id's and the time's included, so each query, field check and line read must use its
  // tier's (HOPSCOPE_INGRESS_FIELDS).
  const run = `hs-it-tiernames-${randomBytes(4).toString('hex')}`;
  let reference: Seeded;
  let backend: LatencyBackend;
  let cleanup: (() => Promise<void>) | undefined;
  const ingressFields = Object.fromEntries(
    Object.entries(DEFAULT_FIELD_NAMES).map(([logical, name]) => [logical, logical === 'timestamp' ? 'nginx.time' : `nginx.${name.replace('@', '')}`]),
  ) as FieldNames;

  beforeAll(async () => {
    const keyword = { type: 'keyword' } as const;
    ({ reference, backend, cleanup } = await beside(
      run,
      {
        edge: { properties: { '@timestamp': { type: 'date' }, trace_id: keyword, request_time: { type: 'float' } }, lines: edgeLines('numbers') },
        ingress: { properties: { nginx: { properties: { time: { type: 'date' }, trace_id: keyword, request_time: keyword } } }, lines: underNginx(INGRESS_LINES, []) },
      },
      { edge: DEFAULT_FIELD_NAMES, ingress: ingressFields },
    ));
  });
  afterAll(async () => cleanup?.());

  it('answers every view as the reference does, each tier mapped by its own names', async () => {
    const health = await backend.checkHealth();
    expect(health.ok).toBe(true);
    const mappings = health.details.mappings as Record<string, Record<string, string>>;
    expect([mappings.edge!.traceId, mappings.ingress!.traceId, mappings.ingress!.timestamp]).toEqual([
      'trace_id: keyword',
      'nginx.trace_id: keyword',
      'nginx.time: date',
    ]);
    await expectSameViews(backend, reference.backend);
  }, 120_000);
});

/**
 * The fixture seeded as usual, one more edge index named `<edge prefix><suffix>` holding the same
 * lines again (`prepare` may then change it, e.g. close it), and a backend whose edge pattern is
 * `edgePattern(prefix)`; `seededOnly` names the seeded indices alone, what the backend must answer as.
 */
function besideAnExtraEdgeIndex(suffix: string, edgePattern: (prefix: string) => string, prepare: (client: Client, index: string) => Promise<unknown> = async () => undefined) {
  const state: { reference?: Seeded; backend?: LatencyBackend; seededOnly?: LatencyBackend; extra?: string } = {};
  const client = new Client({ node: url });
  beforeAll(async () => {
    state.reference = await seed(edgeLines('numbers'), INGRESS_LINES);
    const prefix = state.reference.config.edgeIndex.replace(/\*$/, '');
    state.extra = `${prefix}${suffix}`;
    await indexWithMapping(client, state.extra, { '@timestamp': { type: 'date' }, trace_id: { type: 'keyword' }, request_time: { type: 'float' } }, edgeLines('numbers'));
    await prepare(client, state.extra);
    state.backend = createElasticsearchBackend({ ...state.reference.config, edgeIndex: edgePattern(prefix) });
    state.seededOnly = createElasticsearchBackend({ ...state.reference.config, edgeIndex: `${prefix}2*` });
  });
  afterAll(async () => {
    await state.backend?.close();
    await state.seededOnly?.close();
    if (state.extra) await client.indices.delete({ index: state.extra }, { ignore: [404] });
    await client.close();
    await state.reference?.cleanup();
  });
  return state as Required<typeof state>;
}

describe('an index pattern list with an exclusion', () => {
  // `nginx-*,-nginx-archive-*`: Elasticsearch's multi-target syntax, passed through as configured
  // to every request (searches, point in time, field caps, mappings). The excluded index holds
  // the same lines again, which would count every trace twice if it were read.
  const state = besideAnExtraEdgeIndex('archive-1', (prefix) => `${prefix}*,-${prefix}archive-*`);

  it('reads only the indices the list leaves in: every view as the seeded indices alone give', async () => {
    expect((await state.backend.checkHealth()).details.matchedIndices).toEqual({ edge: 1, ingress: 1 });
    await expectSameViews(state.backend, state.seededOnly);
  }, 120_000);
});

describe('a closed index matched by the pattern', () => {
  // Clusters without ILM close old daily indices (Curator's "close" action) and keep them around:
  // the pattern matches them, but they cannot be read. A wildcard skips them (every request
  // expands to open indices only); the answers are those of the open ones.
  const state = besideAnExtraEdgeIndex('1999.01.01', (prefix) => `${prefix}*`, (client, index) => client.indices.close({ index }));

  it('answers every view from the open indices', async () => {
    expect((await state.backend.checkHealth()).ok).toBe(true);
    await expectSameViews(state.backend, state.seededOnly);
  }, 120_000);
});

describe('configured names that are field aliases in the mappings', () => {
  // A cluster that moved its nginx fields under `nginx.` and kept the old names as aliases
  // (`"request_time": { "type": "alias", "path": "nginx.request_time" }`): queries and field_caps
  // see an alias as its target, but `_source` holds only the target's path, which is where the
  // window's engine and a trace page read lines from. Every view was empty (the edge lines
  // "skipped, trace id missing"). The ingress tier aliases its time field too; the edge pattern
  // also holds an older index where the names are the fields themselves.
  const run = `hs-it-alias-${randomBytes(4).toString('hex')}`;
  let reference: Seeded;
  let backend: LatencyBackend;
  let cleanup: (() => Promise<void>) | undefined;
  const keyword = { type: 'keyword' } as const;
  /** `nginx.<name>` mapped as given, with the configured name an alias of it. */
  const aliased = (targets: Record<string, estypes.MappingProperty>) => {
    const nginx: Record<string, estypes.MappingProperty> = {};
    const aliases: Record<string, estypes.MappingProperty> = {};
    for (const [name, property] of Object.entries(targets)) {
      const target = name === '@timestamp' ? 'time' : name.replace('@', '');
      nginx[target] = property;
      aliases[name] = { type: 'alias', path: `nginx.${target}` };
    }
    return { nginx: { properties: nginx }, ...aliases };
  };
  const common = { trace_id: keyword, upstream_response_time: keyword, upstream_connect_time: keyword, upstream_addr: keyword, '@source': keyword, app_name: keyword, path: keyword, request_method: keyword, status: { type: 'long' } } as const;

  beforeAll(async () => {
    // The edge pattern holds an older index where the names are plain fields (every third line)
    // and a newer one where they are aliases: a field is read under either name.
    const client = new Client({ node: url });
    reference = await seed(edgeLines('numbers'), INGRESS_LINES);
    const edge = edgeLines('numbers');
    const older = edge.filter((_line, at) => at % 3 === 0);
    const newer = edge.filter((_line, at) => at % 3 !== 0);
    expect(older.length).toBeGreaterThan(2);
    await indexWithMapping(client, `${run}-edge-older`, { '@timestamp': { type: 'date' }, ...common, request_time: { type: 'float' }, upstream_response_time: { type: 'float' }, upstream_connect_time: { type: 'float' } }, older);
    const edgeAliases = aliased({ ...common, request_time: { type: 'float' }, upstream_response_time: { type: 'float' }, upstream_connect_time: { type: 'float' } });
    await indexWithMapping(client, `${run}-edge-newer`, { '@timestamp': { type: 'date' }, ...edgeAliases }, underNginx(newer, ['@timestamp']));
    await indexWithMapping(client, `${run}-ingress`, aliased({ ...common, '@timestamp': { type: 'date' }, request_time: keyword }), underNginx(INGRESS_LINES, []));
    backend = createElasticsearchBackend({ ...reference.config, edgeIndex: `${run}-edge-*`, ingressIndex: `${run}-ingress` });
    cleanup = async () => {
      await backend.close();
      await client.indices.delete({ index: `${run}-*` });
      await client.close();
      await reference.cleanup();
    };
  });
  afterAll(async () => cleanup?.());

  it('reads every line at the alias\'s path: every view equals that of the plain fields', async () => {
    const aliases = (await backend.checkHealth()).details.fieldAliases as Record<string, Record<string, string>>;
    expect(aliases.edge!.requestTime).toBe('request_time → nginx.request_time');
    expect(aliases.ingress!.timestamp).toBe('@timestamp → nginx.time');
    await expectSameViews(backend, reference.backend);
  }, 120_000);
});

describe('index patterns of a remote cluster (cross-cluster search)', () => {
  // The node is made a remote cluster of itself (`hs-self`), so `hs-self:<pattern>` reads the
  // seeded indices through cross-cluster search, as a cluster that keeps its logs elsewhere does.
  // Mappings of remote indices are not served (`_mapping/field` answers 404 through the pattern):
  // their aliases are unknown, said so, and every answer is still given.
  const remote = 'hs-self';
  let reference: Seeded;
  let backend: LatencyBackend;
  const client = new Client({ node: url });

  beforeAll(async () => {
    const nodes = await client.nodes.info({ metric: 'transport' });
    const address = Object.values(nodes.nodes)[0]!.transport!.publish_address;
    await client.cluster.putSettings({ persistent: { [`cluster.remote.${remote}.seeds`]: [address] } });
    reference = await seed(edgeLines('numbers'), INGRESS_LINES);
    backend = createElasticsearchBackend({ ...reference.config, edgeIndex: `${remote}:${reference.config.edgeIndex}`, ingressIndex: `${remote}:${reference.config.ingressIndex}` });
  });
  afterAll(async () => {
    await backend?.close();
    await reference?.cleanup();
    await client.cluster.putSettings({ persistent: { [`cluster.remote.${remote}.seeds`]: null } });
    await client.close();
  });

  it('answers every view as the local patterns do; the health check says aliases could not be read', async () => {
    await expectSameViews(backend, reference.backend);
    const health = await backend.checkHealth();
    expect((health.details.fieldAliases as { unknown?: string }).unknown).toMatch(/^Elasticsearch does not serve the mappings of remote clusters' indices \(hs-self:.+\): a configured name/);
  }, 120_000);
});

describe('indices keeping a synthetic _source', () => {
  // `index.mapping.source.mode: synthetic` (the default of logsdb indices, which Elasticsearch 9
  // gives `logs-*-*` data streams): `_source` is rebuilt from doc values, its keys in their own
  // order, flat dotted keys as nested objects, numbers as their field type writes them. The
  // windows and trace pages read lines from it.
  const run = `hs-it-synthetic-${randomBytes(4).toString('hex')}`;
  let reference: Seeded;
  let backend: LatencyBackend;
  let cleanup: (() => Promise<void>) | undefined;
  // The configured host field as a flat dotted key, which the rebuilt _source nests.
  const hosted = (lines: readonly Record<string, unknown>[]) =>
    lines.map(({ '@source': host, ...line }) => (host === undefined ? line : { ...line, 'host.name': host }));
  const settings = { 'index.mapping.source.mode': 'synthetic' };

  beforeAll(async () => {
    const properties = (requestTime: 'float' | 'keyword') => ({ '@timestamp': { type: 'date' }, trace_id: { type: 'keyword' }, request_time: { type: requestTime } }) as const;
    ({ reference, backend, cleanup } = await beside(
      run,
      { edge: { properties: properties('float'), lines: hosted(edgeLines('numbers')), settings }, ingress: { properties: properties('keyword'), lines: hosted(INGRESS_LINES), settings } },
      sameInBothTiers({ ...DEFAULT_FIELD_NAMES, host: 'host.name' }),
    ));
  });
  afterAll(async () => cleanup?.());

  it('answers every view as indices storing their _source do', async () => {
    const client = new Client({ node: url });
    const sample = await client.search({ index: `${run}-ingress`, size: 1, query: { term: { trace_id: 'a2' } } });
    await client.close();
    // The rebuilt _source nests the flat key: what the lines are read from.
    expect(sample.hits.hits[0]!._source).toMatchObject({ host: { name: 'ingress-2' } });
    await expectSameViews(backend, reference.backend);
  }, 120_000);
});

describe('a trace id keyword with a lowercase normalizer', () => {
  // `"trace_id": { "type": "keyword", "normalizer": "lowercase" }`: a term on `A5` matches the
  // lines of `a5`. The windows join ids as `_source` holds them (as the embedded store does); a
  // trace page kept any line the term matched, so `/traces/A5` showed trace a5 under A5's name.
  const run = `hs-it-normalizer-${randomBytes(4).toString('hex')}`;
  let reference: Seeded;
  let backend: LatencyBackend;
  let cleanup: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const settings: estypes.IndicesIndexSettings = { analysis: { normalizer: { folded: { type: 'custom', filter: ['lowercase'] } } } };
    const properties = (requestTime: 'float' | 'keyword') =>
      ({ '@timestamp': { type: 'date' }, trace_id: { type: 'keyword', normalizer: 'folded' }, request_time: { type: requestTime } }) as const;
    ({ reference, backend, cleanup } = await beside(run, {
      edge: { properties: properties('float'), lines: edgeLines('numbers'), settings },
      ingress: { properties: properties('keyword'), lines: INGRESS_LINES, settings },
    }));
  });
  afterAll(async () => cleanup?.());

  it('finds each trace by its exact id only', async () => {
    expect(withoutRaw(await backend.fetchTrace('a5'))).toEqual(withoutRaw(await reference.backend.fetchTrace('a5')));
    expect(await backend.fetchTrace('A5')).toBeNull();
    expect(await backend.fetchDistributions(WINDOW)).toEqual(await reference.backend.fetchDistributions(WINDOW));
  }, 120_000);
});

describe('trace ids kept as lists', () => {
  // Logstash's add_field onto a field that exists writes the id twice (["a1", "a1"]); other
  // pipelines keep a list of one. A keyword list matches a term on the id, and its items are one id.
  const run = `hs-it-idlist-${randomBytes(4).toString('hex')}`;
  let reference: Seeded;
  let backend: LatencyBackend;
  let cleanup: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const properties = (requestTime: 'float' | 'keyword') =>
      ({ '@timestamp': { type: 'date' }, trace_id: { type: 'keyword' }, request_time: { type: requestTime } }) as const;
    const listed = (lines: readonly Record<string, unknown>[], copies: number) =>
      lines.map((line) => (line.trace_id === undefined ? line : { ...line, trace_id: Array.from({ length: copies }, () => line.trace_id) }));
    ({ reference, backend, cleanup } = await beside(run, {
      edge: { properties: properties('float'), lines: listed(edgeLines('numbers'), 2) },
      ingress: { properties: properties('keyword'), lines: listed(INGRESS_LINES, 1) },
    }));
  });
  afterAll(async () => cleanup?.());

  it('reads a list of one id as that id: every view as plain ids give', async () => {
    await expectSameViews(backend, reference.backend);
  }, 120_000);
});

describe('data streams', () => {
  // Elastic Agent's integrations write to data streams (`logs-nginx.access-default`), whose
  // documents live in hidden backing indices (`.ds-…`) the stream's name stands for.
  const run = `hs-it-stream-${randomBytes(4).toString('hex')}`;
  let reference: Seeded;
  let backend: LatencyBackend;
  const client = new Client({ node: url });

  beforeAll(async () => {
    reference = await seed(edgeLines('numbers'), INGRESS_LINES);
    for (const [tier, lines] of [['edge', edgeLines('numbers')], ['ingress', INGRESS_LINES]] as const) {
      await client.indices.putIndexTemplate({
        name: `${run}-${tier}`,
        index_patterns: [`${run}-${tier}-*`],
        data_stream: {},
        priority: 500,
        template: {
          settings: { number_of_shards: 1, number_of_replicas: 0 },
          mappings: { properties: { '@timestamp': { type: 'date' }, trace_id: { type: 'keyword' }, request_time: tier === 'edge' ? { type: 'float' } : { type: 'keyword' } } },
        },
      });
      const answer = await client.bulk({ refresh: true, operations: lines.flatMap((document) => [{ create: { _index: `${run}-${tier}-default` } }, document]) });
      expect(answer.errors).toBe(false);
    }
    backend = createElasticsearchBackend({ ...reference.config, edgeIndex: `${run}-edge-*`, ingressIndex: `${run}-ingress-default` });
  });
  afterAll(async () => {
    await backend?.close();
    // By name: a wildcard delete is refused (action.destructive_requires_name, on by default since
    // 8.0). The minimal distribution scripts/elasticsearch.sh runs has no data-streams module, so no
    // delete API (405): there its two streams of a few lines, and their templates, which a
    // stream keeps in use, stay in the node's data.
    for (const tier of ['edge', 'ingress']) {
      const deleted = await client.indices.deleteDataStream({ name: `${run}-${tier}-default` }, { ignore: [404, 405], meta: true });
      if (deleted.statusCode !== 405) await client.indices.deleteIndexTemplate({ name: `${run}-${tier}` }, { ignore: [404] });
    }
    await client.close();
    await reference?.cleanup();
  });

  it('answers every view as plain indices do, by a pattern or by the stream\'s name', async () => {
    const health = await backend.checkHealth();
    expect(health.details.matchedIndices).toEqual({ edge: 1, ingress: 1 });
    await expectSameViews(backend, reference.backend);
  }, 120_000);
});

/** Both tiers' lines in one index, told apart by `event.dataset` (as Filebeat writes them); `ingressExtra` is added to each ingress line. */
async function indexBothTiers(client: Client, index: string, ingressExtra: Record<string, unknown> = {}): Promise<void> {
  const lines = [
    ...edgeLines('numbers').map((line) => ({ ...line, 'event.dataset': 'nginx.access' })),
    ...INGRESS_LINES.map((line) => ({ ...line, 'event.dataset': 'nginx.ingress_controller', ...ingressExtra })),
  ];
  const keyword = { type: 'keyword' } as const;
  const timings = { request_time: keyword, upstream_response_time: keyword, upstream_connect_time: keyword };
  await indexWithMapping(client, index, { '@timestamp': { type: 'date' }, trace_id: keyword, ...timings, 'event.dataset': keyword }, lines);
}

describe('filtered index aliases, one a tier, over an index holding both', () => {
  // Shared clusters often hand each team an index alias with a filter
  // (`"filter": {"term": {"event.dataset": "nginx.access"}}`) instead of indices: every request of
  // a tier (searches on a point in time, field caps, mappings) must see only the alias's documents.
  const run = `hs-it-aliasfilter-${randomBytes(4).toString('hex')}`;
  let reference: Seeded;
  let backend: LatencyBackend;
  const client = new Client({ node: url });

  beforeAll(async () => {
    reference = await seed(edgeLines('numbers'), INGRESS_LINES);
    await indexBothTiers(client, `${run}-all`);
    await client.indices.updateAliases({
      actions: [
        { add: { index: `${run}-all`, alias: `${run}-edge`, filter: { term: { 'event.dataset': 'nginx.access' } } } },
        { add: { index: `${run}-all`, alias: `${run}-ingress`, filter: { term: { 'event.dataset': 'nginx.ingress_controller' } } } },
      ],
    });
    backend = createElasticsearchBackend({ ...reference.config, edgeIndex: `${run}-edge`, ingressIndex: `${run}-ingress` });
  });
  afterAll(async () => {
    await backend?.close();
    await client.indices.delete({ index: `${run}-all` }, { ignore: [404] });
    await client.close();
    await reference?.cleanup();
  });

  it('answers every view as separate indices do', async () => {
    expect((await backend.checkHealth()).ok).toBe(true);
    await expectSameViews(backend, reference.backend);
    expect(await backend.fetchExtent()).toEqual(await reference.backend.fetchExtent());
  }, 120_000);
});

describe('both tiers in one index pattern, told apart by tier filters', () => {
  // Filebeat writes every module to `filebeat-*` (`event.dataset` tells them apart): with both
  // tiers in one pattern, each tier read the other's lines as its own. Here one index holds both;
  // the edge filter is a field's absence (ingress lines carry `kubernetes.namespace`), the ingress
  // filter a list of values.
  const run = `hs-it-shared-${randomBytes(4).toString('hex')}`;
  let reference: Seeded;
  let backend: LatencyBackend;
  const client = new Client({ node: url });

  beforeAll(async () => {
    reference = await seed(edgeLines('numbers'), INGRESS_LINES);
    await indexBothTiers(client, `${run}-all`, { kubernetes: { namespace: 'ingress-nginx' } });
    backend = createElasticsearchBackend({
      ...reference.config,
      edgeIndex: `${run}-*`,
      ingressIndex: `${run}-*`,
      tierFilters: { edge: { 'kubernetes.namespace': null }, ingress: { 'event.dataset': ['nginx.ingress_controller', 'other'] } },
    });
  });
  afterAll(async () => {
    await backend?.close();
    await client.indices.delete({ index: `${run}-*` });
    await client.close();
    await reference?.cleanup();
  });

  it('answers every view as separate indices do; the health check names the filters', async () => {
    const health = await backend.checkHealth();
    expect(health.details.tierFilters).toEqual({ edge: 'kubernetes.namespace absent', ingress: 'event.dataset ∈ {nginx.ingress_controller, other}' });
    await expectSameViews(backend, reference.backend);
    expect(await backend.fetchExtent()).toEqual(await reference.backend.fetchExtent());
    // A snapshot says where its lines came from, filters included.
    const dir = mkdtempSync(path.join(tmpdir(), 'hopscope-filtered-snapshot-'));
    const frozen = await backend.freezeWindow({ fromMs: WINDOW.fromMs, toMs: WINDOW.toMs, dir, rawTraces: 100, slowMs: 1_000 });
    expect(frozen.sources).toEqual({ edge: `${run}-* where kubernetes.namespace absent`, ingress: `${run}-* where event.dataset ∈ {nginx.ingress_controller, other}` });
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
