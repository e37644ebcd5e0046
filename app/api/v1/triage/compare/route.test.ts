import { beforeAll, describe, expect, it } from 'vitest';
import { callRoute, useFixtureBackend } from '@/test-support/route-fixture';
import { GET } from './route';

/** Base 02:00–02:01 holds t1 1050, t2 100, t5 2300; compared 02:01–03:00 holds t6 100, t7 3500, t10 1100, t11 300, t12 50, t8 99. */
const WINDOWS = 'from=2020-11-19T02:00:00Z&to=2020-11-19T02:01:00Z&compareFrom=2020-11-19T02:01:00Z&compareTo=2020-11-19T03:00:00Z';

describe('GET /api/v1/triage/compare', () => {
  beforeAll(useFixtureBackend);

  it('compares the two fixture windows', async () => {
    const { status, body } = await callRoute(GET, `/api/v1/triage/compare?${WINDOWS}`);
    expect(status).toBe(200);
    expect(body.compareQuery.from).toBe('2020-11-19T02:01:00.000Z');
    // Base 100 1050 2300: p50 1050, p90 2300. Compared 50 99 100 300 1100 3500: p50 (3rd) 100, p90 (6th) 3500.
    expect([body.base.edge.p50Ms, body.base.edge.p90Ms, body.compare.edge.p50Ms, body.compare.edge.p90Ms]).toEqual([1050, 2300, 100, 3500]);
    expect([body.changes.p50Ms, body.changes.p90Ms]).toEqual([-950, 1200]);
    // Slow 2 of 3 → 2 of 6. X = slow in the compared window ~ HG(9, 4, 6): P(X ≤ 2) = (4 + 30)/84, doubled = 68/84.
    expect(body.changes.slowShare.pValue).toBeCloseTo(68 / 84, 12);
    expect(body.changes.slowShare.significant).toBe(false);
    expect(body.sentence).toBe(
      'From this window to the compared one: p50 1,050 ms → 100 ms, p90 2,300 ms → 3,500 ms, p99 2,300 ms → 3,500 ms; ' +
        'requests ≥ 1 s 67 % → 33 % (within chance, p = 0.81); the edge→ingress segment changed most (p99 1,002 ms → 2,499 ms).',
    );
  });

  it.each([
    ['from=2020-11-19T02:00:00Z&to=2020-11-19T02:01:00Z&compareFrom=2020-11-19T02:01:00Z', 'compareTo'],
    ['from=2020-11-19T02:00:00Z&to=2020-11-19T02:01:00Z&compareFrom=soon&compareTo=now', 'compareFrom'],
    ['from=2020-11-19T02:00:00Z&to=2020-11-19T02:01:00Z&compareFrom=2020-11-19T03:00:00Z&compareTo=2020-11-19T02:00:00Z', 'compareFrom'],
  ])('refuses %s with a 400 naming %s', async (search, parameter) => {
    const { status, body } = await callRoute(GET, `/api/v1/triage/compare?${search}`);
    expect(status).toBe(400);
    expect(body.error.parameter).toBe(parameter);
  });
});
