import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { PAGE_KEYS, parseInvestigationState, toSearchParams } from '@/lib/url-state';
import { canaryNeedles } from './canary-credentials';
import { expect, test } from './fixtures';
import { serverUrl, type E2eServer } from './servers';

/**
 * Elasticsearch credentials never reach the browser. The servers run with canary credentials in
 * their environment (and `npm test` builds with them): none of them may appear in any file of the
 * client bundle, nor in any answer of any API route or page, successes and errors alike, from the
 * embedded server, the one whose Elasticsearch is unreachable and, when ES_URL is set, the one on
 * the real node.
 */

const root = path.resolve(__dirname, '..');
const needles = canaryNeedles();
const servers: E2eServer[] = ['embedded', 'unreachable', ...(process.env.ES_URL?.trim() ? (['elasticsearch'] as const) : [])];

const findCanaries = (text: string): string[] => needles.filter((needle) => text.includes(needle));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).isFile());
}

/** Every API route of the app, from the file system, so a new route is covered without editing this test. */
function apiRoutes(): string[] {
  return filesUnder(path.join(root, 'app/api'))
    .filter((file) => path.basename(file) === 'route.ts')
    .map((file) => '/' + path.relative(path.join(root, 'app'), path.dirname(file)).split(path.sep).join('/'))
    .sort();
}

/** Parameters that make each route answer with data on the sample (the others need none). */
const EXTRA_PARAMS: Record<string, Record<string, string>> = {
  '/api/v1/traces': { histogram: 'ingress', fromMs: '1000', toMs: '1100', limit: '5' },
  '/api/v1/connect-timeline': { tier: 'ingress' },
  '/api/v1/suggestions': { field: 'app' },
  '/api/v1/traces/export': { format: 'csv', histogram: 'ingress', fromMs: '1000', toMs: '1100' },
};
/** Routes that take no query parameter at all (they refuse any): a trace, the load's progress, the snapshots. */
const takesNoParameters = (apiPath: string) =>
  (apiPath.startsWith('/api/v1/traces/') && apiPath !== '/api/v1/traces/export') ||
  apiPath === '/api/v1/health/loading' ||
  apiPath === '/api/v1/extent' ||
  apiPath.startsWith('/api/v1/snapshots');
/**
 * Routes that answer POST only (a GET gets 405): their GET answers are scanned like any, and a
 * POST of the window with the writes' header is scanned too.
 */
const POST_ONLY_ROUTES = new Set(['/api/v1/refresh']);
/** Stands for the server's own snapshot in the routes' paths, replaced per server. */
const SNAPSHOT_ID = '{snapshot}';
/** A well-formed id no server has. */
const NO_SUCH_SNAPSHOT = '0'.repeat(32);

/** Takes a snapshot of the window on a server (whose environment holds the canaries); null when it cannot (unreachable). */
async function takeSnapshot(request: APIRequestContext, base: string, window: { from: string; to: string }): Promise<string | null> {
  const response = await request.post(`${base}/api/v1/snapshots`, {
    headers: { 'content-type': 'application/json', 'x-requested-by': 'hopscope' },
    data: { query: window, title: 'credential scan' },
    failOnStatusCode: false,
    timeout: 120_000,
  });
  return response.status() === 201 ? ((await response.json()) as { id: string }).id : null;
}

type Scanned = { url: string; status: number; leaks: string[] };

async function scan(request: APIRequestContext, url: string, headers: Record<string, string> = {}): Promise<Scanned> {
  const response = await request.get(url, { headers, failOnStatusCode: false, timeout: 60_000 });
  const text = `${JSON.stringify(response.headers())}\n${await response.text()}`;
  return { url, status: response.status(), leaks: findCanaries(text) };
}

/** A write route's answer to a POST of `body` with the writes' header (a refresh: 200 on Elasticsearch, 409 on the embedded store). */
async function scanPost(request: APIRequestContext, url: string, body: unknown): Promise<Scanned> {
  const response = await request.post(url, {
    headers: { 'content-type': 'application/json', 'x-requested-by': 'hopscope' },
    data: body,
    failOnStatusCode: false,
    timeout: 120_000,
  });
  const text = `${JSON.stringify(response.headers())}\n${await response.text()}`;
  return { url: `POST ${url}`, status: response.status(), leaks: findCanaries(text) };
}

