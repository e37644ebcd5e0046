import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { LatencyBackend } from '@/lib/backends/types';
import { DEFAULT_FIELD_NAMES, sameInBothTiers } from '@/lib/domain/field-names';
import { getConnectTimeline } from '@/lib/services/get-connect-timeline';
import { getEdgeHistogram } from '@/lib/services/get-edge-histogram';
import { getHistograms } from '@/lib/services/get-histograms';
import { getTrace } from '@/lib/services/get-trace';
import { createDuckdbBackend, type DuckdbBackendConfig } from './index';
import type { LoadProgress } from './load-progress';

/**
 * Raw text logs in the embedded store, on hand-written lines whose numbers are worked out below:
 * detection, compressed files, hosts named with the file, unreadable lines, missing variables
 * and missing files.
 */

const EDGE_FORMAT = '$msec $request_id $request_time $upstream_connect_time $upstream_response_time $upstream_addr $hostname "$request"';
// t1: edge 1.250 s, edge connect 0.001, upstream 1.249; t2: edge 0.120 s; t3: a retry at ingress.
const EDGE_LINES = [
  '1605751200.500 t1 1.250 0.001 1.249 10.0.0.1:80 edge-a "GET /api/a?x=1 HTTP/1.1"',
  '1605751201.000 t2 0.120 0.000 0.119 10.0.0.1:80 edge-b "POST /api/b HTTP/2.0"',
  '1605751202.000 t3 0.300 0.000 0.299 10.0.0.2:80 edge-a "GET /api/c HTTP/1.1"',
];
// ingress-nginx's default format: no $upstream_connect_time, no $hostname.
const ingressLine = (time: string, request: string, requestTime: string, addr: string, responseTime: string, status: string, id: string) =>
  `10.1.0.9 - - [19/Nov/2020:02:00:${time} +0000] "${request}" 200 12 "-" "curl/8.5.0" 80 ${requestTime} [prod-api-80] [] ${addr} 12 ${responseTime} ${status} ${id}`;
const INGRESS_LINES = [
  ingressLine('00', 'GET /api/a?x=1 HTTP/1.1', '1.240', '10.2.0.5:8080', '0.238', '200', 't1'),
  ingressLine('01', 'POST /api/b HTTP/2.0', '0.110', '10.2.0.6:8080', '0.100', '200', 't2'),
  ingressLine('02', 'GET /api/c HTTP/1.1', '0.290', '10.2.0.5:8080, 10.2.0.6:8080', '0.200, 0.080', '502, 200', 't3'),
];
const WINDOW = { from: '2020-11-19T02:00:00Z', to: '2020-11-19T02:10:00Z' };

const opened: LatencyBackend[] = [];
afterEach(async () => {
  for (const backend of opened.splice(0)) await backend.close();
});

