import { beforeAll, describe, expect, it } from 'vitest';
import { callRoute, useFixtureBackend } from '@/test-support/route-fixture';
import { GET } from './route';

const WINDOW = 'from=2020-11-19T02:00:00Z&to=2020-11-19T03:00:00Z';

describe('GET /api/v1/triage/retransmissions', () => {
  beforeAll(useFixtureBackend);

  it('shows the checks but no finding: one 1.001 s connect is not a pile-up', async () => {
    const { status, body } = await callRoute(GET, `/api/v1/triage/retransmissions?${WINDOW}`);
    expect(status).toBe(200);
    expect(body.findings).toEqual([]);
    // t1's edge connect 1001 and edge→ingress 1002 fall in [1000, 1100); t7's ingress connect 995 in [800, 1000).
    expect(body.checks.map((c: { signal: string; markMs: number; left: number; peak: number; right: number }) => [c.signal, c.markMs, c.left, c.peak, c.right])).toEqual([
      ['edgeConnect', 1000, 0, 1, 0],
      ['edgeToIngressGap', 1000, 0, 1, 0],
      ['ingressConnect', 1000, 1, 0, 0],
    ]);
    expect(body.sentence).toBe(
      'No retransmission signature: no connect time and no edge→ingress segment piles up just above a whole second. ' +
        'The strongest candidate, edge→ingress connect (edge upstream_connect_time) at 1.00–1.10 s, holds 1 against 0.0 expected (p = 1 after Bonferroni). ' +
        // t5's ingress line reached no pod ("-"): 1 of the 7 joined, enough in so few to be said.
        '1 of 7 ingress lines (14 %) carry no upstream_connect_time: a SYN retransmission between ingress and the app cannot show in them.',
    );
  });

  it('refuses a bad window with a 400 naming the parameter', async () => {
    const { status, body } = await callRoute(GET, '/api/v1/triage/retransmissions?from=2020-11-19T03:00:00Z&to=2020-11-19T02:00:00Z');
    expect(status).toBe(400);
    expect(body.error.parameter).toBe('from');
  });
});
