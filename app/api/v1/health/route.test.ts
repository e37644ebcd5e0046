import { describe, expect, it } from 'vitest';
import { useFixtureBackend } from '@/lib/testing/route-fixture';
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
    expect(body.message).toContain('could not load the edge log files');
  });
});
