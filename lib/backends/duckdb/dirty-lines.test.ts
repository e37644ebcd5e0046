import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_NAMES, sameInBothTiers } from '@/lib/domain/field-names';
import type { LatencyBackend } from '@/lib/backends/types';
import type { AnswerNotice } from '@/lib/domain/answer-notices';
import { createDuckdbBackend } from './index';

/**
 * Lines DuckDB's JSON reader cannot read (invalid UTF-8, broken JSON, JSON that is no object)
 * must not cost the rest of the file: they are counted per tier and every other line loads.
 */

const T0 = Date.parse('2020-11-19T10:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const line = (doc: object) => Buffer.from(`${JSON.stringify(doc)}\n`, 'utf8');
const bytes = (text: string) => Buffer.from(text, 'latin1');

/**
 * Edge file, by hand:
 *   e1  valid, t1 0.100 s                                  → trace
 *   e2  trace_id with bytes 0xFF 0xFE (invalid UTF-8)      → unreadable
 *   e3  request_time "0.3" + 0xC3 (truncated sequence)     → unreadable
 *   e4  valid, t4 0.400 s                                  → trace
 *   e5  "not json at all"                                  → unreadable
 *   e6  an object cut short                                → unreadable
 *   e7  [1, 2] (JSON, not an object)                       → unreadable
 *   e8  trace_id "t8\uFFFD" (what a shipper sends after replacing bad bytes) 0.8 s → trace
 *   e9  request_time "0.9\uFFFD"                           → skipped: request_time unparsable
 * → 3 traces (t1 t4 t8), edge 100 400 800, 5 unreadable edge lines, 1 skipped.
 * Ingress file: t1 valid; one line of Latin-1 "é" (0xE9 alone) → 1 unreadable ingress line.
 */
function writeFiles(): { edgeFile: string; ingressFile: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'hopscope-unreadable-'));
  const edge = Buffer.concat([
    line({ '@timestamp': at(1), trace_id: 't1', request_time: '0.100' }),
    bytes(`{"@timestamp":"${at(2)}","trace_id":"b\xff\xfe","request_time":"0.200"}\n`),
    bytes(`{"@timestamp":"${at(3)}","trace_id":"t3","request_time":"0.3\xc3"}\n`),
    line({ '@timestamp': at(4), trace_id: 't4', request_time: '0.400' }),
    bytes('not json at all\n'),
    bytes(`{"@timestamp":"${at(6)}","trace_id":"t6","request_time":\n`),
    bytes('[1, 2]\n'),
    line({ '@timestamp': at(8), trace_id: 't8\uFFFD', request_time: '0.800' }),
    line({ '@timestamp': at(9), trace_id: 't9', request_time: '0.9\uFFFD' }),
  ]);
  const ingress = Buffer.concat([
    line({ '@timestamp': at(1), trace_id: 't1', request_time: '0.090', upstream_response_time: '0.080' }),
    bytes(`{"@timestamp":"${at(5)}","trace_id":"t5","path":"/caf\xe9","request_time":"0.050"}\n`),
  ]);
  const files = { edgeFile: path.join(dir, 'edge.ndjson'), ingressFile: path.join(dir, 'ingress.ndjson') };
  writeFileSync(files.edgeFile, edge);
  writeFileSync(files.ingressFile, ingress);
  return files;
}

describe('DuckDB: unreadable lines', () => {
  let backend: LatencyBackend;
  beforeAll(() => {
    const { edgeFile, ingressFile } = writeFiles();
    backend = createDuckdbBackend({ edgeFiles: [edgeFile], ingressFiles: [ingressFile], fields: sameInBothTiers(DEFAULT_FIELD_NAMES) });
  });
  afterAll(() => backend.close());

  it('loads the readable lines and counts the others per tier', async () => {
    const { counts, distributions } = await backend.fetchDistributions({
      fromMs: T0, toMs: T0 + 60_000, app: null, path: null, latencyMinMs: null, latencyMaxMs: null,
    });
    expect(counts).toEqual({
      edge: 3,
      joined: 1,
      edgeOnly: 2,
      duplicates: { edge: 0, ingress: 0 },
      skipped: [{ tier: 'edge', field: 'requestTime', reason: 'unparsable', count: 1 }],
      unreadableLines: { edge: 5, ingress: 1 },
      unreadableReasons: { edge: 'not a JSON object, or not UTF-8', ingress: 'not a JSON object, or not UTF-8' },
    });
    expect(distributions.edge).toEqual([{ valueMs: 100, count: 1 }, { valueMs: 400, count: 1 }, { valueMs: 800, count: 1 }]);
  });

  it('reports the unreadable edge lines with the edge answer alone, as in the full answer', async () => {
    const { counts, distribution } = await backend.fetchEdgeDistribution({
      fromMs: T0, toMs: T0 + 60_000, app: null, path: null, latencyMinMs: null, latencyMaxMs: null,
    });
    expect(counts).toEqual({
      edge: 3,
      duplicates: { edge: 0 },
      skipped: [{ tier: 'edge', field: 'requestTime', reason: 'unparsable', count: 1 }],
      unreadableLines: { edge: 5 },
      unreadableReasons: { edge: 'not a JSON object, or not UTF-8' },
    });
    expect(distribution).toEqual([{ valueMs: 100, count: 1 }, { valueMs: 400, count: 1 }, { valueMs: 800, count: 1 }]);
  });

  it('keeps the replacement character of a shipped trace id, so the trace can be opened', async () => {
    const trace = await backend.fetchTrace('t8\uFFFD');
    expect(trace?.edge?.requestTimeMs).toBe(800);
  });

  it('reports the loaded and the unreadable lines in its health details', async () => {
    const health = await backend.checkHealth();
    expect(health.details).toMatchObject({ lines: { edge: 4, ingress: 1 }, unreadableLines: { edge: 5, ingress: 1 } });
  });
});

