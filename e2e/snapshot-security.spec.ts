import { expect, test } from './fixtures';
import { serverUrl } from './servers';

/**
 * The snapshot writes on a real server (middleware, routes and body limits as deployed; the unit
 * tests in lib/server/security hold each rule): a write from another site, without the header,
 * oversized or of the wrong type is refused before anything is written; ids cannot name a path.
 */
const base = serverUrl('embedded');
const WRITE = { 'content-type': 'application/json', 'x-requested-by': 'hopscope' };

test.describe('snapshot writes', () => {
  test('refuse what a cross-site page could send, oversized bodies, and ids that are not ids', async ({ request, sampleWindow }) => {
    const body = { query: sampleWindow, title: 'security' };
    const post = (headers: Record<string, string>, data: unknown = body) =>
      request.post(`${base}/api/v1/snapshots`, { headers, data: typeof data === 'string' ? data : JSON.stringify(data), failOnStatusCode: false });
    const before = ((await (await request.get(`${base}/api/v1/snapshots`)).json()) as { snapshots: unknown[] }).snapshots.length;

    const refusals: [string, Awaited<ReturnType<typeof post>>, number][] = [
      ['no X-Requested-By', await post({ 'content-type': 'application/json' }), 403],
      ['another origin', await post({ ...WRITE, origin: 'https://evil.example' }), 403],
      ['a cross-site fetch', await post({ ...WRITE, 'sec-fetch-site': 'cross-site' }), 403],
      ['a form body', await post({ 'content-type': 'text/plain', 'x-requested-by': 'hopscope' }, 'title=x'), 415],
      ['an oversized body', await post(WRITE, { ...body, note: 'x'.repeat(100_000) }), 413],
      ['an unknown query parameter', await post(WRITE, { ...body, query: { ...sampleWindow, latencymin: '1' } }), 400],
    ];
    for (const [what, response, status] of refusals) {
      expect(response.status(), what).toBe(status);
      // The API's error shape: code and message, and the parameter when one is at fault.
      const error = ((await response.json()) as { error: Record<string, unknown> }).error;
      expect(typeof error.code === 'string' && typeof error.message === 'string', what).toBe(true);
      expect(Object.keys(error).filter((key) => !['code', 'message', 'parameter'].includes(key)), what).toEqual([]);
    }
    // A CORS preflight is refused: a cross-site script cannot send the header.
    const preflight = await request.fetch(`${base}/api/v1/snapshots`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-requested-by' },
      failOnStatusCode: false,
    });
    expect(preflight.status()).toBe(405);
    expect(preflight.headers()['access-control-allow-origin']).toBeUndefined();
    // Nothing was written.
    expect(((await (await request.get(`${base}/api/v1/snapshots`)).json()) as { snapshots: unknown[] }).snapshots).toHaveLength(before);

    // Ids: traversal is refused before any path is built, an unknown id is a 404, on reads and deletes.
    for (const id of ['..%2F..%2Fetc%2Fpasswd', '%2e%2e', 'ABCDEF0123456789ABCDEF0123456789']) {
      const read = await request.get(`${base}/api/v1/snapshots/${id}`, { failOnStatusCode: false });
      expect([400, 404], id).toContain(read.status());
      const deleted = await request.delete(`${base}/api/v1/snapshots/${id}`, { headers: WRITE, failOnStatusCode: false });
      // `%2e%2e` is resolved by the URL itself (to /api/v1/), where no write is allowed: 405.
      expect([400, 404, 405], id).toContain(deleted.status());
    }
    const unknown = '0123456789abcdef0123456789abcdef';
    expect((await request.get(`${base}/api/v1/snapshots/${unknown}`, { failOnStatusCode: false })).status()).toBe(404);
    expect((await request.get(`${base}/api/v1/histograms?snapshot=${unknown}`, { failOnStatusCode: false })).status()).toBe(404);
    expect((await request.get(`${base}/api/v1/histograms?snapshot=..%2Fx`, { failOnStatusCode: false })).status()).toBe(400);
  });
});
