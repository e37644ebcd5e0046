import { expect, test } from './fixtures';
import { UI_ONLY } from './tags';

/**
 * A strange link gets the API's own message, naming the parameter, where the answer would be:
 * never a blank screen. Messages are the ones docs/API.md documents (lib/domain/query.ts,
 * lib/domain/drill-down.ts, lib/services/get-trace.ts).
 */

test.describe('bad permalinks', () => {
  test('a misspelt page parameter is refused as the API refuses it, and the view opens without it', async ({ page, investigation, sampleWindow }) => {
    await page.goto(`/?${new URLSearchParams({ ...sampleWindow, latencymin: '1' })}`);
    const banner = investigation.errorBanner.filter({ hasText: 'Could not open this view' });
    await expect(banner).toContainText('latencymin: unknown parameter (did you mean latencyMin?); this page accepts from, to, app, path');
    await expect(banner).toHaveAttribute('data-error-code', 'invalid_parameter');
    // No chart pretends to answer the view that was asked for.
    await expect(investigation.histogram('edge')).toHaveCount(0);
    await banner.getByRole('link', { name: 'Open the view without latencymin' }).click();
    await investigation.settled();
    await expect(page).not.toHaveURL(/latencymin/);
    await expect(investigation.histogram('edge')).toBeVisible();
  });

  test('an unknown route gets the app’s own 404 page, with the way back', UI_ONLY, async ({ page }) => {
    const response = await page.goto('/no-such-page');
    expect(response?.status()).toBe(404);
    await expect(page.getByTestId('page-not-found')).toBeVisible();
    await expect(page.getByTestId('page-not-found').getByRole('link').first()).toHaveAttribute('href', /^\//);
  });

  test('a reversed time range says from must be before to', async ({ investigation }) => {
    await investigation.open({ from: '2020-11-19T03:00:00Z', to: '2020-11-19T02:00:00Z' });
    const banner = investigation.errorBanner.filter({ hasText: 'Could not load the histograms' });
    await expect(banner).toContainText(
      'from: from must be before to (got from=2020-11-19T03:00:00.000Z, to=2020-11-19T02:00:00.000Z)',
    );
    await expect(banner).toContainText('(parameter from)');
    await expect(banner).toHaveAttribute('data-error-code', 'invalid_parameter');
  });

  test('an absurd span names the bound', async ({ investigation }) => {
    await investigation.open({ from: '2020-01-01T00:00:00Z', to: '2020-03-01T00:00:00Z' });
    const banner = investigation.errorBanner.filter({ hasText: 'Could not load the histograms' });
    await expect(banner).toContainText('to: the time range may span at most 31 days (got 60 days)');
    await expect(banner).toContainText('(parameter to)');
  });

  test('too many buckets and a negative latency name their parameter', async ({ investigation, sampleWindow }) => {
    await investigation.open({ ...sampleWindow, bucket: '0.001', upper: '100' });
    await expect(investigation.errorBanner.filter({ hasText: 'Could not load the histograms' })).toContainText(
      'bucket: upper / bucket gives more than 2000 buckets; widen bucket or lower upper',
    );
    await investigation.open({ ...sampleWindow, latencyMin: '-1' });
    await expect(investigation.errorBanner.filter({ hasText: 'Could not load the histograms' })).toContainText(
      'latencyMin: latencyMin must be a non-negative number of seconds with at most 3 decimals',
    );
  });

  test('a cursor this server did not write is refused in the drill-down, the histograms still show', async ({ investigation, sampleWindow }) => {
    await investigation.open({ ...sampleWindow, histogram: 'edge', cursor: 'not-a-cursor' });
    await expect(investigation.histogram('edge')).toBeVisible();
    const banner = investigation.errorBanner.filter({ hasText: 'Could not load the traces of this bucket' });
    await expect(banner).toContainText('cursor: not a cursor returned by this API; pass the nextCursor of a previous answer unchanged');
    await expect(banner).toContainText('(parameter cursor)');
  });

  test('a trace id with control characters or over 512 characters is refused on the trace page', async ({ page }) => {
    await page.goto('/traces/abc%01def');
    await expect(page.getByTestId('error-banner')).toContainText('traceId: trace id contains control characters');
    await expect(page.getByRole('link', { name: /Back to the investigation/ })).toBeVisible();
    await page.goto(`/traces/${'x'.repeat(513)}`);
    await expect(page.getByTestId('error-banner')).toContainText('traceId: trace id is longer than 512 characters');
  });
});

test.describe('lines left out of the answer', () => {
  test('are listed with their reasons beside the counts, not only on hover', async ({ investigation, sampleWindow }) => {
    // The sample's ingress tier prints upstream_response_time "-" where no pod answered (21 lines).
    await investigation.open(sampleWindow);
    const list = investigation.page.getByTestId('skipped-lines');
    await expect(list).toBeVisible();
    await expect(list.getByRole('listitem').filter({ hasText: /^\d[\d,]* ingress documents? skipped: upstream_response_time missing$/ })).toHaveCount(1);
  });
});