/**
 * trace_id objects and arrays: Elasticsearch refuses an object in a keyword field at index time
 * (dirty-documents.integration.test.ts); the embedded store reads any JSON, so it counts both as
 * trace_id missing rather than guessing an id.
 */
describe('DuckDB: trace ids that are objects or arrays', () => {
  let backend: LatencyBackend;
  beforeAll(() => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hopscope-trace-ids-'));
    const edgeFile = path.join(dir, 'edge.ndjson');
    const ingressFile = path.join(dir, 'ingress.ndjson');
    const docs = [
      { '@timestamp': at(1), trace_id: { id: 'a' }, request_time: '0.100' },
      { '@timestamp': at(2), trace_id: ['b', 'c'], request_time: '0.200' },
      { '@timestamp': at(3), trace_id: [], request_time: '0.300' },
      { '@timestamp': at(4), trace_id: false, request_time: '0.400' },
      { '@timestamp': at(5), trace_id: 'd', request_time: '0.500' },
    ];
    writeFileSync(edgeFile, Buffer.concat(docs.map(line)));
    writeFileSync(ingressFile, '');
    backend = createDuckdbBackend({ edgeFiles: [edgeFile], ingressFiles: [ingressFile], fields: sameInBothTiers(DEFAULT_FIELD_NAMES) });
  });
  afterAll(() => backend.close());

  it('counts them as trace_id missing and keeps the string id', async () => {
    const { counts } = await backend.fetchDistributions({
      fromMs: T0, toMs: T0 + 60_000, app: null, path: null, latencyMinMs: null, latencyMaxMs: null,
    });
    expect(counts.edge).toBe(1);
    expect(counts.skipped).toEqual([{ tier: 'edge', field: 'traceId', reason: 'missing', count: 4 }]);
  });
});

/**
 * nginx's own JSON log with `"msec":"$msec"` (seconds with milliseconds, as text) or `$msec` as a
 * bare number, named as the time field: read as seconds, not as milliseconds of January 1970.
 */
describe("DuckDB: nginx's $msec as the time field", () => {
  let backend: LatencyBackend;
  const msec = (seconds: number) => ((T0 + seconds * 1000) / 1000).toFixed(3);
  beforeAll(() => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hopscope-msec-'));
    const edgeFile = path.join(dir, 'edge.ndjson');
    const ingressFile = path.join(dir, 'ingress.ndjson');
    writeFileSync(edgeFile, Buffer.concat([
      line({ msec: msec(1.25), trace_id: 'a', request_time: '0.100' }),
      line({ msec: Number(msec(2.5)), trace_id: 'b', request_time: '0.200' }),
      // Microseconds are no time: told, not put in a year nobody looks at.
      line({ msec: String((T0 + 3000) * 1000), trace_id: 'c', request_time: '0.300' }),
    ]));
    writeFileSync(ingressFile, Buffer.concat([
      line({ msec: msec(1.2), trace_id: 'a', request_time: '0.090', upstream_response_time: '0.080' }),
      line({ msec: Number(msec(2.45)), trace_id: 'b', request_time: '0.190', upstream_response_time: '0.180' }),
    ]));
    backend = createDuckdbBackend({ edgeFiles: [edgeFile], ingressFiles: [ingressFile], fields: sameInBothTiers({ ...DEFAULT_FIELD_NAMES, timestamp: 'msec' }) });
  });
  afterAll(() => backend.close());

  it('places and joins the lines at their time, to the millisecond', async () => {
    expect(await backend.fetchExtent()).toEqual({ fromMs: T0 + 1250, toMs: T0 + 2501 });
    const notices: AnswerNotice[] = [];
    const { counts, distributions } = await backend.fetchDistributions(
      { fromMs: T0, toMs: T0 + 60_000, app: null, path: null, latencyMinMs: null, latencyMaxMs: null },
      { onNotice: (notice) => notices.push(notice) },
    );
    expect(counts).toMatchObject({ edge: 2, joined: 2, edgeOnly: 0, skipped: [] });
    // The line of microseconds is in no window: said with every answer, not left out in silence.
    expect(notices).toEqual([expect.objectContaining({ code: 'lines_without_time', tier: 'edge', field: 'msec', lines: 1 })]);
    expect(notices[0]?.message).toMatch(/^1 edge line carries no time hopscope can read in msec /);
    expect((await backend.checkHealth()).details).toMatchObject({ linesWithoutTime: { edge: 1, ingress: 0 } });
    expect(distributions.edgeMinusIngress).toEqual([{ valueMs: 10, count: 2 }]);
    const trace = await backend.fetchTrace('a');
    expect(trace?.edge?.timestampMs).toBe(T0 + 1250);
    expect(trace?.ingress?.timestampMs).toBe(T0 + 1200);
  });
});
