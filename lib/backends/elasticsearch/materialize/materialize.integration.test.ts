import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDuckdbBackend } from '@/lib/backends/duckdb';
import { createElasticsearchBackend, type ElasticsearchBackendConfig } from '@/lib/backends/elasticsearch';
import type { LatencyBackend } from '@/lib/backends/types';
import { DEFAULT_FIELD_NAMES, sameInBothTiers } from '@/lib/domain/field-names';
import { getBucketTraces } from '@/lib/services/get-bucket-traces';
import { getHistograms } from '@/lib/services/get-histograms';
import { getTriageSummary } from '@/lib/services/triage/get-triage-summary';
import { requireElasticsearchUrl } from '@/test-support/elasticsearch-node';
import { startElasticsearchProxy, type ElasticsearchProxy } from '@/test-support/elasticsearch-proxy';
import { writeTierFiles } from '@/test-support/ndjson-files';
import { deleteSeeded, seedElasticsearch } from '@/scripts/seed-elasticsearch';
import { generateIncident } from '@/scripts/sample/incident-generator';
import { FRESH_REUSE_MS } from './slice-cache';
import { sliceKey, windowSlices } from './slice-plan';

/**
 * Materialized windows on the real node against the embedded store on the same lines: slices
 * read once and reused, fresh slices read again, late lines, eviction, and concurrent cold
 * requests. Every answer must equal the embedded store's but for the backend's name.
 */
const url = requireElasticsearchUrl();
const T0 = Date.UTC(2020, 10, 19, 2);
const HOUR_MS = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const WINDOW = { from: iso(T0), to: iso(T0 + 2 * HOUR_MS) };
const { edge, ingress } = generateIncident({ scenario: 'incident', traces: 3_000, seed: 11, startMs: T0, hours: 2 });

/** A trace of one line per tier at `atMs`, 1.5 s at the edge: lands in every histogram. */
function lateTrace(id: string, atMs: number) {
  const line = { '@timestamp': iso(atMs), trace_id: id, app_name: 'user-api', path: '/late', status: '200', request_method: 'GET' };
  return {
    edge: { ...line, '@source': 'edge-nginx-1', request_time: 1.5, upstream_connect_time: '0.001', upstream_response_time: '1.400', upstream_addr: '10.20.0.11:80' },
    ingress: { ...line, '@source': 'ingress-node-1', request_time: '1.390', upstream_connect_time: '0.001', upstream_response_time: '1.380', upstream_addr: '10.1.0.5:8000' },
  };
}

const withoutBackendName = <T extends { backend?: unknown }>(answer: T) => ({ ...answer, backend: undefined });

/** The answers every case compares: the four histograms, a drill-down page and the triage summary. */
async function answers(backend: LatencyBackend, window: { from: string; to: string }) {
  const [histograms, traces, summary] = await Promise.all([
    getHistograms(backend, window),
    getBucketTraces(backend, { ...window, histogram: 'edge', fromMs: '1000', toMs: '2000', limit: '20' }),
    getTriageSummary(backend, window),
  ]);
  return { histograms: withoutBackendName(histograms), traces, summary: withoutBackendName(summary) };
}

