import { ACCESS_CONTROL_CREDENTIALS } from './canary-credentials';
import { expect, test } from './fixtures';

/**
 * The access-control server (playwright.config.ts) runs with HTTP basic auth switched on: nothing
 * but the build's static files is served without the credentials, health included.
 */

const authorization = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const GOOD = authorization(ACCESS_CONTROL_CREDENTIALS.username, ACCESS_CONTROL_CREDENTIALS.password);

test.describe('access control: HTTP basic auth', () => {
  test.beforeAll(async ({ request, baseURL }) => {
    // The global setup cannot wait for this server's health without credentials: wait here.
    await expect
      .poll(async () => (await request.get(`${baseURL}/api/v1/health`, { headers: { Authorization: GOOD }, failOnStatusCode: false })).status(), { timeout: 180_000, intervals: [1_000] })
      .toBe(200);
  });

  test('API: 401 JSON with a challenge without credentials or with wrong ones, 200 with them', async ({ request, sampleWindow }) => {
    const url = `/api/v1/histograms?${new URLSearchParams(sampleWindow)}`;
    for (const headers of [{} as Record<string, string>, { Authorization: authorization(ACCESS_CONTROL_CREDENTIALS.username, 'wrong-password-123') }, { Authorization: 'Bearer abc' }]) {
      const refused = await request.get(url, { headers });
      expect(refused.status()).toBe(401);
      expect(refused.headers()['www-authenticate']).toBe('Basic realm="hopscope", charset="UTF-8"');
      expect(refused.headers()['x-content-type-options']).toBe('nosniff');
      const body = (await refused.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('unauthorized');
      expect(JSON.stringify(body)).not.toContain('"edge"');
    }
    const allowed = await request.get(url, { headers: { Authorization: GOOD } });
    expect(allowed.status()).toBe(200);
    expect(((await allowed.json()) as { counts: { edge: number } }).counts.edge).toBeGreaterThan(0);
  });

  test('health and unknown paths are behind the login too; static files are not', async ({ request }) => {
    expect((await request.get('/api/v1/health')).status()).toBe(401);
    expect((await request.get('/api/v1/no-such-endpoint')).status()).toBe(401);
    expect((await request.get('/no-such-page')).status()).toBe(401);
    const html = await (await request.get('/', { headers: { Authorization: GOOD } })).text();
    const asset = /\/_next\/static\/[^"']+\.js/.exec(html)?.[0];
    expect(asset).toBeTruthy();
    expect((await request.get(asset!)).status()).toBe(200);
  });

  test('pages: the browser gets a challenge without credentials and the dashboard with them', async ({ browser, baseURL, sampleWindow }) => {
    // Without credentials, headless Chromium ends the navigation at the challenge
    // (net::ERR_INVALID_AUTH_CREDENTIALS, where a person would see the login dialog).
    const anonymous = await browser.newContext({ baseURL });
    await expect((await anonymous.newPage()).goto(`/?${new URLSearchParams(sampleWindow)}`)).rejects.toThrow(/ERR_INVALID_AUTH_CREDENTIALS/);
    const refused = await anonymous.request.get(`/?${new URLSearchParams(sampleWindow)}`);
    expect(refused.status()).toBe(401);
    expect(refused.headers()['www-authenticate']).toMatch(/^Basic realm="hopscope"/);
    await anonymous.close();

    // A browser that knows the credentials answers the challenge, for the page and for its API calls.
    const signedIn = await browser.newContext({ baseURL, httpCredentials: ACCESS_CONTROL_CREDENTIALS });
    const page = await signedIn.newPage();
    const response = await page.goto(`/?${new URLSearchParams(sampleWindow)}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByTestId('histogram-edge')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('error-banner')).toHaveCount(0);
    await signedIn.close();
  });
});
