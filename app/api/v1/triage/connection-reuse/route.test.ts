import { beforeAll, describe, expect, it } from 'vitest';
import { callRoute, useFixtureBackend } from '@/test-support/route-fixture';
import { GET } from './route';

const WINDOW = 'from=2020-11-19T02:00:00Z&to=2020-11-19T03:00:00Z';

describe('GET /api/v1/triage/connection-reuse', () => {
  beforeAll(useFixtureBackend);

  it('counts new and reused connections per hop on the fixture', async () => {
    const { status, body } = await callRoute(GET, `/api/v1/triage/connection-reuse?${WINDOW}`);
    expect(status).toBe(200);
    const [edge, ingress] = body.hops;
    // Edge connects: t1 1001, t5 1, t6 2 new; t2 t7 t8 t10 t11 t12 reused. New p50 = 2nd of 1 2 1001.
    expect(edge.all).toMatchObject({ lines: 9, reused: 6, newConnections: 3, newP50Ms: 2, newP99Ms: 1001, newAtLeastSecond: 1 });
    expect(edge.sentence).toBe(
      'edge→ingress: 33 % of 9 requests opened a new connection (the others reused a keepalive connection); ' +
        'new connections took p50 2 ms, p99 1,001 ms; 1 of them took ≥ 1 s, 100 % to 10.20.0.12:80.',
    );
    // Ingress connects: t1 1, t2 1, t11 1, t7 995 new; t8 t12 reused; t5 has none.
    expect(ingress.all).toMatchObject({ lines: 6, reused: 2, newConnections: 4, newP50Ms: 1, newP99Ms: 995, newAtLeastSecond: 0 });
    expect(ingress.withoutConnectTime).toBe(1);
    expect(ingress.byHost.map((row: { value: string; newConnections: number }) => [row.value, row.newConnections])).toEqual([
      ['ingress-node-1', 1],
      ['ingress-node-2', 2],
      ['ingress-node-3', 1],
    ]);
  });
});
