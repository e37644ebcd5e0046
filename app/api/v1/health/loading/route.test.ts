import { describe, expect, it } from 'vitest';
import { getBackend } from '@/lib/server/backend';
import { callRoute, useFixtureBackend } from '@/test-support/route-fixture';
import { GET } from './route';

describe('GET /api/v1/health/loading', () => {
  it('answers at once while the store loads, with the lines loaded and the backend, and null once it is loaded', async () => {
    useFixtureBackend();
    const backend = await getBackend();
    // The first answer starts the load; the progress endpoint does not wait for it.
    const firstAnswer = backend.fetchExtent();
    const during = await callRoute(GET, '/api/v1/health/loading');
    expect(during.status).toBe(200);
    expect(during.body.backend).toBe('duckdb');
    expect(during.body.loading).toMatchObject({ stage: 'loading', linesLoaded: 0 });
    expect(during.body.message).toMatch(/^(loading 0 of ~\d+ lines|starting to read the lines)$/);
    await firstAnswer;
    expect((await callRoute(GET, '/api/v1/health/loading')).body).toEqual({ backend: 'duckdb', loading: null, message: null });
  });

  it('refuses query parameters, like every endpoint', async () => {
    useFixtureBackend();
    const { status, body } = await callRoute(GET, '/api/v1/health/loading?from=now-1h');
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_parameter');
  });
});
