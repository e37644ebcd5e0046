import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElasticsearchProxy } from '@/test-support/elasticsearch-proxy';
import { installProxiedFixtureBackend, type ProxiedFixtureBackend } from '@/test-support/elasticsearch-route';
import { callRoute, useFixtureBackend } from '@/test-support/route-fixture';
import { GET as getLoading } from '../health/loading/route';
import { GET as getHistograms } from '../histograms/route';
import { POST as takeSnapshot } from '../snapshots/route';
import { POST } from './route';

const JSON_BODY = { 'content-type': 'application/json' };
const holder = globalThis as { hopscopeSnapshots?: unknown; hopscopeBackend?: unknown };

async function refresh(body: unknown, { query = '', headers = JSON_BODY }: { query?: string; headers?: Record<string, string> } = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await POST(new Request(`http://localhost/api/v1/refresh${query}`, { method: 'POST', headers, body: text }));
  return { status: response.status, body: await response.json() };
}

describe('POST /api/v1/refresh, on the embedded store', () => {
  // The contract fixture's window (lib/backends/contract/fixture.ts).
  const WINDOW = { from: '2020-11-19T02:00:00Z', to: '2020-11-19T03:00:00Z' };

  beforeAll(() => useFixtureBackend());

  it('refuses with 409: the embedded store reads its files once, at load', async () => {
    const { status, body } = await refresh(WINDOW);
    expect(status).toBe(409);
    expect(body).toEqual({
      error: { code: 'conflict', message: 'the embedded store reads its log files once, when it loads: restart hopscope to read them again' },
    });
  });

  it('refuses with 409 inside a snapshot: its window is frozen', async () => {
    process.env.HOPSCOPE_SNAPSHOT_DIR = mkdtempSync(path.join(tmpdir(), 'hopscope-refresh-route-'));
    delete process.env.HOPSCOPE_SNAPSHOTS;
    delete holder.hopscopeSnapshots;
    const taken = await takeSnapshot(
      new Request('http://localhost/api/v1/snapshots', { method: 'POST', headers: JSON_BODY, body: JSON.stringify({ query: WINDOW, title: 'refresh' }) }),
    );
    expect(taken.status).toBe(201);
    const { id } = (await taken.json()) as { id: string };
    const { status, body } = await refresh(WINDOW, { query: `?snapshot=${id}` });
    expect(status).toBe(409);
    expect(body.error).toEqual({ code: 'conflict', message: 'a snapshot is frozen: it holds the lines read when it was taken, and nothing reads them again' });
  });

  it.each([
    ['an unparsable from', { from: 'yesterday', to: WINDOW.to }, 'from'],
    ['from after to', { from: WINDOW.to, to: WINDOW.from }, 'from'],
    ['a window over 31 days', { from: 'now-40d', to: 'now' }, 'to'],
    ['no to', { from: WINDOW.from }, 'to'],
    ['a number for from', { from: 1_605_751_200_000, to: WINDOW.to }, 'from'],
    ['an unknown key', { ...WINDOW, app: 'user-api' }, 'app'],
    ['a list instead of an object', [WINDOW.from, WINDOW.to], 'body'],
  ])('refuses %s with 400 naming it, before asking the store', async (_, window, parameter) => {
    const { status, body } = await refresh(window);
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_parameter');
    expect(body.error.parameter).toBe(parameter);
    expect(body.error.message.startsWith(`${parameter}: `)).toBe(true);
  });

  it('reads the body as every write does: JSON only (415), valid JSON (400), and no query parameter', async () => {
    expect((await refresh(WINDOW, { headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect((await refresh('{"from":', {})).body.error).toEqual({ code: 'invalid_parameter', message: 'the body is not valid JSON' });
    const withParameter = await refresh(WINDOW, { query: '?from=now-1h' });
    expect(withParameter.status).toBe(400);
    expect(withParameter.body.error.parameter).toBe('from');
  });
});

describe('POST /api/v1/refresh, on Elasticsearch (ES_URL)', () => {
  // The integration fixture's window (test-support/elasticsearch-integration-fixture.ts: T0, one hour).
  const WINDOW = { from: '2020-11-19T10:00:00.000Z', to: '2020-11-19T11:00:00.000Z' };
  const HISTOGRAMS = `/api/v1/histograms?from=${WINDOW.from}&to=${WINDOW.to}`;
  let fixture: ProxiedFixtureBackend;
  let proxy: ElasticsearchProxy;

  beforeAll(async () => {
    fixture = await installProxiedFixtureBackend();
    ({ proxy } = fixture);
  });

  afterAll(async () => fixture?.cleanup());

  /** Points in time opened since `since`: one per slice read from Elasticsearch. */
  const slicesReadSince = (since: number) => proxy.requests.slice(since).filter((request) => request.method === 'POST' && request.path.includes('_pit')).length;

  it('forgets the window: the next histograms read it again from Elasticsearch, with the same answer', async () => {
    const before = await callRoute(getHistograms, HISTOGRAMS);
    expect(before.status).toBe(200);
    expect(before.body.counts.edge).toBeGreaterThan(0);
    // Materialized: asked again, the window is answered without reading a slice.
    let mark = proxy.requests.length;
    expect(await callRoute(getHistograms, HISTOGRAMS)).toEqual(before);
    expect(slicesReadSince(mark)).toBe(0);

    const refreshed = await refresh(WINDOW);
    expect(refreshed).toEqual({ status: 200, body: { refreshed: true, window: WINDOW } });

    // The read again is under way: the progress endpoint says so, as Elasticsearch's.
    mark = proxy.requests.length;
    const after = callRoute(getHistograms, HISTOGRAMS);
    let done = false;
    void after.finally(() => (done = true));
    const seen: { backend: string; stage: string | undefined }[] = [];
    while (!done) {
      const { body } = await callRoute(getLoading, '/api/v1/health/loading');
      if (body.loading) seen.push({ backend: body.backend, stage: body.loading.stage });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(await after).toEqual(before);
    expect(slicesReadSince(mark)).toBeGreaterThan(0);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((status) => status.backend === 'elasticsearch')).toBe(true);
    expect((await callRoute(getLoading, '/api/v1/health/loading')).body).toEqual({ backend: 'elasticsearch', loading: null, message: null });
  });

  it('resolves a relative window as the read endpoints do', async () => {
    const { status, body } = await refresh({ from: 'now-1h', to: 'now' });
    expect(status).toBe(200);
    expect(Date.parse(body.window.to) - Date.parse(body.window.from)).toBe(3_600_000);
    expect(Math.abs(Date.parse(body.window.to) - Date.now())).toBeLessThan(60_000);
  });

  it('refuses a bad window with 400 and forgets nothing', async () => {
    const mark = proxy.requests.length;
    const { status, body } = await refresh({ from: WINDOW.to, to: WINDOW.from });
    expect(status).toBe(400);
    expect(body.error.parameter).toBe('from');
    await callRoute(getHistograms, HISTOGRAMS);
    expect(slicesReadSince(mark)).toBe(0);
  });
});
