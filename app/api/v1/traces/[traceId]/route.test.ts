import { beforeAll, describe, expect, it } from 'vitest';
import { callRoute, useFixtureBackend } from '@/test-support/route-fixture';
import { GET } from './route';

describe('GET /api/v1/traces/[traceId]', () => {
  beforeAll(useFixtureBackend);

  it('returns both tiers, raw and normalized, with the segments', async () => {
    const { status, body } = await callRoute(GET, '/api/v1/traces/t7', { traceId: 't7' });
    expect(status).toBe(200);
    expect(body.edge.requestTimeMs).toBe(3500);
    expect(body.ingress.upstreamConnectMs).toEqual([0, 995]);
    expect(body.ingress.raw.upstream_connect_time).toBe('0.000, 0.995');
    // edge own 3500−3499, edge→ingress 3499−1000, ingress own 1000−999, app 999−995.
    expect(body.segments).toEqual({ edgeOwnMs: 1, edgeToIngressMs: 2499, edgeConnectMs: 0, ingressOwnMs: 1, ingressConnectMs: 995, appMs: 4 });
  });

  it('answers 404 with a JSON error for an unknown trace', async () => {
    const { status, body } = await callRoute(GET, '/api/v1/traces/unknown', { traceId: 'unknown' });
    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });

  it('refuses a trace id with control characters', async () => {
    const { status, body } = await callRoute(GET, '/api/v1/traces/x', { traceId: 'a\u0000b' });
    expect(status).toBe(400);
    expect(body.error.parameter).toBe('traceId');
  });

  it('answers a broken percent-escape with 400, not a 500 (found by e2e/fuzz.spec.ts)', async () => {
    const { status, body } = await callRoute(GET, '/api/v1/traces/%E0%A4%A', { traceId: '%E0%A4%A' });
    expect(status).toBe(400);
    expect(body.error).toEqual({ code: 'invalid_parameter', message: 'traceId: not a valid percent-encoded path segment', parameter: 'traceId' });
  });

  it('refuses query parameters, naming the first one, like every other endpoint', async () => {
    const { status, body } = await callRoute(GET, '/api/v1/traces/t7?from=now-1h', { traceId: 't7' });
    expect(status).toBe(400);
    expect(body.error).toEqual({
      code: 'invalid_parameter',
      message: 'from: unknown parameter; this endpoint accepts no query parameters',
      parameter: 'from',
    });
  });
});
