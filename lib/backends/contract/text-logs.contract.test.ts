import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDuckdbBackend } from '@/lib/backends/duckdb';
import type { LatencyBackend } from '@/lib/backends/types';
import { DEFAULT_FIELD_NAMES, sameInBothTiers } from '@/lib/domain/field-names';
import { HISTOGRAM_NAMES } from '@/lib/domain/histogram-names';
import type { TierDocument } from '@/lib/domain/tier-document';
import type { TraceDetail } from '@/lib/domain/trace';
import { getBucketTraces } from '@/lib/services/get-bucket-traces';
import { getConnectTimeline } from '@/lib/services/get-connect-timeline';
import { getEdgeHistogram } from '@/lib/services/get-edge-histogram';
import { getHistograms } from '@/lib/services/get-histograms';
import { getSuggestions } from '@/lib/services/get-suggestions';
import { getTrace } from '@/lib/services/get-trace';
import { getAttribution } from '@/lib/services/triage/get-attribution';
import { getConnectionReuse } from '@/lib/services/triage/get-connection-reuse';
import { getCorrelations } from '@/lib/services/triage/get-correlations';
import { getRetransmissions } from '@/lib/services/triage/get-retransmissions';
import { getTriageSummary } from '@/lib/services/triage/get-triage-summary';
import { writeTierFiles } from '@/test-support/ndjson-files';
import { generateIncident } from '@/scripts/sample/incident-generator';
import { SAMPLE_EDGE_LOG_FORMAT, SAMPLE_INGRESS_LOG_FORMAT, toEdgeTextLine, toIngressTextLine } from '@/scripts/sample/text-lines';
import type { IngressDocument } from '@/scripts/sample/tier-documents';

/**
 * The same generated incident loaded as NDJSON and as raw nginx text (the edge in a custom
 * log_format, the ingress in the controller's default format plus $upstream_connect_time, one file
 * per node named with its host) must give identical answers from every service.
 *
 * "The same data" is what both forms carry: the ingress format's $time_local has whole seconds,
 * so the NDJSON side's ingress @timestamp is cut to the second too. Everything else (timings,
 * retries, "-", 499s, duplicates, one-tier traces) is written from the very same documents.
 */

const { edge, ingress } = generateIncident({ traces: 4_000, seed: 5 });
const WINDOW = { from: '2020-11-19T02:00:00Z', to: '2020-11-19T06:00:00Z' };
const NARROW = { from: '2020-11-19T03:17:30Z', to: '2020-11-19T03:48:10Z' };
const QUERIES: Record<string, string>[] = [
  WINDOW,
  NARROW,
  { ...WINDOW, app: 'user-api' },
  { ...WINDOW, path: '/app/v1/user/ping' },
  { ...WINDOW, latencyMin: '1' },
];

const toWholeSecond = (iso: string) => new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toISOString();

function writeTextFiles(): { edgeFile: string; ingressEntries: string[] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'hopscope-text-'));
  const edgeFile = path.join(dir, 'edge.log');
  writeFileSync(edgeFile, edge.map((doc) => `${toEdgeTextLine(doc)}\n`).join(''));
  const byNode = new Map<string, string[]>();
  for (const doc of ingress) byNode.set(doc['@source'], [...(byNode.get(doc['@source']) ?? []), toIngressTextLine(doc)]);
  const ingressEntries = [...byNode].map(([node, lines]) => {
    const file = path.join(dir, `${node}.access.log`);
    writeFileSync(file, lines.map((line) => `${line}\n`).join(''));
    return `${node}=${file}`;
  });
  return { edgeFile, ingressEntries };
}

