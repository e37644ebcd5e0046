import type { Page, Response } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * The security headers, and a Content-Security-Policy the pages satisfy: a real browser loads the
 * investigation and trace pages, renders the charts, drags a brush and drills down, and not one
 * CSP violation may happen on the way.
 */

type Violation = { directive: string; blocked: string; sample: string };

/** Records CSP violations from the page's own event, before any page script runs. */
async function recordViolations(page: Page): Promise<{ violations: () => Promise<Violation[]>; refusals: string[] }> {
  await page.addInitScript(() => {
    const list: Violation[] = [];
    (window as unknown as { __cspViolations: Violation[] }).__cspViolations = list;
    document.addEventListener('securitypolicyviolation', (event) => {
      list.push({ directive: event.effectiveDirective, blocked: event.blockedURI, sample: event.sample });
    });
  });
  const refusals: string[] = [];
  // Chromium also reports each blocked resource on the console ("Refused to execute inline script…").
  page.on('console', (message) => {
    if (/Refused to|Content Security Policy/i.test(message.text())) refusals.push(message.text());
  });
  page.on('pageerror', (error) => {
    if (/Content Security Policy|Refused to/i.test(error.message)) refusals.push(error.message);
  });
  return {
    refusals,
    // Read across navigations: each document has its own list, so collect before leaving one.
    violations: () => page.evaluate(() => (window as unknown as { __cspViolations?: Violation[] }).__cspViolations ?? []),
  };
}

function expectSecurityHeaders(response: Response | { headers(): Record<string, string> }): void {
  const headers = response.headers();
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(headers['permissions-policy']).toContain('camera=()');
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-powered-by']).toBeUndefined();
}

/** The nonce of a page's CSP; every inline script of its HTML must carry exactly that nonce. */
async function expectNonceOnEveryInlineScript(response: Response): Promise<string> {
  const policy = response.headers()['content-security-policy'] ?? '';
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
  expect(nonce, policy).toBeTruthy();
  expect(policy).toContain("'strict-dynamic'");
  expect(policy).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  const html = await response.text();
  const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((match) => match[1]!);
  expect(scripts.length).toBeGreaterThan(0);
  for (const attributes of scripts) expect(attributes, `a script tag without the nonce: <script${attributes}>`).toContain(`nonce="${nonce}"`);
  return nonce!;
}

test.describe('security headers and CSP', () => {
  test('investigation page: headers, a nonce per request, charts, brush and drill-down without a CSP violation', async ({ investigation, page, sampleWindow }) => {
    const recorder = await recordViolations(page);
    const query = new URLSearchParams(sampleWindow).toString();

    const first = await page.goto(`/?${query}`);
    expect(first).not.toBeNull();
    expectSecurityHeaders(first!);
    const nonce = await expectNonceOnEveryInlineScript(first!);
    await investigation.settled();

    // Charts render (SVG bars from Recharts, with their inline style attributes).
    await expect(investigation.histogram('edge').locator('[role="button"][data-bar-index]').first()).toBeVisible();
    await expect(investigation.timeline('ingress').locator('.recharts-brush')).toBeVisible();

    // Brush: narrows the window through client-side navigation (RSC requests under the same policy).
    const before = page.url();
    await investigation.brush('ingress', 'start', 0.3);
    await expect(page).not.toHaveURL(before);
    await investigation.settled();

    // Drill-down into the 1 s cluster, then a trace page, then back.
    await investigation.bar('ingress', '1000–1100 ms').click();
    await expect(investigation.rows.first()).toBeVisible({ timeout: 60_000 });
    expect(await recorder.violations()).toEqual([]);

    await investigation.rows.first().getByTestId('cell-trace-id').getByRole('link').click();
    await expect(page).toHaveURL(/\/traces\//);
    await expect(page.getByTestId('waterfall')).toBeVisible({ timeout: 60_000 });
    expect(await recorder.violations()).toEqual([]);

    // A fresh load of the same page has a different nonce.
    const again = await page.goto(`/?${query}`);
    expect(await expectNonceOnEveryInlineScript(again!)).not.toBe(nonce);
    await investigation.settled();
    expect(await recorder.violations()).toEqual([]);
    expect(recorder.refusals).toEqual([]);
  });

  test('trace page loaded directly: headers, nonce, waterfall without a CSP violation', async ({ page, request, sampleWindow }) => {
    const recorder = await recordViolations(page);
    const list = await request.get(`/api/v1/traces?${new URLSearchParams({ ...sampleWindow, histogram: 'ingress', fromMs: '1000', toMs: '1100', limit: '1' })}`);
    expect(list.status()).toBe(200);
    const traceId = ((await list.json()) as { traces: { traceId: string }[] }).traces[0]!.traceId;

    const response = await page.goto(`/traces/${encodeURIComponent(traceId)}?${new URLSearchParams(sampleWindow)}`);
    expectSecurityHeaders(response!);
    await expectNonceOnEveryInlineScript(response!);
    await expect(page.getByTestId('waterfall')).toBeVisible({ timeout: 60_000 });
    await expect(page.locator('[data-hydrated="true"]').first()).toBeAttached();
    expect(await recorder.violations()).toEqual([]);
    expect(recorder.refusals).toEqual([]);
  });

  test('API answers, errors, 404 pages and static assets carry the headers too', async ({ request, sampleWindow }) => {
    const answers = [
      await request.get(`/api/v1/histograms?${new URLSearchParams(sampleWindow)}`),
      await request.get('/api/v1/histograms?from=yesterday-ish'),
      await request.get('/api/v1/no-such-endpoint'),
      await request.get('/no-such-page'),
      await request.get('/api/v1/health'),
    ];
    expect(answers.map((answer) => answer.status())).toEqual([200, 400, 404, 404, 200]);
    // An unknown page is hopscope's own 404, leading back to the pages that exist.
    expect(await answers[3]!.text()).toContain('No such page');
    for (const answer of answers) expectSecurityHeaders(answer);
    expect(answers[0]!.headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");

    const html = await (await request.get(`/?${new URLSearchParams(sampleWindow)}`)).text();
    const asset = /\/_next\/static\/[^"']+\.js/.exec(html)?.[0];
    expect(asset).toBeTruthy();
    const script = await request.get(asset!);
    expect(script.status()).toBe(200);
    expectSecurityHeaders(script);
  });

  test('a page cannot be framed by another origin', async ({ page, sampleWindow, baseURL }) => {
    const recorder = await recordViolations(page);
    // An about:blank document stands in for a foreign site embedding hopscope.
    await page.setContent(`<iframe id="victim" src="${baseURL}/?${new URLSearchParams(sampleWindow)}"></iframe>`);
    const frame = page.frameLocator('#victim');
    await expect(frame.getByTestId('histogram-edge')).toHaveCount(0, { timeout: 10_000 });
    // Chromium says why on the embedding page's console.
    await expect.poll(() => recorder.refusals.some((text) => /frame-ancestors/.test(text)), { timeout: 10_000 }).toBe(true);
  });
});