test.describe('credentials never reach the browser', () => {
  test('the client bundle (.next/static) holds no canary', () => {
    const files = filesUnder(path.join(root, '.next/static'));
    expect(files.length).toBeGreaterThan(10);
    const leaks = files.flatMap((file) => findCanaries(readFileSync(file, 'latin1')).map((needle) => `${path.relative(root, file)}: ${needle}`));
    expect(leaks).toEqual([]);
  });

  test('no API answer or page of any server holds a canary, errors included', async ({ request, sampleWindow }) => {
    test.setTimeout(300_000);
    const window = new URLSearchParams(sampleWindow).toString();
    const listed = await request.get(`${serverUrl('embedded')}/api/v1/traces?${window}&histogram=ingress&fromMs=1000&toMs=1100&limit=1`);
    expect(listed.status()).toBe(200);
    const traceId = ((await listed.json()) as { traces: { traceId: string }[] }).traces[0]!.traceId;

    const routes = apiRoutes();
    expect(routes).toContain('/api/v1/histograms');
    const paths = routes.flatMap((route) =>
      route.includes('[traceId]')
        ? [route.replace('[traceId]', encodeURIComponent(traceId)), route.replace('[traceId]', 'no-such-trace')]
        : route.includes('[[...path]]')
          ? [route.replace('[[...path]]', 'v1/no-such-endpoint')]
          : route.includes('[id]')
            ? [route.replace('[id]', SNAPSHOT_ID), route.replace('[id]', NO_SUCH_SNAPSHOT)]
            : [route],
    );
    const compare = { compareFrom: sampleWindow.from, compareTo: sampleWindow.to };
    /** The query that answers with data: a trace and the load's progress are asked without parameters (they refuse any). */
    const dataQuery = (apiPath: string) => {
      if (takesNoParameters(apiPath)) return '';
      const extra = new URLSearchParams({ ...(EXTRA_PARAMS[apiPath] ?? {}), ...(apiPath.endsWith('/compare') ? compare : {}) }).toString();
      return `${window}${extra ? `&${extra}` : ''}`;
    };
    const urlOf = (base: string, apiPath: string, query: string) => `${base}${apiPath}${query ? `?${query}` : ''}`;
    const results: Scanned[] = [];
    const snapshotIds: Partial<Record<E2eServer, string>> = {};
    for (const server of servers) {
      const base = serverUrl(server);
      // A snapshot taken with the canaries in the environment: its details and answers are scanned too.
      const snapshot = await takeSnapshot(request, base, sampleWindow);
      if (snapshot) snapshotIds[server] = snapshot;
      for (const apiPath of paths.map((each) => each.replace(SNAPSHOT_ID, snapshot ?? NO_SUCH_SNAPSHOT))) {
        // With data, then two invalid queries (the unreachable server fails every valid one).
        for (const query of [dataQuery(apiPath), 'from=not-a-time&limit=-1', `${window}&latencyMin=zzz`]) {
          results.push(await scan(request, urlOf(base, apiPath, query)));
        }
        if (POST_ONLY_ROUTES.has(apiPath)) {
          for (const body of [sampleWindow, { from: 'not-a-time', to: sampleWindow.to }]) results.push(await scanPost(request, `${base}${apiPath}`, body));
        }
      }
      if (snapshot) results.push(await scan(request, `${base}/api/v1/histograms?${window}&snapshot=${snapshot}`));
      const pages = ['/', `/?${window}`, '/?from=not-a-time', `/traces/${encodeURIComponent(traceId)}?${window}`, '/traces/no-such-trace', '/no-such-page'];
      for (const pagePath of pages) {
        results.push(await scan(request, `${base}${pagePath}`));
        // What client-side navigation fetches: the React Server Components payload.
        results.push(await scan(request, `${base}${pagePath}`, { RSC: '1' }));
      }
    }
    expect(results.filter((result) => result.leaks.length > 0)).toEqual([]);
    // Nor does what a snapshot writes in plain text (its manifest; the Parquet files hold log lines).
    // Other specs delete their snapshots meanwhile: a manifest gone before it is read is skipped.
    const manifests = readdirSync(process.env.HOPSCOPE_E2E_SNAPSHOT_ROOT!, { recursive: true, encoding: 'utf8' })
      .filter((name) => path.basename(name) === 'manifest.json')
      .flatMap((name) => {
        try {
          return [{ file: name, text: readFileSync(path.join(process.env.HOPSCOPE_E2E_SNAPSHOT_ROOT!, name), 'utf8') }];
        } catch {
          return [];
        }
      });
    expect(manifests.length).toBeGreaterThan(0);
    expect(manifests.flatMap(({ file, text }) => findCanaries(text).map((needle) => `${file}: ${needle}`))).toEqual([]);

    // The scan saw answers with data and the error paths: every route answered the embedded
    // server's window with 200, and the unreachable server answered with errors.
    const embedded = serverUrl('embedded');
    expect(snapshotIds.embedded).toBeDefined();
    if (process.env.ES_URL?.trim()) expect(snapshotIds.elasticsearch).toBeDefined();
    const embeddedPaths = paths.map((each) => each.replace(SNAPSHOT_ID, snapshotIds.embedded ?? ''));
    for (const apiPath of embeddedPaths.filter((item) => !item.includes('no-such') && !item.includes(NO_SUCH_SNAPSHOT))) {
      if (POST_ONLY_ROUTES.has(apiPath)) {
        // The embedded store reads its files once: a refresh is refused there, with the app's error.
        expect(results.find((result) => result.url === `POST ${embedded}${apiPath}`)?.status, apiPath).toBe(409);
        continue;
      }
      const withData = results.find((result) => result.url === urlOf(embedded, apiPath, dataQuery(apiPath)));
      expect(withData?.status, apiPath).toBe(200);
    }
    if (process.env.ES_URL?.trim()) {
      expect(results.find((result) => result.url === `POST ${serverUrl('elasticsearch')}/api/v1/refresh`)?.status).toBe(200);
    }
    expect(results.find((result) => result.url.startsWith(`${serverUrl('unreachable')}/api/v1/histograms?`))?.status).toBe(503);
    expect(results.find((result) => result.url.startsWith(`${serverUrl('unreachable')}/api/v1/health?`))?.status).toBe(503);
  });

  test('nor does anything the browser receives or keeps while using the pages', async ({ page, sampleWindow }) => {
    test.setTimeout(240_000);
    const seen: string[] = [];
    page.on('response', async (response) => {
      const body = await response.text().catch(() => '');
      const leaks = findCanaries(`${JSON.stringify(await response.allHeaders())}\n${body}`);
      if (leaks.length) seen.push(`${response.url()}: ${leaks.join(', ')}`);
    });
    for (const server of servers) {
      await page.goto(`${serverUrl(server)}/?${new URLSearchParams(sampleWindow)}`);
      await expect(page.locator('[data-testid="histogram-edge"], [data-testid="empty-state"], [data-testid="error-banner"]').first()).toBeVisible({ timeout: 60_000 });
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 60_000 });
      const kept = await page.evaluate(() => [document.documentElement.outerHTML, document.cookie, JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage })].join('\n'));
      expect(findCanaries(kept), server).toEqual([]);
    }
    expect(seen).toEqual([]);
  });
});

