import { beforeAll, describe, expect, it } from 'vitest';
import { callRoute, useFixtureBackend } from '@/test-support/route-fixture';
import { GET } from './route';

const WINDOW = 'from=2020-11-19T02:00:00Z&to=2020-11-19T03:00:00Z';

describe('GET /api/v1/connect-timeline', () => {
  beforeAll(useFixtureBackend);

  it('bins a one-hour window in 30 s steps (120 bins ≤ 180) and groups by host', async () => {
    const { status, body } = await callRoute(GET, `/api/v1/connect-timeline?${WINDOW}&tier=ingress&groupBy=host`);
    expect(status).toBe(200);
    expect([body.tier, body.groupBy, body.binMs, body.withoutConnectTime]).toEqual(['ingress', 'host', 30_000, 1]);
    // ingress-node-2 holds t1 (1 ms) and t7 (995 ms).
    const node2 = body.series.find((s: { group: string }) => s.group === 'ingress-node-2');
    expect(node2.points.map((p: { maxMs: number }) => p.maxMs)).toEqual([1, 995]);
  });

  it.each([
    ['tier=middle', 'tier'],
    ['', 'tier'],
    ['tier=edge&groupBy=pod', 'groupBy'],
  ])('refuses %s with a 400 naming %s', async (search, parameter) => {
    const { status, body } = await callRoute(GET, `/api/v1/connect-timeline?${WINDOW}&${search}`);
    expect(status).toBe(400);
    expect(body.error.parameter).toBe(parameter);
  });
});
