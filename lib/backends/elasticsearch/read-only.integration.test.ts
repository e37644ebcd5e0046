import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as POST_SNAPSHOT } from '@/app/api/v1/snapshots/route';
import { GET as getConnectTimeline } from '@/app/api/v1/connect-timeline/route';
import { GET as getHealth } from '@/app/api/v1/health/route';
import { GET as getHistograms } from '@/app/api/v1/histograms/route';
import { GET as getSuggestions } from '@/app/api/v1/suggestions/route';
import { GET as getTrace } from '@/app/api/v1/traces/[traceId]/route';
import { GET as getAttribution } from '@/app/api/v1/triage/attribution/route';
import { GET as getWindowComparison } from '@/app/api/v1/triage/compare/route';
import { GET as getConnectionReuse } from '@/app/api/v1/triage/connection-reuse/route';
import { GET as getCorrelations } from '@/app/api/v1/triage/correlations/route';
import { GET as getRetransmissions } from '@/app/api/v1/triage/retransmissions/route';
import { GET as getTriageSummary } from '@/app/api/v1/triage/summary/route';
import { GET as getTraces } from '@/app/api/v1/traces/route';
import type { LatencyBackend } from '@/lib/backends/types';
import type { ElasticsearchProxy, RecordedRequest } from '@/test-support/elasticsearch-proxy';
import { installProxiedFixtureBackend, type ProxiedFixtureBackend } from '@/test-support/elasticsearch-route';
import { callRoute } from '@/test-support/route-fixture';

/**
 * hopscope only reads: every backend verb, called through the API as the pages call it, sends
 * the real node nothing but the read calls below (recorded by the proxy in front of it). These
 * are the calls the minimal privileges of docs/API.md ("Elasticsearch privileges") must allow.
 * The triage routes are called too: they read the window's lines the same way.
 */
const READ_CALLS: { method: string; path: RegExp; why: string }[] = [
  { method: 'POST', path: /^\/[^/_][^/]*\/_field_caps(\?|$)/, why: 'the mappings of a tier (view_index_metadata or read)' },
  { method: 'GET', path: /^\/[^/_][^/]*\/_field_caps(\?|$)/, why: 'the same, when sent without a body' },
  { method: 'GET', path: /^\/[^/_][^/]*\/_mapping\/field\/[^/]+$/, why: 'which configured names are field aliases (view_index_metadata; refused, names are read as configured)' },
  { method: 'POST', path: /^\/[^/_][^/]*\/_pit\?/, why: 'opening a point in time (read)' },
  { method: 'DELETE', path: /^\/_pit$/, why: 'closing our own point in time (read)' },
  { method: 'POST', path: /^\/[^/_][^/]*\/_search(\?|$)/, why: 'searching a tier (read)' },
  { method: 'POST', path: /^\/_search(\?|$)/, why: 'searching a point in time (read)' },
  { method: 'GET', path: /^\/_cluster\/health(\?|$)/, why: 'the health check (cluster monitor)' },
];

const isReadCall = (request: RecordedRequest) => READ_CALLS.some((call) => call.method === request.method && call.path.test(request.path));

const WINDOW = 'from=2020-11-19T10:00:00Z&to=2020-11-19T11:00:00Z';

let fixture: ProxiedFixtureBackend;
let proxy: ElasticsearchProxy;
let backend: LatencyBackend;

beforeAll(async () => {
  fixture = await installProxiedFixtureBackend();
  ({ proxy, backend } = fixture);
});

afterAll(async () => fixture?.cleanup());

describe('hopscope only reads from Elasticsearch', () => {
  it('every verb, through the API, makes read calls only, and so does taking a snapshot', async () => {
    const answers = [
      await callRoute(getHistograms, `/api/v1/histograms?${WINDOW}`),
      await callRoute(getHistograms, `/api/v1/histograms?${WINDOW}&app=shop&latencyMin=0.2`),
      await callRoute(getTraces, `/api/v1/traces?${WINDOW}&histogram=edge&fromMs=0&toMs=5000&limit=3`),
      await callRoute(getTraces, `/api/v1/traces?${WINDOW}&histogram=edgeMinusIngress&fromMs=0&toMs=100`),
      await callRoute(getTrace, '/api/v1/traces/a5', { traceId: 'a5' }),
      await callRoute(getConnectTimeline, `/api/v1/connect-timeline?${WINDOW}&tier=edge&groupBy=host`),
      await callRoute(getConnectTimeline, `/api/v1/connect-timeline?${WINDOW}&tier=ingress&groupBy=upstreamAddr`),
      await callRoute(getSuggestions, `/api/v1/suggestions?${WINDOW}&field=app&prefix=sh`),
      await callRoute(getSuggestions, `/api/v1/suggestions?${WINDOW}&field=path`),
      await callRoute(getTriageSummary, `/api/v1/triage/summary?${WINDOW}`),
      await callRoute(getAttribution, `/api/v1/triage/attribution?${WINDOW}&slow=0.2`),
      await callRoute(getCorrelations, `/api/v1/triage/correlations?${WINDOW}`),
      await callRoute(getRetransmissions, `/api/v1/triage/retransmissions?${WINDOW}`),
      await callRoute(getConnectionReuse, `/api/v1/triage/connection-reuse?${WINDOW}`),
      await callRoute(getWindowComparison, `/api/v1/triage/compare?${WINDOW}&compareFrom=2020-11-19T10:00:00Z&compareTo=2020-11-19T10:30:00Z`),
    ];
    // Each call answered (a refused call would prove nothing about what a working one sends).
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
    expect(answers[4]!.body.traceId).toBe('a5');
    const health = await getHealth(new Request('http://localhost/api/v1/health'));
    expect(health.status).toBe(200);
    expect(await backend.fetchExtent()).not.toBeNull();

    // A snapshot (hopscope's one write, to its own disk) reads the window like any answer.
    process.env.HOPSCOPE_SNAPSHOT_DIR = mkdtempSync(path.join(tmpdir(), 'hopscope-read-only-snapshots-'));
    delete (globalThis as { hopscopeSnapshots?: unknown }).hopscopeSnapshots;
    const snapshot = await POST_SNAPSHOT(
      new Request('http://localhost/api/v1/snapshots', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: { from: '2020-11-19T10:00:00Z', to: '2020-11-19T11:00:00Z' }, title: 'read-only' }),
      }),
    );
    expect(snapshot.status).toBe(201);
    const { id } = (await snapshot.json()) as { id: string };
    expect((await callRoute(getHistograms, `/api/v1/histograms?${WINDOW}&snapshot=${id}`)).body.counts).toEqual(answers[0]!.body.counts);

    const seen = new Set(proxy.requests.map((request) => `${request.method} ${request.path.replace(/hs-fail-\w+-/g, '<run>-')}`));
    expect(proxy.requests.length).toBeGreaterThan(20);
    expect(proxy.requests.filter((request) => !isReadCall(request))).toEqual([]);
    // Searches, mappings, aliases, points in time and the health check were all exercised.
    for (const kind of ['_search', '_field_caps', '_mapping/field', '_pit', '_cluster/health']) expect([...seen].some((call) => call.includes(kind))).toBe(true);
  }, 120_000);
});