/** Every parameter the investigation and trace pages may put in a URL. */
const PERMALINK_KEYS = new Set(PAGE_KEYS);

function expectCleanPermalink(page: Page): void {
  const url = new URL(page.url());
  for (const key of url.searchParams.keys()) expect(PERMALINK_KEYS, `unexpected URL parameter ${key} in ${url}`).toContain(key);
  // The URL is exactly the state's own serialization: nothing rides along that the schema does not hold.
  expect(url.searchParams.toString()).toBe(toSearchParams(parseInvestigationState(url.searchParams)).toString());
  const cursor = url.searchParams.get('cursor');
  if (cursor) expect(Object.keys(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))).sort()).toEqual(['id', 't']);
  expect(findCanaries(url.toString())).toEqual([]);
  expect(url.username + url.password + url.hash).toBe('');
}

test('permalinks carry only the parameters of the URL schema', async ({ investigation, page, sampleWindow }) => {
  await investigation.open(sampleWindow);
  expectCleanPermalink(page);
  await investigation.bar('ingress', '1000–1100 ms').click();
  await expect(investigation.rows.first()).toBeVisible({ timeout: 60_000 });
  expectCleanPermalink(page);
  const older = page.getByRole('button', { name: 'Older traces →' });
  // The 1 s cluster holds more traces than one page: the next page's cursor enters the URL.
  await older.click();
  await expect(page).toHaveURL(/cursor=/);
  await investigation.settled();
  expectCleanPermalink(page);
  await page.getByRole('button', { name: /^Sort by Ingress,/ }).click();
  await page.getByRole('button', { name: 'Linear' }).click();
  await investigation.timeline('edge').getByRole('button', { name: 'host' }).click();
  await investigation.settled();
  expectCleanPermalink(page);
  await investigation.rows.first().getByTestId('cell-trace-id').getByRole('link').click();
  await expect(page).toHaveURL(/\/traces\//);
  expectCleanPermalink(page);
});
