import { beforeAll, describe, expect, it } from 'vitest';
import { callRoute, useFixtureBackend } from '@/test-support/route-fixture';
import { GET } from './route';

const WINDOW = 'from=2020-11-19T02:00:00Z&to=2020-11-19T03:00:00Z';

describe('GET /api/v1/triage/attribution', () => {
  beforeAll(useFixtureBackend);

  it('splits the fixture slow requests (t1, t7; t5 and t10 cannot be split)', async () => {
    const { status, body } = await callRoute(GET, `/api/v1/triage/attribution?${WINDOW}`);
    expect(status).toBe(200);
    expect([body.slowMs, body.attributableSlow, body.slowWithoutIngress, body.slowIncomplete]).toEqual([1000, 2, 1, 1]);
    // Slow edge→ingress 1002 + 2499 = 3501, baseline (3rd of −2 1 1 2 1002 2499) = 1 → excess 3499.
    expect(body.segments[1]).toMatchObject({ segment: 'edgeToIngress', dominantCount: 2, slowTotalMs: 3501, excessMs: 3499 });
    expect(body.sentence).toBe(
      'Of 2 requests ≥ 1 s, 100 % lost the time between edge and ingress. ' +
        '2 more requests ≥ 1 s cannot be split (1 without an ingress line and 1 without an ingress upstream time).',
    );
    expect(body.query.from).toBe('2020-11-19T02:00:00.000Z');
  });

  it('moves the threshold with slow (seconds): at 3 s only t7 (3.5 s) is slow', async () => {
    const { body } = await callRoute(GET, `/api/v1/triage/attribution?${WINDOW}&slow=3`);
    expect([body.slowMs, body.traces.slow, body.attributableSlow]).toEqual([3000, 1, 1]);
  });

  it.each([['slow=0', 'slow'], ['slow=1s', 'slow'], ['from=yesterday', 'from']])('refuses %s with a 400 naming %s', async (search, parameter) => {
    const { status, body } = await callRoute(GET, `/api/v1/triage/attribution?to=2020-11-19T03:00:00Z&${search}`);
    expect(status).toBe(400);
    expect(body.error.parameter).toBe(parameter);
  });
});
