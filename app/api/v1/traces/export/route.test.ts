import { beforeAll, describe, expect, it } from 'vitest';
import type { BucketSelection, TraceCursor } from '@/lib/domain/drill-down';
import { resolveQuery, publicQuerySchema } from '@/lib/domain/query';
import type { TraceSummary } from '@/lib/domain/trace';
import { toCsvHeader, toCsvRow } from '@/lib/domain/trace-export';
import { getBackend } from '@/lib/server/backend';
import { callRoute, useFixtureBackend } from '@/test-support/route-fixture';
import { GET as listTraces } from '../route';
import { GET } from './route';

const WINDOW = 'from=2020-11-19T02:00:00Z&to=2020-11-19T03:00:00Z';

async function download(search: string): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await GET(new Request(new URL(`/api/v1/traces/export?${search}`, 'http://localhost')));
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Every page of the drill-down, three traces at a time, straight from the backend. */
async function allPages(selection: BucketSelection): Promise<TraceSummary[]> {
  const input = publicQuerySchema.parse({ from: '2020-11-19T02:00:00Z', to: '2020-11-19T03:00:00Z' });
  const resolved = resolveQuery(input, Date.now(), { fromMs: 0, toMs: 1 });
  if (!resolved.ok) throw new Error(resolved.issue.message);
  const backend = await getBackend();
  const traces: TraceSummary[] = [];
  let cursor: TraceCursor | null = null;
  do {
    const page = await backend.fetchBucketTraces(resolved.query, selection, { limit: 3, cursor });
    traces.push(...page.traces);
    cursor = page.nextCursor;
  } while (cursor);
  return traces;
}

describe('GET /api/v1/traces/export', () => {
  beforeAll(useFixtureBackend);

  it('downloads every trace of the range as CSV: the header, then all pages of the drill-down in order', async () => {
    const { status, headers, text } = await download(`${WINDOW}&histogram=edge&format=csv`);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(headers.get('content-disposition')).toBe('attachment; filename="hopscope-edge-min-max.csv"');
    expect(headers.get('cache-control')).toBe('no-store');
    const rows = text.split('\r\n');
    expect(rows.pop()).toBe('');
    // The contract fixture's edge trace set, newest first (t3 has no request_time, t9 lies at `to`).
    expect(rows.slice(1).map((row) => row.split(',')[0])).toEqual(['t8', 't12', 't11', 't10', 't7', 't6', 't5', 't2', 't1']);
    expect(text).toBe(toCsvHeader() + (await allPages({ histogram: 'edge', fromMs: null, toMs: null })).map(toCsvRow).join(''));
  });

  it('writes a row by hand: t7, the retried ingress connect, its upstream list quoted', async () => {
    const { text } = await download(`${WINDOW}&histogram=ingress&fromMs=1000&toMs=1100&format=csv`);
    expect(text.split('\r\n')[1]).toBe(
      't7,2020-11-19T02:01:10.000Z,shop,/api/ping,GET,200,3500,0,10.20.0.12:80,edge-1,1000,995,"10.244.2.1:8080, 10.244.2.2:8080",ingress-node-2,200,2500,1',
    );
  });

  it('downloads NDJSON: the items of /api/v1/traces, one per line, and nothing for an empty range', async () => {
    const { headers, text } = await download(`${WINDOW}&histogram=edgeMinusIngress&toMs=0&format=ndjson`);
    expect(headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(headers.get('content-disposition')).toBe('attachment; filename="hopscope-edgeMinusIngress-min-0.ndjson"');
    const listed = await callRoute(listTraces, `/api/v1/traces?${WINDOW}&histogram=edgeMinusIngress&toMs=0`);
    expect(listed.body.traces.map((t: TraceSummary) => t.traceId)).toEqual(['t12']);
    expect(text.split('\n').filter(Boolean).map((line) => JSON.parse(line))).toEqual(listed.body.traces);

    const empty = await download(`${WINDOW}&histogram=ingress&fromMs=5000&toMs=6000&format=ndjson`);
    expect([empty.status, empty.text]).toEqual([200, '']);
    expect((await download(`${WINDOW}&histogram=ingress&fromMs=5000&toMs=6000&format=csv`)).text).toBe(toCsvHeader());
  });

  it.each([
    ['histogram=edge', 'format', 'csv, ndjson'],
    ['histogram=edge&format=xlsx', 'format', 'csv, ndjson'],
    ['format=csv', 'histogram', 'edge, ingress, edgeMinusIngress, ingressMinusUpstream'],
    ['format=csv&histogram=edge&fromMs=200&toMs=100', 'fromMs', 'below toMs'],
    ['format=csv&histogram=edge&fromMs=1.5', 'fromMs', 'integer number of milliseconds'],
    // The export is every page: a page's size or position is refused, not ignored.
    ['format=csv&histogram=edge&limit=10', 'limit', 'accepts'],
    ['format=csv&histogram=edge&cursor=abc', 'cursor', 'accepts'],
    ['format=csv&histogram=edge&format=ndjson', 'format', 'only once'],
    ['format=csv&histogram=edge&latencymin=1', 'latencymin', 'accepts from, to, app'],
    ['format=csv&histogram=edge&latencyMin=abc', 'latencyMin', 'non-negative number of seconds'],
  ])('refuses %s with the JSON error naming %s, before any file starts', async (search, parameter, allowed) => {
    const { status, headers, text } = await download(`${WINDOW}&${search}`);
    expect(status).toBe(400);
    expect(headers.get('content-disposition')).toBeNull();
    const body = JSON.parse(text);
    expect(body.error).toMatchObject({ code: 'invalid_parameter', parameter });
    expect(body.error.message.startsWith(`${parameter}: `)).toBe(true);
    expect(body.error.message).toContain(allowed);
  });
});
