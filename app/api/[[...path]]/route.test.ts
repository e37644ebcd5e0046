import { describe, expect, it } from 'vitest';
import { GET } from './route';

describe('GET /api/<unknown>', () => {
  it('answers 404 with the JSON error shape', async () => {
    const response = GET(new Request('http://127.0.0.1/api/v2/histograms'));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'no API endpoint at /api/v2/histograms; see docs/API.md' } });
  });

  it('covers the API roots too', async () => {
    expect((await GET(new Request('http://127.0.0.1/api/v1')).json()).error.message).toBe('no API endpoint at /api/v1; see docs/API.md');
  });

  it('cuts a huge path short in its message', async () => {
    const body = await GET(new Request(`http://127.0.0.1/api/${'x'.repeat(5_000)}`)).json();
    expect(body.error.message.length).toBeLessThan(300);
  });
});
