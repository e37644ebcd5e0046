import { expect, test } from './fixtures';
import { UI_ONLY } from './tags';

/**
 * Issue 14 §5: the time picker (24-hour text in the page's zone, relative ranges, Enter, zoom out
 * and shift, an empty window that says where the data is), and failures that stay where their
 * answer would be while the form, the window heading and the permalink stay usable.
 * The browser runs in Asia/Shanghai (UTC+08:00, no daylight saving), with the en-US locale whose
 * own clock is 12-hour: the fields must not follow it.
 */

/** An instant as the picker shows it in Shanghai: "2020-11-19 10:00:00", with ".331" when it has milliseconds. */
const shanghai = (iso: string) => {
  const text = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().replace('T', ' ').replace('Z', '');
  return text.endsWith('.000') ? text.slice(0, -4) : text;
};

test.describe('time picker', () => {
  test('typed relative and 24-hour times apply on Enter; zoom out ×2 and shift move the window by its width', UI_ONLY, async ({ investigation, page, sampleWindow }) => {
    await investigation.open(sampleWindow);
    const from = page.getByLabel(/^From \(Asia\/Shanghai, UTC\+08:00\)/);
    const to = page.getByLabel(/^To \(Asia\/Shanghai, UTC\+08:00\)/);
    const window = page.getByTestId('window');
    // The resolved window in the page's zone, on a 24-hour clock (the en-US locale would say "10:00 AM").
    await expect(from).toHaveValue(shanghai(sampleWindow.from));
    await expect(to).toHaveValue(shanghai(sampleWindow.to));

    await from.fill('now-2h');
    await to.fill('now');
    await to.press('Enter');
    await expect.poll(() => investigation.params()).toMatchObject({ from: 'now-2h', to: 'now' });
    await investigation.settled();
    await expect(from).toHaveValue('now-2h');

    // 10:30–10:45 in Shanghai is 02:30–02:45 UTC, inside the sample.
    await from.fill('2020-11-19 10:30');
    await to.fill('2020-11-19T10:45:00');
    await from.press('Enter');
    await expect.poll(() => investigation.params()).toMatchObject({ from: '2020-11-19T10:30:00+08:00', to: '2020-11-19T10:45:00+08:00' });
    await investigation.settled();
    await expect(window).toHaveAttribute('data-from', '2020-11-19T02:30:00.000Z');
    await expect(window).toHaveAttribute('data-to', '2020-11-19T02:45:00.000Z');
    await expect(investigation.histogram('edge')).toBeVisible();

    const steps: [string, string, string][] = [
      // Twice as wide around the same middle, then back and forward by the new width (30 min).
      ['Zoom out ×2', '2020-11-19T02:22:30.000Z', '2020-11-19T02:52:30.000Z'],
      ['← Shift back', '2020-11-19T01:52:30.000Z', '2020-11-19T02:22:30.000Z'],
      ['Shift forward →', '2020-11-19T02:22:30.000Z', '2020-11-19T02:52:30.000Z'],
    ];
    for (const [button, fromIso, toIso] of steps) {
      await page.getByRole('button', { name: button }).click();
      await expect.poll(() => investigation.params(), { message: button }).toMatchObject({ from: fromIso, to: toIso });
      await investigation.settled();
      await expect(window).toHaveAttribute('data-from', fromIso);
      await expect(window).toHaveAttribute('data-to', toIso);
    }

    // Unreadable text and a reversed range are marked, say why, and Enter changes nothing.
    const before = page.url();
    await from.fill('11/19/2020, 10:30 AM');
    await expect(from).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('time-range-problem')).toHaveText('Not a time: type 2020-11-19 10:00:00 (24-hour), an ISO instant with offset, or now-2h');
    await from.press('Enter');
    await from.fill('2020-11-19 11:00');
    await expect(page.getByTestId('time-range-problem')).toHaveText('The start must be before the end');
    await expect(page.getByRole('button', { name: 'Apply' })).toBeDisabled();
    await from.press('Enter');
    await page.waitForTimeout(300);
    expect(page.url()).toBe(before);
  });

  test('"Last 1 h" on the sample of 2020 says where the data is, and the link opens that span', async ({ investigation, page, sampleWindow }) => {
    await investigation.open(sampleWindow);
    await page.getByRole('group', { name: 'Relative time range' }).getByRole('button', { name: '1 h', exact: true }).click();
    await expect.poll(() => investigation.params()).toMatchObject({ from: 'now-1h', to: 'now' });
    const elsewhere = page.getByTestId('data-elsewhere');
    await expect(elsewhere).toHaveText(
      `No data in this window; the data spans ${shanghai(sampleWindow.from).slice(0, 19)} – ${shanghai(sampleWindow.to).slice(0, 19)} UTC+08:00.`,
    );
    await page.getByRole('link', { name: 'Open that span' }).click();
    await expect.poll(() => investigation.params()).toMatchObject(sampleWindow);
    await investigation.settled();
    await expect(page.getByTestId('window')).toHaveAttribute('data-from', sampleWindow.from);
    await expect(investigation.histogram('edge')).toBeVisible();
    await expect(page.getByTestId('empty-state')).toHaveCount(0);
  });
});

