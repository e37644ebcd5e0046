import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@elastic/elasticsearch';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as getHistograms } from '@/app/api/v1/histograms/route';
import { GET as getHealth } from '@/app/api/v1/health/route';
import { GET as getTriageSummary } from '@/app/api/v1/triage/summary/route';
import { requireElasticsearchUrl } from '@/test-support/elasticsearch-node';
import { startElasticsearchProxy, type ElasticsearchProxy } from '@/test-support/elasticsearch-proxy';
import { seedFixtureIndices, testBackendConfig, installProcessBackend, type SeededIndices } from '@/test-support/elasticsearch-route';
import { callRoute } from '@/test-support/route-fixture';
import type { ElasticsearchBackendConfig } from '.';

/**
 * Each Elasticsearch failure provoked for real, and what the API tells the user about it. The
 * node is the real one of ES_URL; refusals the test node cannot produce by itself (401, 403, 429,
 * 503, a slow answer) come from the recording proxy in front of it (lib/testing/elasticsearch-proxy.ts).
 */
const url = requireElasticsearchUrl();
// The fixture's window (integration-fixture.ts: T0 = 2020-11-19T10:00:00Z, one hour).
const WINDOW = 'from=2020-11-19T10:00:00Z&to=2020-11-19T11:00:00Z';
const HISTOGRAMS = `/api/v1/histograms?${WINDOW}`;

let seeded: SeededIndices;
let proxy: ElasticsearchProxy;
const opened: { close(): Promise<void> }[] = [];

/** The histograms route answered by a backend of this config. */
async function histogramsWith(config: Partial<ElasticsearchBackendConfig>, query = HISTOGRAMS) {
  const backend = installProcessBackend(testBackendConfig({ url, edgeIndex: seeded.edgeIndex, ingressIndex: seeded.ingressIndex, ...config }));
  opened.push(backend);
  return callRoute(getHistograms, query);
}