describe('raw nginx text and NDJSON of the same incident give identical answers', () => {
  let fromJson: LatencyBackend;
  let fromText: LatencyBackend;
  const askBoth = async <T,>(call: (backend: LatencyBackend) => Promise<T>): Promise<[T, T]> => Promise.all([call(fromJson), call(fromText)]);

  beforeAll(() => {
    const ingressAsText: IngressDocument[] = ingress.map((doc) => ({ ...doc, '@timestamp': toWholeSecond(doc['@timestamp']) }));
    const json = writeTierFiles(edge, ingressAsText);
    fromJson = createDuckdbBackend({ edgeFiles: [json.edgeFile], ingressFiles: [json.ingressFile], fields: sameInBothTiers(DEFAULT_FIELD_NAMES) });
    const text = writeTextFiles();
    fromText = createDuckdbBackend({
      edgeFiles: [text.edgeFile],
      ingressFiles: text.ingressEntries,
      edgeFormat: SAMPLE_EDGE_LOG_FORMAT,
      ingressFormat: SAMPLE_INGRESS_LOG_FORMAT,
      fields: sameInBothTiers(DEFAULT_FIELD_NAMES),
    });
  });

  afterAll(async () => {
    await fromJson?.close();
    await fromText?.close();
  });

  it('reads every line of the text files, none unreadable', async () => {
    const health = await fromText.checkHealth();
    expect(health.details).toMatchObject({
      lines: { edge: edge.length, ingress: ingress.length },
      unreadableLines: { edge: 0, ingress: 0 },
      formats: { edge: { format: 'log_format' }, ingress: { format: 'log_format' } },
    });
  });

  it.each(QUERIES.map((query) => [new URLSearchParams(query).toString(), query]))('histograms and the edge histogram for %s', async (_label, query) => {
    const [json, text] = await askBoth((backend) => getHistograms(backend, query));
    expect(json.counts.joined).toBeGreaterThan(0);
    expect(text).toEqual(json);
    const [jsonEdge, textEdge] = await askBoth((backend) => getEdgeHistogram(backend, query));
    expect(textEdge).toEqual(jsonEdge);
  });

  it('drill-down pages of every histogram', async () => {
    for (const histogram of HISTOGRAM_NAMES) {
      for (const selection of [{ fromMs: '1000', toMs: '1100' }, { fromMs: '0', toMs: '100' }]) {
        const params = { ...WINDOW, histogram, ...selection, limit: '20' };
        const [json, text] = await askBoth((backend) => getBucketTraces(backend, params));
        if (selection.fromMs === '0') expect(json.traces.length).toBeGreaterThan(0);
        expect(text, JSON.stringify(params)).toEqual(json);
      }
    }
  });

  it('trace details: the fields both forms carry (the ingress format has no $host or $upstream_header_time)', async () => {
    const comparable = (detail: TraceDetail | null) => {
      if (!detail) return detail;
      const strip = (doc: TierDocument | null) => doc && { ...doc, raw: undefined, domain: undefined, upstreamHeaderMs: undefined, headerTotalMs: undefined };
      return { ...detail, edge: detail.edge && { ...detail.edge, raw: undefined }, ingress: strip(detail.ingress) };
    };
    const ids = [...new Set(edge.map((doc) => doc.trace_id))].filter((_, index) => index % 97 === 0);
    const duplicated = edge.find((doc, index) => edge.findIndex((other) => other.trace_id === doc.trace_id) !== index);
    expect(duplicated).toBeDefined();
    for (const id of [...ids, duplicated!.trace_id]) {
      const [json, text] = await askBoth((backend) => getTrace(backend, id));
      expect(json, id).not.toBeNull();
      expect(comparable(text), id).toEqual(comparable(json));
    }
  });

  it('connect timelines of both tiers, by host and by upstream address', async () => {
    for (const tier of ['edge', 'ingress']) {
      for (const groupBy of ['host', 'upstreamAddr']) {
        const params = { ...WINDOW, tier, groupBy };
        const [json, text] = await askBoth((backend) => getConnectTimeline(backend, params));
        expect(json.series.length).toBeGreaterThan(0);
        expect(text, JSON.stringify(params)).toEqual(json);
      }
    }
  });

  it('suggestions and every triage answer', async () => {
    for (const params of [{ ...WINDOW, field: 'app' }, { ...WINDOW, field: 'path', app: 'user-api' }]) {
      const [json, text] = await askBoth((backend) => getSuggestions(backend, params));
      expect(text).toEqual(json);
    }
    const calls: ((backend: LatencyBackend) => Promise<unknown>)[] = [
      (backend) => getTriageSummary(backend, WINDOW),
      (backend) => getAttribution(backend, WINDOW),
      (backend) => getCorrelations(backend, WINDOW),
      (backend) => getRetransmissions(backend, WINDOW),
      (backend) => getConnectionReuse(backend, WINDOW),
    ];
    for (const call of calls) {
      const [json, text] = await askBoth(call);
      expect(text).toEqual(json);
    }
    const [summary] = await askBoth((backend) => getTriageSummary(backend, WINDOW));
    expect(JSON.stringify(summary)).toContain('ingress-node-2');
  });
});
