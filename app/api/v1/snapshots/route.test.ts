import { existsSync, mkdtempSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useTierFilesAsProcessBackend } from '@/test-support/ndjson-files';
import { callRoute, useFixtureBackend } from '@/test-support/route-fixture';
import { GET as getHistograms } from '../histograms/route';
import { GET as getTrace } from '../traces/[traceId]/route';
import { GET as getTraces } from '../traces/route';
import { GET as getSummary } from '../triage/summary/route';
import { DELETE, GET as getOne } from './[id]/route';
import { GET as list, POST } from './route';

const FROM = '2020-11-19T02:00:00Z';
const TO = '2020-11-19T03:00:00Z';
const WINDOW = `from=${FROM}&to=${TO}`;
const holder = globalThis as { hopscopeSnapshots?: unknown; hopscopeBackend?: unknown };

function useSnapshotDir(env: Record<string, string> = {}): void {
  process.env.HOPSCOPE_SNAPSHOT_DIR = mkdtempSync(path.join(tmpdir(), 'hopscope-snapshot-routes-'));
  delete process.env.HOPSCOPE_SNAPSHOTS;
  Object.assign(process.env, env);
  delete holder.hopscopeSnapshots;
}

async function post(body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const response = await POST(new Request('http://localhost/api/v1/snapshots', { method: 'POST', headers, body: JSON.stringify(body) }));
  return { status: response.status, body: await response.json() };
}