/** A loopback port nothing listens on: bound once by us, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  seeded = await seedFixtureIndices(url);
  proxy = await startElasticsearchProxy(url);
});

afterEach(() => proxy.reset());

afterAll(async () => {
  for (const backend of opened) await backend.close();
  await proxy?.close();
  await seeded?.cleanup();
  delete (globalThis as { hopscopeBackend?: unknown }).hopscopeBackend;
});

describe('the node cannot be reached', () => {
  it('connection refused: 503 backend_unavailable, saying so and what to check', async () => {
    const port = await closedPort();
    const { status, body } = await histogramsWith({ url: `http://127.0.0.1:${port}` });
    expect(status).toBe(503);
    expect(body).toEqual({
      error: {
        code: 'backend_unavailable',
        message: `cannot reach Elasticsearch at http://127.0.0.1:${port}: connection refused (ECONNREFUSED); is the node running, and is ES_URL's port right?`,
      },
    });
  });

  it('a host name that does not resolve (.invalid never does, RFC 6761): 503 naming DNS', async () => {
    const { status, body } = await histogramsWith({ url: 'http://hopscope-es.invalid:9200' });
    expect(status).toBe(503);
    expect(body.error.code).toBe('backend_unavailable');
    expect(body.error.message).toMatch(/^cannot reach Elasticsearch at http:\/\/hopscope-es\.invalid:9200: the host name does not resolve \(DNS: (ENOTFOUND|EAI_AGAIN)\); check ES_URL$/);
  });

  it('https:// to the node’s plain-HTTP port: 503 saying the port does not speak TLS', async () => {
    const { status, body } = await histogramsWith({ url: url.replace(/^http:/, 'https:') });
    expect(status).toBe(503);
    expect(body.error).toEqual({
      code: 'backend_unavailable',
      message: `TLS handshake with Elasticsearch at ${url.replace(/^http:/, 'https:')} failed: the port does not speak TLS; use http:// in ES_URL, or the node's HTTPS port`,
    });
  });

  it('a self-signed certificate the client does not trust: 503 pointing at ES_CA_CERT', async () => {
    // A real TLS endpoint with a certificate made here by openssl; no CA of the client signed it.
    const dir = mkdtempSync(path.join(tmpdir(), 'hopscope-tls-'));
    const [key, cert] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')];
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], {
      stdio: 'ignore',
    });
    const server = createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_request, response) => response.end('{}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const tlsUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const { status, body } = await histogramsWith({ url: tlsUrl });
      expect(status).toBe(503);
      expect(body.error.code).toBe('backend_unavailable');
      expect(body.error.message).toBe(
        `the TLS certificate of Elasticsearch at ${tlsUrl} is not trusted (self-signed certificate); set ES_CA_CERT to the PEM file of the CA that signed it`,
      );
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('the node refuses', () => {
  it('401 (credentials not accepted): 502 backend_unauthorized with the privileges to grant', async () => {
    proxy.inject(401, 2);
    const { status, body } = await histogramsWith({ url: proxy.url });
    expect(status).toBe(502);
    expect(body.error.code).toBe('backend_unauthorized');
    expect(body.error.message).toBe(
      `Elasticsearch refused reading the field mappings of ${seeded.edgeIndex} (HTTP 401: unable to authenticate with provided credentials and ` +
        `anonymous access is not allowed for this request). The API key or user needs the read and view_index_metadata index privileges on ${seeded.edgeIndex}.`,
    );
  });

  it('403 on the searches (mappings readable): 502 naming the query and the index pattern', async () => {
    proxy.inject(403, 1, (request) => request.path.includes('_search'));
    const { status, body } = await histogramsWith({ url: proxy.url });
    expect(status).toBe(502);
    expect(body.error.code).toBe('backend_unauthorized');
    expect(body.error.message).toMatch(
      /^Elasticsearch refused .+ \(HTTP 403: action \[indices:data\/read\/search\] is unauthorized for API key id \[hopscope\] of user \[hopscope\]\)\. The API key or user needs the read and view_index_metadata index privileges on hs-fail-\w+-(nginx-access|ingress)-\*\.$/,
    );
  });

  it('403 on the mappings\' aliases (a key with read only): answers as before, the health check says aliases were not read', async () => {
    const direct = await histogramsWith({});
    const refusedBefore = proxy.requests.filter((request) => request.injected === 403).length;
    proxy.inject(403, 2, (request) => request.path.includes('/_mapping/field/'));
    const refused = await histogramsWith({ url: proxy.url });
    expect(proxy.requests.filter((request) => request.injected === 403).length - refusedBefore).toBe(2);
    expect(refused.status).toBe(200);
    expect(refused.body.histograms).toEqual(direct.body.histograms);
    // The health check reads the same field plan (kept for a minute), aliases unknown.
    const health = (await (await getHealth(new Request('http://localhost/api/v1/health'))).json()) as { details: { fieldAliases?: { unknown?: string } } };
    expect(health.details.fieldAliases?.unknown).toMatch(
      /^the key may not read the mappings of .+-nginx-access-\* \(HTTP 403; grant view_index_metadata\); the key may not read the mappings of .+-ingress-\* \(HTTP 403; grant view_index_metadata\): a configured name that is an alias there reads as absent from every line$/,
    );
  });

  it('429 twice, then answers: retried with backoff, the same histograms as without the refusals', async () => {
    const direct = await histogramsWith({});
    expect(direct.status).toBe(200);
    const before = proxy.requests.length;
    proxy.inject(429, 2, (request) => request.path.includes('_search'));
    const retried = await histogramsWith({ url: proxy.url });
    expect(retried.status).toBe(200);
    expect(retried.body.counts).toEqual(direct.body.counts);
    expect(retried.body.histograms).toEqual(direct.body.histograms);
    // The two refused searches were each sent again: the first search went out three times.
    const searches = proxy.requests.slice(before).filter((request) => request.path.includes('_search'));
    expect(searches.slice(0, 3).map((request) => request.injected)).toEqual([429, 429, null]);
    expect(new Set(searches.slice(0, 3).map((request) => request.path)).size).toBe(1);
  });

  it('503 on every try: 503 backend_unavailable after a bounded number of tries', async () => {
    const before = proxy.requests.length;
    proxy.inject(503, 1_000, (request) => request.path.includes('_field_caps'));
    const started = Date.now();
    const { status, body } = await histogramsWith({ url: proxy.url });
    const elapsedMs = Date.now() - started;
    expect(status).toBe(503);
    expect(body.error.code).toBe('backend_unavailable');
    expect(body.error.message).toMatch(
      /^Elasticsearch is not ready \(HTTP 503 Service Unavailable: blocked by: \[SERVICE_UNAVAILABLE\/1\/state not recovered \/initialized\];\) during reading the field mappings of hs-fail-\w+-(nginx-access|ingress)-\*; gave up after 4 tries in \d+(\.\d)? s$/,
    );
    // Both tiers' field caps run at once; each is tried four times (DEFAULT_RETRY_POLICY), with
    // pauses of 125–250, 250–500 and 500–1000 ms, so giving up takes at least 875 ms.
    expect(elapsedMs).toBeGreaterThanOrEqual(875);
    expect(elapsedMs).toBeLessThan(8_000 + 5_000);
    const triesPerPath = () => {
      const counts = new Map<string, number>();
      for (const request of proxy.requests.slice(before)) if (request.injected === 503) counts.set(request.path, (counts.get(request.path) ?? 0) + 1);
      return [...counts.values()];
    };
    await vi.waitFor(() => expect(triesPerPath()).toEqual([4, 4]), { timeout: 10_000, interval: 100 });
  });
});

describe('slow answers', () => {
  it('a search slower than the timeout: 504 backend_timeout naming the query that timed out', async () => {
    proxy.setDelayMs(3_000, (request) => request.path.includes('_search'));
    const { status, body } = await histogramsWith({ url: proxy.url, requestTimeoutMs: 500 });
    expect(status).toBe(504);
    expect(body.error).toEqual({
      code: 'backend_timeout',
      message: 'Elasticsearch timed out after 0.5 s on counting the edge lines to read (HOPSCOPE_ES_TIMEOUT_MS=500); narrow the time range or filters',
    });
  });
});

describe('a query the browser abandons', () => {
  it('is cancelled all the way: the route answers 499 at once, the request to Elasticsearch is closed, no further query is sent', async () => {
    // The proxy holds the searches, so the abort reliably lands while one is in flight. A request
    // closed by its client is what Elasticsearch cancels (its search tasks are cancelled when the
    // HTTP connection closes); the proxy closes its own request to the node in turn.
    proxy.setDelayMs(20_000, (request) => request.path.includes('_search'));
    installProcessBackend(testBackendConfig({ url: proxy.url, edgeIndex: seeded.edgeIndex, ingressIndex: seeded.ingressIndex }));
    const before = proxy.requests.length;
    const controller = new AbortController();
    const started = Date.now();
    const answer = getHistograms(new Request(`http://localhost${HISTOGRAMS}`, { signal: controller.signal }), { params: Promise.resolve({}) });
    const search = await proxy.waitForRequest((request) => proxy.requests.indexOf(request) >= before && request.path.includes('_search'));
    controller.abort(new Error('the browser went away'));
    const response = await answer;
    expect(response.status).toBe(499);
    expect(Date.now() - started).toBeLessThan(15_000);
    await vi.waitFor(() => expect(search.abandoned).toBe(true), { timeout: 10_000, interval: 50 });
    // The window's read stops with its only waiter: after the abandoned search, nothing but the
    // closing of points in time already open (none while the lines are being counted).
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const after = proxy.requests.slice(proxy.requests.indexOf(search) + 1).map((request) => `${request.method} ${request.path}`);
    expect(after.filter((request) => request !== 'DELETE /_pit')).toEqual([]);
  });
});

describe('indices and mappings that cannot answer', () => {
  const client = new Client({ node: url });
  const created: string[] = [];
  afterAll(async () => {
    if (created.length > 0) await client.indices.delete({ index: created.join(','), ignore_unavailable: true });
    await client.close();
  });

  it('an edge index pattern matching nothing: 200 with an empty answer and a notice naming the pattern', async () => {
    const pattern = `hs-fail-nomatch-${randomBytes(4).toString('hex')}-*`;
    const { status, body } = await histogramsWith({ edgeIndex: pattern });
    expect(status).toBe(200);
    expect(body.counts.edge).toBe(0);
    expect(body.notices).toEqual([
      { code: 'no_matching_index', tier: 'edge', indexPattern: pattern, message: `No Elasticsearch index matches the edge index pattern ${pattern} (HOPSCOPE_EDGE_INDEX).` },
    ]);
  });

  it('an ingress index pattern matching nothing: the triage verdict comes with the notice naming it', async () => {
    const pattern = `hs-fail-nomatch-${randomBytes(4).toString('hex')}-*`;
    opened.push(installProcessBackend(testBackendConfig({ url, edgeIndex: seeded.edgeIndex, ingressIndex: pattern })));
    const { status, body } = await callRoute(getTriageSummary, HISTOGRAMS.replace('/api/v1/histograms', '/api/v1/triage/summary'));
    expect(status).toBe(200);
    expect(body.notices).toEqual([
      { code: 'no_matching_index', tier: 'ingress', indexPattern: pattern, message: `No Elasticsearch index matches the ingress index pattern ${pattern} (HOPSCOPE_INGRESS_INDEX).` },
    ]);
  });

  it('an index without the trace id field: 502 naming the field and the index pattern', async () => {
    const index = `hs-fail-notrace-${randomBytes(4).toString('hex')}`;
    created.push(index);
    await client.indices.create({ index, mappings: { properties: { '@timestamp': { type: 'date' }, request_time: { type: 'float' } } } });
    await client.index({ index, document: { '@timestamp': '2020-11-19T10:00:01Z', request_time: 0.1 }, refresh: true });
    const { status, body } = await histogramsWith({ edgeIndex: index });
    expect(status).toBe(502);
    expect(body.error).toEqual({
      code: 'backend_error',
      message: `no edge index maps the field trace_id (traceId); check the edge field names (HOPSCOPE_EDGE_FIELDS, HOPSCOPE_FIELDS and their _PRESET variables) and the index mapping (index pattern ${index})`,
    });
  });

  it('@timestamp mapped as keyword: 502 naming the field, its type and the index pattern', async () => {
    // Windows are read in slices of time (range queries and a date histogram of the field): a
    // keyword compares as text, so this mapping is refused. Timings mapped as long are not: the
    // engine reads them from _source (elasticsearch-backend.integration.test.ts).
    const index = `hs-fail-keyword-time-${randomBytes(4).toString('hex')}`;
    created.push(index);
    await client.indices.create({
      index,
      mappings: { properties: { '@timestamp': { type: 'keyword' }, trace_id: { type: 'keyword' }, request_time: { type: 'float' } } },
    });
    const { status, body } = await histogramsWith({ edgeIndex: index });
    expect(status).toBe(502);
    expect(body.error).toEqual({
      code: 'backend_error',
      message: `the edge field @timestamp is mapped as keyword; @timestamp must be a date (index pattern ${index})`,
    });
  });

  it('an index that keeps no _source: 502 saying hopscope reads lines from _source', async () => {
    // Nothing can be read but the first bar (an aggregation of the doc values): the window's lines come from _source.
    const index = `hs-fail-no-source-${randomBytes(4).toString('hex')}`;
    created.push(index);
    await client.indices.create({
      index,
      mappings: { _source: { enabled: false }, properties: { '@timestamp': { type: 'date' }, trace_id: { type: 'keyword' }, request_time: { type: 'float' } } },
    });
    await client.index({ index, document: { '@timestamp': '2020-11-19T10:00:01Z', trace_id: 't1', request_time: 0.1 }, refresh: true });
    const { status, body } = await histogramsWith({ edgeIndex: index });
    expect(status).toBe(502);
    expect(body.error.code).toBe('backend_error');
    expect(body.error.message).toMatch(/^could not store the edge lines read from Elasticsearch: .*a document came back without its _source \(or its time field @timestamp as a doc value\): hopscope reads lines from _source$/);
  });

  it('the health check reports the same mapping problem', async () => {
    const index = created.find((name) => name.startsWith('hs-fail-notrace-'))!;
    installProcessBackend(testBackendConfig({ url, edgeIndex: index, ingressIndex: seeded.ingressIndex }));
    const response = await getHealth(new Request('http://localhost/api/v1/health'));
    expect(response.status).toBe(503);
    expect(((await response.json()) as { message: string }).message).toMatch(/no edge index maps the field trace_id/);
  });
});