describe('Elasticsearch windows materialized by slices, against the embedded store', () => {
  const client = new Client({ node: url });
  const run = `hs-mat-${randomBytes(4).toString('hex')}`;
  const edgePrefix = `${run}-nginx-access-`;
  const ingressPrefix = `${run}-ingress-`;
  const cacheRoot = mkdtempSync(path.join(os.tmpdir(), 'hopscope-test-materialize-'));
  const opened: LatencyBackend[] = [];
  let proxy: ElasticsearchProxy;

  const elastic = (settings: Partial<ElasticsearchBackendConfig> = {}) => {
    const backend = createElasticsearchBackend({
      url,
      requestTimeoutMs: 30_000,
      edgeIndex: `${edgePrefix}*`,
      ingressIndex: `${ingressPrefix}*`,
      fields: sameInBothTiers(DEFAULT_FIELD_NAMES),
      cacheDir: mkdtempSync(path.join(cacheRoot, 'cache-')),
      ...settings,
    });
    opened.push(backend);
    return backend;
  };
  const embedded = (extraEdge: object[] = [], extraIngress: object[] = []) => {
    const { edgeFile, ingressFile } = writeTierFiles([...edge, ...extraEdge], [...ingress, ...extraIngress]);
    const backend = createDuckdbBackend({ edgeFiles: [edgeFile], ingressFiles: [ingressFile], fields: sameInBothTiers(DEFAULT_FIELD_NAMES) });
    opened.push(backend);
    return backend;
  };
  const seed = async (edgeDocuments: object[], ingressDocuments: object[]) => {
    const summary = await seedElasticsearch({
      client,
      edge: { indexPrefix: edgePrefix, documents: edgeDocuments as Record<string, unknown>[] },
      ingress: { indexPrefix: ingressPrefix, documents: ingressDocuments as Record<string, unknown>[] },
      shards: 2,
    });
    expect(summary.errors).toEqual([]);
  };

  beforeAll(async () => {
    await seed(edge, ingress);
    proxy = await startElasticsearchProxy(url);
  }, 120_000);

  afterAll(async () => {
    for (const backend of opened) await backend.close();
    await proxy?.close();
    await deleteSeeded(client, [edgePrefix, ingressPrefix]);
    await client.close();
    rmSync(cacheRoot, { recursive: true, force: true });
  });

  it('a window spanning settled and fresh slices, lines arriving late inside and outside the margin, and a refresh', async () => {
    // Slices ending by T0 + 1 h are settled (read once, kept on disk); later ones are fresh.
    const cacheDir = mkdtempSync(path.join(cacheRoot, 'fresh-'));
    const backend = elastic({ cacheDir, lateMarginMs: Date.now() - (T0 + HOUR_MS) });
    const reference = embedded();
    expect(await answers(backend, WINDOW)).toEqual(await answers(reference, WINDOW));
    const kept = () => readdirSync(path.join(cacheDir, readdirSync(cacheDir)[0]!)).filter((name) => name.includes('~'));
    // Edge quarters 02:00–03:00 (4) and ingress quarters 01:45–03:00 (5): the settled ones, kept.
    expect(kept()).toHaveLength(9);

    // One late trace in a fresh slice and one in a settled slice.
    const fresh = lateTrace('late-fresh', T0 + 1.5 * HOUR_MS);
    const settled = lateTrace('late-settled', T0 + 0.25 * HOUR_MS);
    const lateEdge = [fresh.edge, settled.edge];
    const lateIngress = [fresh.ingress, settled.ingress];
    // A backend whose window is all settled, opened before the late lines arrive.
    const allSettled = elastic();
    expect(await answers(allSettled, WINDOW)).toEqual(await answers(reference, WINDOW));
    await seed(lateEdge, lateIngress);
    try {
      await new Promise((resolve) => setTimeout(resolve, FRESH_REUSE_MS + 100));
      // The fresh slice is read again, and the settled slice too, as its count of lines changed.
      const withLate = await answers(embedded(lateEdge, lateIngress), WINDOW);
      expect(await answers(backend, WINDOW)).toEqual(withLate);
      // A window whose engine is open and settled is answered as read, until it is refreshed.
      expect(await answers(allSettled, WINDOW)).toEqual(await answers(reference, WINDOW));
      allSettled.refreshWindow?.(T0, T0 + 2 * HOUR_MS);
      expect(await answers(allSettled, WINDOW)).toEqual(withLate);
    } finally {
      // The other cases read the generated lines only (the test node has no delete-by-query).
      const late = await client.search({ index: [`${edgePrefix}*`, `${ingressPrefix}*`], size: 100, query: { prefix: { trace_id: 'late-' } }, _source: false });
      await client.bulk({ operations: late.hits.hits.map((hit) => ({ delete: { _index: hit._index, _id: hit._id! } })), refresh: true });
    }
  }, 180_000);

  it('evicts under a tiny cache (all but the open engine\'s slices) and reads again: the same answers', async () => {
    const cacheDir = mkdtempSync(path.join(cacheRoot, 'tiny-'));
    const backend = elastic({ cacheDir, cacheBytes: 1, maxOpenLines: 1 });
    const reference = embedded();
    const firstHour = { from: iso(T0), to: iso(T0 + HOUR_MS) };
    const secondHour = { from: iso(T0 + HOUR_MS), to: iso(T0 + 2 * HOUR_MS) };
    for (const window of [firstHour, secondHour, firstHour, WINDOW]) {
      expect(await answers(backend, window), JSON.stringify(window)).toEqual(await answers(reference, window));
      // Beyond the budget, only the files the open engine reads (the window's own slices) are left.
      const folder = path.join(cacheDir, readdirSync(cacheDir)[0]!);
      const slices = windowSlices(Date.parse(window.from), Date.parse(window.to));
      const wanted = new Set([...slices.edge.map((slice) => sliceKey('edge', slice)), ...slices.ingress.map((slice) => sliceKey('ingress', slice))]);
      const kept = readdirSync(folder).filter((name) => name.endsWith('.parquet')).map((name) => name.replace(/~\d+~r[0-9a-z]+\.parquet$/, ''));
      expect(kept.length).toBeGreaterThan(0);
      for (const name of kept) expect(wanted.has(name), name).toBe(true);
    }
  }, 180_000);

  it('a sampled first answer: the traces of a trace id range, as the embedded store answers for them; then the exact one', async () => {
    const backend = elastic({ sampleThresholdLines: 1, sampleTargetLines: 300 });
    const sampleFirst = { ...WINDOW, sample: 'first' };
    const [histograms, summary] = await Promise.all([getHistograms(backend, sampleFirst), getTriageSummary(backend, sampleFirst)]);
    // ~3,000 edge lines, 300 aimed at: the first 26 of the 256 two-digit prefixes.
    expect(histograms.sample).toMatchObject({ kind: 'trace_id_range', traceIdFrom: '00', traceIdTo: '1a', fraction: 26 / 256 });
    expect(histograms.sample?.message).toMatch(/^A first answer from a sample: the traces whose trace id starts with 00 to 19, about 1 in 10 \(\d[\d,]* of ~\d[\d,]* edge lines\)/);
    // Every part of the verdict comes from the same sample.
    for (const part of [summary.attribution, summary.correlations, summary.retransmissions]) expect(part.sample).toEqual(histograms.sample);
    const inRange = (line: { trace_id?: unknown }) => typeof line.trace_id === 'string' && line.trace_id >= '00' && line.trace_id < '1a';
    const sampledEdge = edge.filter(inRange);
    expect(sampledEdge.length).toBeGreaterThan(200);
    expect(sampledEdge.length).toBeLessThan(420);
    const { edgeFile, ingressFile } = writeTierFiles(sampledEdge, ingress.filter(inRange));
    const sampled = createDuckdbBackend({ edgeFiles: [edgeFile], ingressFiles: [ingressFile], fields: sameInBothTiers(DEFAULT_FIELD_NAMES) });
    opened.push(sampled);
    const withoutSample = <T extends object>(answer: T) => JSON.parse(JSON.stringify(answer, (key, value) => (key === 'sample' || key === 'backend' ? undefined : value)));
    expect(withoutSample(histograms)).toEqual(withoutSample(await getHistograms(sampled, WINDOW)));
    expect(withoutSample(summary)).toEqual(withoutSample(await getTriageSummary(sampled, WINDOW)));
    // Asked again without sample=first: the exact answer, every trace.
    const exact = await getHistograms(backend, WINDOW);
    expect(exact.sample).toBeNull();
    expect(withoutBackendName(exact)).toEqual(withoutBackendName(await getHistograms(embedded(), WINDOW)));
    // Once the window is read, sample=first answers exactly too.
    expect((await getHistograms(backend, sampleFirst)).sample).toBeNull();
  }, 180_000);

  it('no sample of ids that are not random hex: the first answer waits for the exact one', async () => {
    const structured = `${run}-ids`;
    const renamed = <T extends { trace_id?: unknown }>(line: T) => ({ ...line, trace_id: `req-${String(line.trace_id)}` });
    const summary = await seedElasticsearch({
      client,
      edge: { indexPrefix: `${structured}-nginx-access-`, documents: edge.map(renamed) as Record<string, unknown>[] },
      ingress: { indexPrefix: `${structured}-ingress-`, documents: ingress.map(renamed) as Record<string, unknown>[] },
      shards: 1,
    });
    expect(summary.errors).toEqual([]);
    try {
      const backend = elastic({ edgeIndex: `${structured}-nginx-access-*`, ingressIndex: `${structured}-ingress-*`, sampleThresholdLines: 1, sampleTargetLines: 300 });
      const first = await getHistograms(backend, { ...WINDOW, sample: 'first' });
      expect(first.sample).toBeNull();
      expect(first.counts).toEqual((await getHistograms(embedded(), WINDOW)).counts);
    } finally {
      await deleteSeeded(client, [`${structured}-nginx-access-`, `${structured}-ingress-`]);
    }
  }, 180_000);

  it('upper-case hex ids are sampled too, by the range written in their case', async () => {
    const upper = `${run}-upper`;
    const raised = <T extends { trace_id?: unknown }>(line: T) => ({ ...line, trace_id: typeof line.trace_id === 'string' ? line.trace_id.toUpperCase() : line.trace_id });
    const [upperEdge, upperIngress] = [edge.map(raised), ingress.map(raised)];
    const summary = await seedElasticsearch({
      client,
      edge: { indexPrefix: `${upper}-nginx-access-`, documents: upperEdge as Record<string, unknown>[] },
      ingress: { indexPrefix: `${upper}-ingress-`, documents: upperIngress as Record<string, unknown>[] },
      shards: 1,
    });
    expect(summary.errors).toEqual([]);
    try {
      const backend = elastic({ edgeIndex: `${upper}-nginx-access-*`, ingressIndex: `${upper}-ingress-*`, sampleThresholdLines: 1, sampleTargetLines: 300 });
      const first = await getHistograms(backend, { ...WINDOW, sample: 'first' });
      // In byte order 'A'-'F' come before 'a': the lower-case range ['00', '1a') would take the ids
      // from '1A' to '1F' as well (32 prefixes, not 26). The sample is the upper-case range.
      expect(first.sample).toMatchObject({ kind: 'trace_id_range', traceIdFrom: '00', traceIdTo: '1A', fraction: 26 / 256 });
      expect(first.sample?.message).toMatch(/starts with 00 to 19, about 1 in 10/);
      const inRange = (line: { trace_id?: unknown }) => typeof line.trace_id === 'string' && line.trace_id >= '00' && line.trace_id < '1A';
      const { edgeFile, ingressFile } = writeTierFiles(upperEdge.filter(inRange), upperIngress.filter(inRange));
      const sampled = createDuckdbBackend({ edgeFiles: [edgeFile], ingressFiles: [ingressFile], fields: sameInBothTiers(DEFAULT_FIELD_NAMES) });
      opened.push(sampled);
      const withoutSample = <T extends object>(answer: T) => JSON.parse(JSON.stringify(answer, (key, value) => (key === 'sample' || key === 'backend' ? undefined : value)));
      expect(withoutSample(first)).toEqual(withoutSample(await getHistograms(sampled, WINDOW)));
    } finally {
      await deleteSeeded(client, [`${upper}-nginx-access-`, `${upper}-ingress-`]);
    }
  }, 180_000);

  it('two concurrent cold requests for overlapping windows share their slices: each slice is read once', async () => {
    const backend = elastic({ url: proxy.url });
    const reference = embedded();
    const first = { from: iso(T0), to: iso(T0 + 1.5 * HOUR_MS) };
    const second = { from: iso(T0 + 0.5 * HOUR_MS), to: iso(T0 + 2 * HOUR_MS) };
    const before = proxy.requests.length;
    const [fromFirst, fromSecond] = await Promise.all([answers(backend, first), answers(backend, second)]);
    expect(fromFirst).toEqual(await answers(reference, first));
    expect(fromSecond).toEqual(await answers(reference, second));
    // One point in time per slice read: edge quarters 02:00–04:00 (8) and ingress 01:45–04:15 (10).
    const pointsInTime = proxy.requests.slice(before).filter((request) => request.method === 'POST' && request.path.includes('_pit'));
    expect(pointsInTime).toHaveLength(18);
  }, 180_000);
});
