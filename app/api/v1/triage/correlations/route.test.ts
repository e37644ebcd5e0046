import { beforeAll, describe, expect, it } from 'vitest';
import { callRoute, useFixtureBackend } from '@/test-support/route-fixture';
import { GET } from './route';

const WINDOW = 'from=2020-11-19T02:00:00Z&to=2020-11-19T03:00:00Z';

describe('GET /api/v1/triage/correlations', () => {
  beforeAll(useFixtureBackend);

  it('ranks the values of the 7 joined fixture requests (3 slow) and flags none', async () => {
    const { status, body } = await callRoute(GET, `/api/v1/triage/correlations?${WINDOW}`);
    expect(status).toBe(200);
    expect(body.traces).toEqual({ all: 7, slow: 3 });
    // Distinct values: 3 ingress hosts, 2 edge hosts, 3 edge and 7 ingress addresses, 1 upstream name,
    // 2 apps, 2 paths, 2 methods, 1 status = 23.
    expect(body.tests).toBe(23);
    // Node 2 and 10.20.0.12:80 hold 2 of 2 requests, both slow: P = C(2,2)·C(5,1)/C(7,3) = 1/7, the smallest;
    // the tie goes to the host (field order). Two slow requests are too few to fold them together.
    expect(body.entries.slice(0, 2).map((e: { field: string; value: string }) => [e.field, e.value])).toEqual([
      ['ingressHost', 'ingress-node-2'],
      ['edgeUpstreamAddr', '10.20.0.12:80'],
    ]);
    expect(body.entries[0].pValue).toBeCloseTo(1 / 7, 12);
    expect(body.flaggedCount).toBe(0);
  });

  it('lists at most `limit` values per field', async () => {
    const { body } = await callRoute(GET, `/api/v1/triage/correlations?${WINDOW}&limit=1`);
    expect(body.entries.filter((e: { field: string }) => e.field === 'ingressUpstreamAddr')).toHaveLength(1);
    // The Bonferroni count still covers every distinct value.
    expect(body.tests).toBe(23);
  });

  it.each([['limit=0', 'limit'], ['limit=51', 'limit'], ['slow=-1', 'slow']])('refuses %s with a 400 naming %s', async (search, parameter) => {
    const { status, body } = await callRoute(GET, `/api/v1/triage/correlations?${WINDOW}&${search}`);
    expect(status).toBe(400);
    expect(body.error.parameter).toBe(parameter);
  });
});
