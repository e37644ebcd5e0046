import { describe, expect, it } from 'vitest';
import { callRoute, useFixtureBackend } from '@/test-support/route-fixture';
import { GET as getHistograms } from '../histograms/route';
import { GET } from './route';

describe('GET /api/v1/health', () => {
  it('reports the embedded store with its line counts', async () => {
    useFixtureBackend();
    const response = await GET(new Request('http://localhost/api/v1/health'));
    expect(response.status).toBe(200);
    // 13 edge lines and 11 ingress lines in the fixture.
    expect(await response.json()).toMatchObject({ backend: 'duckdb', ok: true, details: { lines: { edge: 13, ingress: 11 } } });
  });

  it('answers 503 with the reason when the log files cannot be loaded', async () => {
    useFixtureBackend();
    process.env.HOPSCOPE_EDGE_FILES = '/nonexistent/hopscope/edge-*.ndjson';
    const response = await GET(new Request('http://localhost/api/v1/health'));
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body.ok).toBe(false);
    expect(body.message).toBe('the edge log file /nonexistent/hopscope/edge-*.ndjson does not exist (HOPSCOPE_EDGE_FILES)');
  });

  it('names the missing file in every other answer too, with 503', async () => {
    useFixtureBackend();
    process.env.HOPSCOPE_INGRESS_FILES = '/nonexistent/hopscope/ingress.log';
    const { status, body } = await callRoute(getHistograms, '/api/v1/histograms?from=2020-11-19T02:00:00Z&to=2020-11-19T03:00:00Z');
    expect(status).toBe(503);
    expect(body).toEqual({
      error: { code: 'backend_unavailable', message: 'the ingress log file /nonexistent/hopscope/ingress.log does not exist (HOPSCOPE_INGRESS_FILES)' },
    });
  });
});
