import { expect, test } from './fixtures';

// This project's server points its Elasticsearch backend at a closed port.
test.describe('unreachable backend', () => {
  test('the investigation page shows the backend’s error with a working retry', async ({ investigation, page }, testInfo) => {
    await page.goto('/');
    await investigation.settled();
    const banner = investigation.errorBanner.first();
    await expect(banner).toBeVisible();
    await expect(banner).toHaveAttribute('data-error-code', 'backend_unavailable');
    await expect(banner).toContainText('Could not load the histograms');
    await expect(banner).toContainText(
      "cannot reach Elasticsearch at http://127.0.0.1:1: connection refused (ECONNREFUSED); is the node running, and is ES_URL's port right?",
    );
    await expect(investigation.histogram('edge')).toHaveCount(0);
    await testInfo.attach('backend-unreachable', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });

    const retried = page.waitForResponse((response) => response.url().includes('/api/v1/histograms'));
    await banner.getByRole('button', { name: 'Retry' }).click();
    expect((await retried).status()).toBe(503);
    await expect(investigation.errorBanner.first()).toHaveAttribute('data-error-code', 'backend_unavailable');
  });

  test('the trace page shows the backend’s error', async ({ investigation, page }) => {
    await page.goto('/traces/some-trace');
    await expect(investigation.errorBanner).toHaveAttribute('data-error-code', 'backend_unavailable');
    await expect(page.getByRole('link', { name: /Back to the investigation/ })).toBeVisible();
  });
});