function writeFiles(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'hopscope-text-logs-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}

function open(config: Omit<DuckdbBackendConfig, 'fields'>): LatencyBackend {
  const backend = createDuckdbBackend({ ...config, fields: sameInBothTiers(DEFAULT_FIELD_NAMES) });
  opened.push(backend);
  return backend;
}

const lines = (items: readonly string[]) => `${items.join('\n')}\n`;

describe('the embedded store on raw nginx text logs', () => {
  it('detects the ingress-nginx format of a .gz file, takes the host from the file entry, and joins both tiers', async () => {
    const dir = writeFiles({ 'edge.log': lines(EDGE_LINES), 'node-2.log.gz': gzipSync(lines(INGRESS_LINES)) });
    const backend = open({
      edgeFiles: [path.join(dir, 'edge.log')],
      ingressFiles: [`ingress-node-2=${path.join(dir, 'node-2.log.gz')}`],
      edgeFormat: EDGE_FORMAT,
    });
    const health = await backend.checkHealth();
    expect(health.details).toMatchObject({
      lines: { edge: 3, ingress: 3 },
      unreadableLines: { edge: 0, ingress: 0 },
      formats: { edge: { format: 'log_format' }, ingress: { format: 'ingress-nginx', missing: { upstreamConnectTime: '$upstream_connect_time' } } },
    });
    const answer = await getHistograms(backend, WINDOW);
    expect(answer.counts.joined).toBe(3);
    // edge − ingress: 1250−1240, 120−110, 300−290; ingress − upstream: 1240−238, 110−100, 290−280.
    // Nearest rank of three values: p50 is the 2nd, p99 the 3rd.
    expect(answer.histograms.edgeMinusIngress).toMatchObject({ total: 3, p50Ms: 10, p99Ms: 10 });
    expect(answer.histograms.ingressMinusUpstream).toMatchObject({ total: 3, p50Ms: 10, p99Ms: 1002 });
    expect(answer.histograms.edge).toMatchObject({ total: 3, p50Ms: 300, p99Ms: 1250 });

    const trace = await getTrace(backend, 't3');
    expect(trace.ingress).toMatchObject({
      host: 'ingress-node-2',
      path: '/api/c',
      method: 'GET',
      upstreamResponseMs: [200, 80],
      upstreamStatuses: ['502', '200'],
      timestampMs: Date.parse('2020-11-19T02:00:02Z'),
    });
    expect(trace.edge).toMatchObject({ host: 'edge-a', path: '/api/c', timestampMs: Date.parse('2020-11-19T02:00:02Z') });
    expect(trace.edge?.raw).toMatchObject({ request: 'GET /api/c HTTP/1.1', request_id: 't3' });
  });

  it('reports the load as it goes: text read by Node, then each tier stored by DuckDB', async () => {
    const dir = writeFiles({ 'edge.log': lines(EDGE_LINES), 'ingress.ndjson': lines([JSON.stringify({ '@timestamp': '2020-11-19T02:00:00Z', trace_id: 't1', request_time: 1.24 })]) });
    const events: LoadProgress[] = [];
    const backend = createDuckdbBackend({
      edgeFiles: [path.join(dir, 'edge.log')],
      ingressFiles: [path.join(dir, 'ingress.ndjson')],
      edgeFormat: EDGE_FORMAT,
      fields: sameInBothTiers(DEFAULT_FIELD_NAMES),
      onLoadProgress: (event) => void events.push(event),
    });
    opened.push(backend);
    await backend.checkHealth();
    const edgeBytes = EDGE_LINES.join('\n').length + 1;
    expect(events.filter((event) => event.stage === 'read')).toEqual([
      { stage: 'read', tier: 'edge', linesRead: 3, bytesRead: edgeBytes, totalBytes: edgeBytes, elapsedMs: expect.any(Number) },
    ]);
    // JSON files are stored by DuckDB alone: its share is all there is to report (here only the end, as the load takes under its first estimate).
    expect(events.filter((event) => event.stage === 'store' && event.share === 1).map((event) => event.tier)).toEqual(['edge', 'ingress']);
  });

  it('says which variable the ingress log_format lacks instead of drawing an empty timeline', async () => {
    const dir = writeFiles({ 'edge.log': lines(EDGE_LINES), 'ingress.log': lines(INGRESS_LINES) });
    const backend = open({ edgeFiles: [path.join(dir, 'edge.log')], ingressFiles: [path.join(dir, 'ingress.log')], edgeFormat: EDGE_FORMAT });
    const ingress = await getConnectTimeline(backend, { ...WINDOW, tier: 'ingress', groupBy: 'host' });
    expect(ingress.notices).toEqual([
      {
        code: 'missing_field',
        tier: 'ingress',
        field: 'upstreamConnectTime',
        fix: '$upstream_connect_time',
        message: 'The ingress log_format has no upstreamConnectTime (it times the connect to the upstream): add $upstream_connect_time to the log_format of the ingress nginx.',
      },
    ]);
    const edge = await getConnectTimeline(backend, { ...WINDOW, tier: 'edge', groupBy: 'host' });
    expect(edge.notices).toEqual([]);
    expect(edge.series.map((series) => [series.group, series.count])).toEqual([
      ['edge-a', 2],
      ['edge-b', 1],
    ]);
  });

  it('counts lines that do not match the format as unreadable and keeps the rest', async () => {
    const dir = writeFiles({
      'edge.log': lines([EDGE_LINES[0]!, 'a stack trace someone logged here', '', EDGE_LINES[1]!, '1605751203.000 t4 not-a-time']),
      'ingress.log': lines(INGRESS_LINES),
    });
    const backend = open({ edgeFiles: [path.join(dir, 'edge.log')], ingressFiles: [path.join(dir, 'ingress.log')], edgeFormat: EDGE_FORMAT });
    const answer = await getHistograms(backend, WINDOW);
    expect(answer.counts.edge).toBe(2);
    expect(answer.counts.unreadableLines).toEqual({ edge: 2, ingress: 0 });
    expect(answer.counts.unreadableReasons).toEqual({ edge: 'not matching the log_format' });
  });

  it('reads the first line of files that start with a byte order mark, text or JSON, plain or compressed', async () => {
    const BOM = '\uFEFF';
    const json = [
      JSON.stringify({ '@timestamp': '2020-11-19T02:00:00.500Z', trace_id: 't1', request_time: 1.25 }),
      JSON.stringify({ '@timestamp': '2020-11-19T02:00:01Z', trace_id: 't2', request_time: 0.12 }),
    ];
    const dir = writeFiles({
      'edge.log': BOM + lines(EDGE_LINES),
      'edge.ndjson': BOM + lines(json),
      'edge.ndjson.gz': gzipSync(BOM + lines(json)),
      'ingress.log': lines(INGRESS_LINES),
    });
    for (const [edgeFile, edgeFormat] of [['edge.log', EDGE_FORMAT], ['edge.ndjson', undefined], ['edge.ndjson.gz', undefined]] as const) {
      const backend = open({ edgeFiles: [path.join(dir, edgeFile)], ingressFiles: [path.join(dir, 'ingress.log')], edgeFormat });
      const answer = await getHistograms(backend, WINDOW);
      expect([edgeFile, answer.counts.edge, answer.counts.unreadableLines]).toEqual([edgeFile, edgeFormat ? 3 : 2, undefined]);
      expect((await getTrace(backend, 't1')).edge?.requestTimeMs).toBe(1250);
    }
  });

  it("reads nginx JSON templates that leave variables unquoted ('-', retries, redirects) or escape as nginx does by default, in the first lines or only later", async () => {
    // log_format j escape=json '{"@timestamp":"$time_iso8601","trace_id":"$request_id","request_time":$request_time,
    //   "upstream_connect_time":$upstream_connect_time,"upstream_response_time":$upstream_response_time,"upstream_addr":"$upstream_addr"}';
    const jsonLine = (second: number, id: string, requestTime: string, connect: string, response: string, addr: string) =>
      `{"@timestamp":"2020-11-19T02:00:${String(second).padStart(2, '0')}+00:00","trace_id":"${id}","request_time":${requestTime},` +
      `"upstream_connect_time":${connect},"upstream_response_time":${response},"upstream_addr":"${addr}"}`;
    const plain = Array.from({ length: 25 }, (_, index) => jsonLine(index + 10, `p${index}`, '0.100', '0.001', '0.099', '10.0.0.1:80'));
    const bare = [
      jsonLine(1, 't1', '1.250', '0.001', '1.249', '10.0.0.1:80'),
      // No upstream answered (a 499 before proxying): nginx printed "-".
      jsonLine(2, 't2', '0.120', '-', '-', '-'),
      // A retry on a second upstream, then an internal redirect.
      jsonLine(3, 't3', '0.300', '0.000, 0.001', '0.100, 0.199', '10.0.0.1:80, 10.0.0.2:80'),
      jsonLine(4, 't4', '0.050', '0.001 : 0.002', '0.010 : 0.020', '10.0.0.1:80 : 10.0.0.2:80'),
      // A template without escape=json: nginx wrote the quotes of the query string as \x22.
      String.raw`{"@timestamp":"2020-11-19T02:00:05+00:00","trace_id":"t5","request_time":0.010,"path":"/q?a=\x22b\x22"}`,
    ];
    const ingress = JSON.stringify({ '@timestamp': '2020-11-19T02:00:03Z', trace_id: 't3', request_time: 0.29, upstream_response_time: '0.280' });
    // First: bare values among the first lines (detected); then: only after the first 20 lines (found once the load counted unreadable lines).
    const dir = writeFiles({ 'first.json': lines(bare.concat(plain)), 'later.json': lines(plain.concat(bare)), 'ingress.json': lines([ingress]) });
    for (const file of ['first.json', 'later.json']) {
      const backend = open({ edgeFiles: [path.join(dir, file)], ingressFiles: [path.join(dir, 'ingress.json')] });
      const answer = await getHistograms(backend, WINDOW);
      expect([file, answer.counts.edge, answer.counts.unreadableLines]).toEqual([file, 30, undefined]);
      expect([file, (await getTrace(backend, 't5')).edge?.path]).toEqual([file, '/q?a="b"']);
      const retried = (await getTrace(backend, 't3')).edge;
      expect([file, retried?.upstreamConnectMs, retried?.connectTotalMs, retried?.responseTotalMs]).toEqual([file, [0, 1], 1, 299]);
      const redirected = (await getTrace(backend, 't4')).edge;
      expect([file, redirected?.connectTotalMs, redirected?.responseTotalMs]).toEqual([file, 3, 30]);
      const none = (await getTrace(backend, 't2')).edge;
      expect([file, none?.requestTimeMs, none?.connectTotalMs, none?.upstreamConnectMs]).toEqual([file, 120, null, []]);
    }
  });

  it('fills the host of JSON lines from a host=path entry, keeping a host a line has', async () => {
    const dir = writeFiles({
      'edge.ndjson': lines([
        JSON.stringify({ '@timestamp': '2020-11-19T02:00:00.500Z', trace_id: 't1', request_time: 1.25 }),
        JSON.stringify({ '@timestamp': '2020-11-19T02:00:01Z', trace_id: 't2', request_time: 0.12, '@source': 'edge-own' }),
      ]),
      'ingress.log': lines(INGRESS_LINES),
    });
    const backend = open({ edgeFiles: [`edge-x=${path.join(dir, 'edge.ndjson')}`], ingressFiles: [path.join(dir, 'ingress.log')] });
    expect((await getTrace(backend, 't1')).edge?.host).toBe('edge-x');
    expect((await getTrace(backend, 't2')).edge?.host).toBe('edge-own');
  });

  it('reads lines from a node\'s container log files: CRI (containerd) and Docker json-file envelopes', async () => {
    const cri = (line: string, index: number) => `2020-11-19T02:00:0${index}.5Z stdout F ${line}`;
    const dir = writeFiles({
      'edge.json.log': lines(EDGE_LINES.map((line) => JSON.stringify({ log: `${line}\n`, stream: 'stdout', time: '2020-11-19T02:00:00Z' }))),
      // The controller's own messages share the stream: counted as unreadable, not read as requests.
      'ingress.log': lines([...INGRESS_LINES.map(cri), '2020-11-19T02:00:05.5Z stderr F I1119 02:00:05.5 7 controller.go:190] "Backend successfully reloaded"']),
    });
    const backend = open({ edgeFiles: [path.join(dir, 'edge.json.log')], ingressFiles: [`ingress-node-2=${path.join(dir, 'ingress.log')}`], edgeFormat: EDGE_FORMAT });
    expect((await backend.checkHealth()).details).toMatchObject({
      formats: { edge: { format: 'log_format', envelope: 'docker-json' }, ingress: { format: 'ingress-nginx', envelope: 'cri' } },
      unreadableLines: { edge: 0, ingress: 1 },
    });
    const answer = await getHistograms(backend, WINDOW);
    expect(answer.counts.joined).toBe(3);
    expect(answer.histograms.ingressMinusUpstream).toMatchObject({ total: 3, p50Ms: 10, p99Ms: 1002 });
  });

  it("reads nginx's own JSON logs (escape=json): says which mapping to set, then joins with it", async () => {
    // log_format json escape=json '{"time_local":"$time_local","request_id":"$request_id","request_time":$request_time,…}'
    const edgeJson = [
      { time_local: '19/Nov/2020:02:00:00 +0000', request_id: 't1', request_time: 1.25, upstream_connect_time: '0.001', upstream_response_time: '1.249' },
      { time_local: '19/Nov/2020:02:00:01 +0000', request_id: 't2', request_time: 0.12, upstream_connect_time: '0.000', upstream_response_time: '0.119' },
      { time_local: '19/Nov/2020:02:00:02 +0000', request_id: 't3', request_time: 0.3, upstream_connect_time: '0.000', upstream_response_time: '0.299' },
    ].map((doc) => JSON.stringify(doc));
    const dir = writeFiles({ 'edge.json': lines(edgeJson), 'ingress.log': lines(INGRESS_LINES) });
    const config = { edgeFiles: [path.join(dir, 'edge.json')], ingressFiles: [path.join(dir, 'ingress.log')] };
    const unmapped = await getEdgeHistogram(open(config), WINDOW);
    expect(unmapped.notices.map((notice) => notice.message)).toEqual([
      `The edge lines have no field @timestamp (it places the line in time): the lines carry "time_local": set HOPSCOPE_EDGE_FIELDS='{"timestamp":"time_local"}'.`,
    ]);
    // As advised: the edge tier's own names; the ingress text tier keeps the defaults.
    const fields = { edge: { ...DEFAULT_FIELD_NAMES, timestamp: 'time_local', traceId: 'request_id' }, ingress: DEFAULT_FIELD_NAMES };
    const mapped = createDuckdbBackend({ ...config, fields });
    opened.push(mapped);
    const answer = await getHistograms(mapped, WINDOW);
    expect(answer.notices).toEqual([]);
    expect(answer.counts.joined).toBe(3);
    expect(answer.histograms.edgeMinusIngress).toMatchObject({ total: 3, p50Ms: 10, p99Ms: 10 });
  });

  it('answers 503 naming a missing file, and again until it exists', async () => {
    const dir = writeFiles({ 'edge.log': lines(EDGE_LINES) });
    const missing = path.join(dir, 'nowhere', 'ingress.log');
    const backend = open({ edgeFiles: [path.join(dir, 'edge.log')], ingressFiles: [missing], edgeFormat: EDGE_FORMAT });
    const expected = { code: 'backend_unavailable', status: 503, message: `the ingress log file ${missing} does not exist (HOPSCOPE_INGRESS_FILES)` };
    await expect(getHistograms(backend, WINDOW)).rejects.toMatchObject(expected);
    await expect(getHistograms(backend, WINDOW)).rejects.toMatchObject(expected);
    expect(await backend.checkHealth()).toMatchObject({ ok: false, message: expected.message });
  });

  it('fails the load, and only the load, when the ingress files fit no format while the edge tier still loads', async () => {
    // 40,000 edge lines keep DuckDB busy while the ingress detection fails: that rejection must be
    // handled (an unhandled one ends the server process), and the load must fail with it.
    const edgeLines = Array.from({ length: 40_000 }, (_, index) => EDGE_LINES[index % 3]!.replace(/ t(\d) /, ` t$1-${index} `));
    const dir = writeFiles({ 'edge.log': lines(edgeLines), 'ingress.log': lines(['not an access log']) });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const backend = open({ edgeFiles: [path.join(dir, 'edge.log')], ingressFiles: [path.join(dir, 'ingress.log')], edgeFormat: EDGE_FORMAT });
      await expect(getHistograms(backend, WINDOW)).rejects.toMatchObject({ code: 'config_error' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('quotes the first line and shows how to give the format when nothing fits', async () => {
    const dir = writeFiles({ 'edge.log': lines(EDGE_LINES), 'ingress.log': lines(['Nov 19 02:00:00 node kernel: TCP: request_sock_TCP: Possible SYN flooding']) });
    const backend = open({ edgeFiles: [path.join(dir, 'edge.log')], ingressFiles: [path.join(dir, 'ingress.log')], edgeFormat: EDGE_FORMAT });
    await expect(getHistograms(backend, WINDOW)).rejects.toMatchObject({
      code: 'config_error',
      message: expect.stringMatching(/first line: "Nov 19 02:00:00 node kernel: .*Give the format with HOPSCOPE_INGRESS_FORMAT=json, combined, ingress-nginx, or your nginx log_format/),
    });
  });
});