test.describe('bad input and failures stay in place', () => {
  test('latencyMin 1 with latencyMax 0.5 is refused in the form; the view keeps its answer', UI_ONLY, async ({ investigation, page, sampleWindow }) => {
    await investigation.open(sampleWindow);
    const min = page.getByLabel('Edge latency ≥');
    const max = page.getByLabel('and <');
    await min.fill('1');
    await min.press('Enter');
    await expect.poll(() => investigation.params().latencyMin).toBe('1');
    await investigation.settled();

    await max.fill('0.5');
    await max.press('Enter');
    await expect(max).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('alert').filter({ hasText: 'latencyMin must be below latencyMax' })).toBeVisible();
    // Past the fields' debounce: nothing was sent, and the view still answers latencyMin=1.
    await page.waitForTimeout(1_000);
    expect(investigation.params().latencyMax).toBeUndefined();
    await expect(max).toHaveValue('0.5');
    await expect(investigation.histogram('edge')).toBeVisible();
    await expect(investigation.errorBanner).toHaveCount(0);
  });

  test('a refused URL shows its message where the answer would be; no skeleton is left waiting', UI_ONLY, async ({ investigation, page, sampleWindow }) => {
    const skeletons = page.locator('[role="status"][aria-label^="Loading"]');
    await page.goto('/?from=garbage');
    await investigation.settled();
    const banner = investigation.errorBanner.filter({ hasText: 'Could not load the histograms' });
    await expect(banner).toContainText('from: expected an ISO-8601 instant with offset');
    await expect(investigation.errorBanner).toHaveCount(1);
    await expect(skeletons).toHaveCount(0);
    // The form keeps the text, marked; the heading says what was asked; the permalink still copies.
    await expect(page.getByLabel(/^From \(/)).toHaveValue('garbage');
    await expect(page.getByLabel(/^From \(/)).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('window')).toHaveText('garbage · no answer');
    await page.getByRole('button', { name: 'Copy permalink' }).click();
    await expect(page.getByTestId('permalink')).toHaveValue(/\/\?from=garbage$/);
    // A few seconds later, still no placeholder waiting for an answer that cannot come.
    await page.waitForTimeout(3_000);
    await expect(skeletons).toHaveCount(0);

    await investigation.open({ ...sampleWindow, latencyMin: '1', latencyMax: '0.5' });
    await expect(investigation.errorBanner.filter({ hasText: 'Could not load the histograms' })).toContainText('latencyMin: latencyMin must be below latencyMax');
    await expect(page.getByLabel('Edge latency ≥')).toHaveValue('1');
    await expect(page.getByLabel('and <')).toHaveValue('0.5');
    await expect(page.getByLabel('and <')).toHaveAttribute('aria-invalid', 'true');
    await expect(skeletons).toHaveCount(0);
  });

  test('a 503 and a network loss show their message in their own panel; the rest, the heading and the permalink stay', UI_ONLY, async ({ investigation, page, sampleWindow }) => {
    await investigation.open(sampleWindow);
    await page.route(
      (url) => url.pathname === '/api/v1/connect-timeline' && url.searchParams.get('tier') === 'edge',
      (route) => route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'backend_unavailable', message: 'Elasticsearch answered 503 (e2e)' } }) }),
    );
    await page.route((url) => url.pathname === '/api/v1/triage/summary', (route) => route.abort('internetdisconnected'));
    // A new query: every panel asks the API from the browser.
    const min = page.getByLabel('Edge latency ≥');
    await min.fill('0.5');
    await min.press('Enter');
    await expect.poll(() => investigation.params().latencyMin).toBe('0.5');
    await investigation.settled();

    const edgeTimeline = investigation.timeline('edge');
    await expect(edgeTimeline.getByTestId('error-banner')).toContainText('Could not load the edge connect-time timeline');
    await expect(edgeTimeline.getByTestId('error-banner')).toContainText('Elasticsearch answered 503 (e2e)');
    await expect(edgeTimeline.getByTestId('error-banner')).toHaveAttribute('data-error-code', 'backend_unavailable');
    await expect(investigation.errorBanner.filter({ hasText: 'Could not load the triage summary' })).toHaveAttribute('data-error-code', 'network');
    await expect(investigation.errorBanner).toHaveCount(2);
    // Everything else answered the new query.
    await expect(investigation.histogram('edge')).toBeVisible();
    await expect(investigation.histogram('ingress')).toBeVisible();
    await expect(investigation.timeline('ingress').getByTestId('error-banner')).toHaveCount(0);
    await expect(investigation.timeline('ingress').locator('.recharts-surface').first()).toBeVisible();
    await expect(page.getByTestId('window')).toHaveAttribute('data-from', sampleWindow.from);
    await expect(min).toHaveValue('0.5');
    await page.getByRole('button', { name: 'Copy permalink' }).click();
    await expect(page.getByTestId('permalink')).toHaveValue(/latencyMin=0\.5/);

    // The backend is back: Retry in the panel brings its chart.
    await page.unrouteAll();
    await edgeTimeline.getByRole('button', { name: 'Retry' }).click();
    await expect(edgeTimeline.getByTestId('error-banner')).toHaveCount(0);
    await expect(edgeTimeline.locator('.recharts-surface').first()).toBeVisible();
  });
});
