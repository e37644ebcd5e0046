import { beforeAll, describe, expect, it } from 'vitest';
import { callRoute, useFixtureBackend } from '@/test-support/route-fixture';
import { GET as histograms } from '../route';
import { GET } from './route';

const WINDOW = 'from=2020-11-19T02:00:00Z&to=2020-11-19T03:00:00Z';

describe('GET /api/v1/histograms/edge', () => {
  beforeAll(useFixtureBackend);

  it('answers the edge histogram with the edge counts and the normalized query', async () => {
    const { status, body } = await callRoute(GET, `/api/v1/histograms/edge?${WINDOW}&bucket=0.5&upper=2`);
    expect(status).toBe(200);
    expect(body.backend).toBe('duckdb');
    expect(body.query).toMatchObject({ from: '2020-11-19T02:00:00.000Z', to: '2020-11-19T03:00:00.000Z', bucketMs: 500, upperMs: 2000 });
    // 9 traces (t2 shipped twice); the line without trace_id and t3 without request_time are left out.
    expect(body.counts).toEqual({
      edge: 9,
      duplicates: { edge: 1 },
      skipped: [
        { tier: 'edge', field: 'requestTime', reason: 'missing', count: 1 },
        { tier: 'edge', field: 'traceId', reason: 'missing', count: 1 },
      ],
    });
    // edge: 50 99 100 100 300 | 1050 1100 | overflow 2300 3500 (upper 2000)
    expect(body.histogram).toEqual({
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
    expect(body.notices).toEqual([]);
  });

  it('equals the edge parts of the four histograms for the same URL', async () => {
    for (const search of [WINDOW, `${WINDOW}&latencyMin=1&latencyMax=2.5`, `${WINDOW}&app=media`, '']) {
      const [edge, full] = await Promise.all([callRoute(GET, `/api/v1/histograms/edge?${search}`), callRoute(histograms, `/api/v1/histograms?${search}`)]);
      expect(edge.body.query, search).toEqual(full.body.query);
      expect(edge.body.histogram, search).toEqual(full.body.histograms.edge);
      expect([edge.body.counts.edge, edge.body.counts.duplicates.edge], search).toEqual([full.body.counts.edge, full.body.counts.duplicates.edge]);
    }
  });

  it.each([
    ['from=yesterday', 'from'],
    [`${WINDOW}&latencyMin=2&latencyMax=1`, 'latencyMin'],
    [`${WINDOW}&bucket=0.001`, 'bucket'],
    [`${WINDOW}&app=a&app=b`, 'app'],
    [`${WINDOW}&histogram=edge`, 'histogram'],
  ])('refuses %s with a 400 naming %s', async (search, parameter) => {
    const { status, body } = await callRoute(GET, `/api/v1/histograms/edge?${search}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_parameter');
    expect(body.error.parameter).toBe(parameter);
    expect(body.error.message).toContain(parameter);
  });
});
