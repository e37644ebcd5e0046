import { describe, expect, it } from 'vitest';
import { T0 } from '@/lib/backends/contract/fixture';
import { callRoute, useFixtureBackend } from '@/test-support/route-fixture';
import { GET } from './route';

describe('GET /api/v1/extent', () => {
  it('answers the first and last edge @timestamp of the store, the end exclusive', async () => {
    useFixtureBackend();
    const { status, body } = await callRoute(GET, '/api/v1/extent');
    expect(status).toBe(200);
    // The fixture's first edge line is at T0 + 10 s, its last at T0 + 1 h.
    expect(body).toEqual({
      backend: 'duckdb',
      extent: { from: '2020-11-19T02:00:10.000Z', to: '2020-11-19T03:00:00.001Z', fromMs: T0 + 10_000, toMs: T0 + 3_600_001 },
    });
  });

  it('refuses query parameters, naming the one given', async () => {
    useFixtureBackend();
    const { status, body } = await callRoute(GET, '/api/v1/extent?from=now-1h');
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'invalid_parameter', parameter: 'from' });
  });
});
