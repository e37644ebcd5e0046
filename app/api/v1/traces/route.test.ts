import { beforeAll, describe, expect, it } from 'vitest';
import { callRoute, useFixtureBackend } from '@/test-support/route-fixture';
import { GET } from './route';

const WINDOW = 'from=2020-11-19T02:00:00Z&to=2020-11-19T03:00:00Z';

describe('GET /api/v1/traces', () => {
  beforeAll(useFixtureBackend);

  it('lists the traces of one bucket and pages with an opaque cursor', async () => {
    // Edge histogram, all values, newest first: t8 t12 t11 | t10 t7 t6 | t5 t2 t1.
    const first = await callRoute(GET, `/api/v1/traces?${WINDOW}&histogram=edge&limit=3`);
    expect(first.status).toBe(200);
    expect(first.body.traces.map((t: { traceId: string }) => t.traceId)).toEqual(['t8', 't12', 't11']);
    expect(typeof first.body.nextCursor).toBe('string');
    const second = await callRoute(GET, `/api/v1/traces?${WINDOW}&histogram=edge&limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.traces.map((t: { traceId: string }) => t.traceId)).toEqual(['t10', 't7', 't6']);
    const third = await callRoute(GET, `/api/v1/traces?${WINDOW}&histogram=edge&limit=3&cursor=${second.body.nextCursor}`);
    expect(third.body.traces.map((t: { traceId: string }) => t.traceId)).toEqual(['t5', 't2', 't1']);
    expect(third.body.nextCursor).toBeUndefined();
  });

  it('selects by half-open range: [1000, 1100) of ingress holds only t7 (1.000 s)', async () => {
    const { body } = await callRoute(GET, `/api/v1/traces?${WINDOW}&histogram=ingress&fromMs=1000&toMs=1100`);
    expect(body.traces.map((t: { traceId: string; ingress: { requestTimeMs: number } }) => [t.traceId, t.ingress.requestTimeMs])).toEqual([['t7', 1000]]);
    expect([body.histogram, body.fromMs, body.toMs]).toEqual(['ingress', 1000, 1100]);
  });

  it.each([
    ['histogram=nope', 'histogram'],
    ['', 'histogram'],
    ['histogram=edge&fromMs=200&toMs=100', 'fromMs'],
    ['histogram=edge&fromMs=1.5', 'fromMs'],
    ['histogram=edge&limit=0', 'limit'],
    ['histogram=edge&limit=100000', 'limit'],
    ['histogram=edge&cursor=not-a-cursor', 'cursor'],
  ])('refuses %s with a 400 naming %s', async (search, parameter) => {
    const { status, body } = await callRoute(GET, `/api/v1/traces?${WINDOW}&${search}`);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'invalid_parameter', parameter });
  });
});
