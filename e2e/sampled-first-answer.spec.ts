import type { Route } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * A cold Elasticsearch window answered first from a stated sample, then exactly (issue 13): the
 * page shows the sample's answer with what it is, in the histograms' notice and in the verdict,
 * asks again for the exact answer and replaces it. The server samples every cold window here
 * (HOPSCOPE_ES_SAMPLE_THRESHOLD=1, ~2,000 edge lines a sample); the browser's exact requests are
 * held until the sampled page has been checked, so the test does not race the read.
 */

const isExactAsk = (url: string, path: string) => {
  const parsed = new URL(url);
  return parsed.pathname === path && !parsed.searchParams.has('sample');
};

test('the first answer is a stated sample, replaced by the exact one', async ({ page, request, sampleWindow }) => {
  const window = new URLSearchParams(sampleWindow);
  // Cold again even on a retry: the server forgets the window's slices and engines.
  const refreshed = await request.post('/api/v1/refresh', { headers: { 'X-Requested-By': 'hopscope' }, data: sampleWindow });
  expect(refreshed.status()).toBe(200);

  const held: Route[] = [];
  let holding = true;
  const hold = async (route: Route) => (holding ? void held.push(route) : route.continue());
  const exactAsks = (url: URL) => isExactAsk(url.toString(), '/api/v1/histograms') || isExactAsk(url.toString(), '/api/v1/triage/summary');
  await page.route(exactAsks, hold);

  await page.goto(`/?${window}`);
  const notices = page.getByTestId('sample-notice');
  // Above the histograms: which traces, how many of the window's; in the verdict: that it is a sample's.
  await expect(notices.filter({ hasText: /^A first answer from a sample: the traces whose trace id starts with 00 to [0-9a-f]{2}, about 1 in \d+ \([\d,]+ of ~[\d,]+ edge lines\)/ })).toHaveCount(1, { timeout: 60_000 });
  await expect(notices.filter({ hasText: /^This verdict comes from a sample of about 1 in \d+ traces; the exact one replaces it/ })).toHaveCount(1, { timeout: 60_000 });
  // The browser asked for the exact histograms and verdict (held so far).
  await expect.poll(() => held.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  const edgeCount = page.getByTestId('count-edge');
  const sampledEdge = Number((await edgeCount.textContent())?.replace(/,/g, ''));

  const exact = (await (await request.get(`/api/v1/histograms?${window}`)).json()) as { sample: unknown; counts: { edge: number } };
  expect(exact.sample).toBeNull();
  // The sample's counts are its own: a tenth or so of the window's traces.
  expect(sampledEdge).toBeGreaterThan(0);
  expect(sampledEdge).toBeLessThan(exact.counts.edge / 4);
  holding = false;
  for (const route of held.splice(0)) await route.continue();
  // The exact answers replace the sampled ones: no sample notice is left, and the counts are every trace's.
  await expect(notices).toHaveCount(0, { timeout: 60_000 });
  await expect(edgeCount).toHaveText(exact.counts.edge.toLocaleString('en-US'));
});
