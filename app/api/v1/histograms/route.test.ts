import { beforeAll, describe, expect, it } from 'vitest';
import { callRoute, useFixtureBackend } from '@/test-support/route-fixture';
import { GET } from './route';

const WINDOW = 'from=2020-11-19T02:00:00Z&to=2020-11-19T03:00:00Z';

describe('GET /api/v1/histograms', () => {
  beforeAll(useFixtureBackend);

  it('answers the four histograms with counts and the normalized query', async () => {
    const { status, body } = await callRoute(GET, `/api/v1/histograms?${WINDOW}&bucket=0.5&upper=2`);
    expect(status).toBe(200);
    expect(body.query).toMatchObject({ from: '2020-11-19T02:00:00.000Z', to: '2020-11-19T03:00:00.000Z', bucketMs: 500, upperMs: 2000 });
    expect(body.counts).toMatchObject({ edge: 9, joined: 7, edgeOnly: 2 });
    // edge: 50 99 100 100 300 | 1050 1100 | overflow 2300 3500 (upper 2000)
    expect(body.histograms.edge).toEqual({
      bucketMs: 500,
      upperMs: 2000,
      buckets: [
        { fromMs: 0, toMs: 500, count: 5 },
        { fromMs: 500, toMs: 1000, count: 0 },
        { fromMs: 1000, toMs: 1500, count: 2 },
        { fromMs: 1500, toMs: 2000, count: 0 },
      ],
      underflow: 0,
      overflow: 2,
      total: 9,
      p50Ms: 300,
      p90Ms: 3500,
      p99Ms: 3500,
    });
    expect(Object.keys(body.histograms)).toEqual(['edge', 'ingress', 'edgeMinusIngress', 'ingressMinusUpstream']);
  });

  it('defaults to the loaded data extent when from/to are absent', async () => {
    const { status, body } = await callRoute(GET, '/api/v1/histograms');
    expect(status).toBe(200);
    // First edge line at 02:00:10, last (t9) at 03:00:00.000 inclusive → to 03:00:00.001.
    expect([body.query.from, body.query.to]).toEqual(['2020-11-19T02:00:10.000Z', '2020-11-19T03:00:00.001Z']);
    expect(body.counts.edge).toBe(10);
  });

  it.each([
    ['from=yesterday', 'from'],
    ['from=2020-11-19T03:00:00Z&to=2020-11-19T02:00:00Z', 'from'],
    ['from=2020-01-01T00:00:00Z&to=2020-03-01T00:00:00Z', 'to'],
    [`${WINDOW}&latencyMin=-1`, 'latencyMin'],
    [`${WINDOW}&latencyMin=abc`, 'latencyMin'],
    [`${WINDOW}&latencyMin=2&latencyMax=1`, 'latencyMin'],
    [`${WINDOW}&bucket=0.001`, 'bucket'],
    [`${WINDOW}&upper=0`, 'upper'],
    [`${WINDOW}&app=a&app=b`, 'app'],
  ])('refuses %s with a 400 naming %s', async (search, parameter) => {
    const { status, body } = await callRoute(GET, `/api/v1/histograms?${search}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_parameter');
    expect(body.error.parameter).toBe(parameter);
    expect(body.error.message).toContain(parameter);
  });
});