describe('the snapshot routes, on the embedded store', () => {
  beforeAll(() => {
    useFixtureBackend();
    useSnapshotDir();
  });
  afterEach(() => {
    delete process.env.HOPSCOPE_SNAPSHOTS;
  });

  it('freezes a window, and every read answers from it after the live data is gone', async () => {
    const live = await callRoute(getHistograms, `/api/v1/histograms?${WINDOW}`);
    const liveSummary = await callRoute(getSummary, `/api/v1/triage/summary?${WINDOW}`);
    const liveTrace = await callRoute(getTrace, '/api/v1/traces/t7', { traceId: 't7' });
    const VIEW = `${WINDOW}&filter=edge.host%3Aedge-1`;
    const liveView = await callRoute(getHistograms, `/api/v1/histograms?${VIEW}`);
    const liveViewSummary = await callRoute(getSummary, `/api/v1/triage/summary?${VIEW}`);
    expect(liveView.body.counts.edge).toBeGreaterThan(0);
    const pageOne = `/api/v1/traces?${WINDOW}&histogram=edge&limit=2`;
    const livePages = [await callRoute(getTraces, pageOne)];
    livePages.push(await callRoute(getTraces, `${pageOne}&cursor=${encodeURIComponent(livePages[0]!.body.nextCursor)}`));
    const created = await post({ query: { from: FROM, to: TO, filter: ['edge.host:edge-1'] }, title: 'SYN-ACK delay', note: 'node 2' });
    expect(created.status).toBe(201);
    const { id, url } = created.body;
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(url).toBe(`/s/${id}`);

    // The live store now reads files that do not exist.
    useTierFilesAsProcessBackend({ edgeFile: '/nonexistent/edge.ndjson', ingressFile: '/nonexistent/ingress.ndjson' });
    expect((await callRoute(getHistograms, `/api/v1/histograms?${WINDOW}`)).status).toBe(503);

    const frozen = await callRoute(getHistograms, `/api/v1/histograms?${WINDOW}&snapshot=${id}`);
    expect(frozen).toEqual(live);
    expect(await callRoute(getSummary, `/api/v1/triage/summary?${WINDOW}&snapshot=${id}`)).toEqual(liveSummary);
    expect(await callRoute(getTrace, `/api/v1/traces/t7?snapshot=${id}`, { traceId: 't7' })).toEqual(liveTrace);
    // The drill-down pages, the cursor included.
    const frozenPage = await callRoute(getTraces, `${pageOne}&snapshot=${id}`);
    expect(frozenPage).toEqual(livePages[0]);
    expect(await callRoute(getTraces, `${pageOne}&cursor=${encodeURIComponent(frozenPage.body.nextCursor)}&snapshot=${id}`)).toEqual(livePages[1]);
    // Without from/to, a snapshot opens on its frozen window.
    const defaulted = await callRoute(getHistograms, `/api/v1/histograms?snapshot=${id}`);
    expect([defaulted.body.query.from, defaulted.body.query.to]).toEqual(['2020-11-19T02:00:00.000Z', '2020-11-19T03:00:00.000Z']);

    // Its own view (the filtered one it was taken from) was computed when it was taken and saved
    // beside it: after a restart (a new registry) it comes from those answers, even with the trace
    // rows' file gone.
    const folder = path.join(process.env.HOPSCOPE_SNAPSHOT_DIR!, id);
    expect(existsSync(path.join(folder, 'answers.json'))).toBe(true);
    delete holder.hopscopeSnapshots;
    renameSync(path.join(folder, 'traces.parquet'), path.join(folder, 'traces.parquet.away'));
    expect(await callRoute(getHistograms, `/api/v1/histograms?${VIEW}&snapshot=${id}`)).toEqual(liveView);
    expect(await callRoute(getSummary, `/api/v1/triage/summary?${VIEW}&snapshot=${id}`)).toEqual(liveViewSummary);
    renameSync(path.join(folder, 'traces.parquet.away'), path.join(folder, 'traces.parquet'));

    const detail = await callRoute(getOne, `/api/v1/snapshots/${id}`, { id });
    expect(detail.body).toMatchObject({
      id,
      title: 'SYN-ACK delay',
      note: 'node 2',
      window: { from: '2020-11-19T02:00:00.000Z', to: '2020-11-19T03:00:00.000Z' },
      query: { from: '2020-11-19T02:00:00.000Z', to: '2020-11-19T03:00:00.000Z', filter: ['edge.host:edge-1'] },
      backend: 'duckdb',
      traces: 9,
      formatVersion: 2,
    });
    expect((await callRoute(list, '/api/v1/snapshots')).body.snapshots.map((each: { id: string }) => each.id)).toContain(id);

    useFixtureBackend();
  });

  it('refuses a query outside the frozen window, a malformed id and an unknown one', async () => {
    const { body } = await post({ query: { from: FROM, to: '2020-11-19T02:30:00Z' }, title: 'half' });
    const outside = await callRoute(getHistograms, `/api/v1/histograms?${WINDOW}&snapshot=${body.id}`);
    expect(outside.status).toBe(400);
    expect(outside.body.error.message).toContain("outside the snapshot's frozen window (2020-11-19T02:00:00.000Z to 2020-11-19T02:30:00.000Z)");
    for (const id of ['..%2F..%2Fetc', 'ABC', '']) {
      const answer = await callRoute(getHistograms, `/api/v1/histograms?${WINDOW}&snapshot=${id}`);
      expect(answer.status, id).toBe(400);
      expect(answer.body.error.message).toContain('snapshot: an id is 32 lowercase hex digits');
    }
    const unknown = await callRoute(getHistograms, `/api/v1/histograms?${WINDOW}&snapshot=0123456789abcdef0123456789abcdef`);
    expect(unknown.status).toBe(404);
    expect((await callRoute(getOne, '/api/v1/snapshots/..', { id: '..' })).status).toBe(400);
  });

  it('deletes a snapshot: its reads then answer 404', async () => {
    const { body } = await post({ query: { from: FROM, to: TO }, title: 'to delete' });
    expect((await callRoute(getHistograms, `/api/v1/histograms?${WINDOW}&snapshot=${body.id}`)).status).toBe(200);
    const deleted = await DELETE(new Request(`http://localhost/api/v1/snapshots/${body.id}`, { method: 'DELETE' }), { params: Promise.resolve({ id: body.id }) });
    expect([deleted.status, await deleted.json()]).toEqual([200, { deleted: body.id }]);
    expect((await callRoute(getHistograms, `/api/v1/histograms?${WINDOW}&snapshot=${body.id}`)).status).toBe(404);
    expect((await callRoute(getOne, `/api/v1/snapshots/${body.id}`, { id: body.id })).status).toBe(404);
  });

  it.each([
    [{ query: { to: TO }, title: 't' }, 400, 'a snapshot needs its window'],
    [{ query: { from: FROM, to: TO, latencyMin: '-1' }, title: 't' }, 400, 'query.latencyMin'],
    [{ query: { from: TO, to: FROM }, title: 't' }, 400, 'query.from'],
    [{ query: { from: FROM, to: TO }, title: 't', note: 'x'.repeat(20_000) }, 413, 'larger than'],
  ])('refuses %j with %i', async (body, status, said) => {
    const answer = await post(body);
    expect(answer.status).toBe(status);
    expect(answer.body.error.message).toContain(said);
  });

  it('refuses a body that is not JSON, and every write when snapshots are off', async () => {
    expect((await post({}, { 'content-type': 'text/plain' })).status).toBe(415);
    useSnapshotDir({ HOPSCOPE_SNAPSHOTS: 'off' });
    const off = await post({ query: { from: FROM, to: TO }, title: 't' });
    expect(off.status).toBe(403);
    expect(off.body.error.message).toContain('HOPSCOPE_SNAPSHOTS=off');
  });
});
