import { keepScreenshot } from './docs-screenshots';
import { UI_ONLY } from './tags';
import { expect, test } from './fixtures';

test.describe('trace page', () => {
  test('a trace slow at ingress shows its slow ingress→app connect, and the way back keeps the view', async ({ investigation, tracePage, page, sampleWindow }, testInfo) => {
    await investigation.open({ ...sampleWindow, histogram: 'ingress', fromMs: '1000', toMs: '1100' });
    const connects = await investigation.columnMs('cell-ingress-connect');
    const index = connects.findIndex((ms) => ms !== null && ms >= 900);
    expect(index).toBeGreaterThanOrEqual(0);
    const row = investigation.rows.nth(index);
    const traceId = (await row.getAttribute('data-trace-id'))!;
    const listUrl = page.url();

    await row.getByTestId('cell-trace-id').getByRole('link').click();
    await expect(page).toHaveURL(new RegExp(`/traces/${encodeURIComponent(traceId)}\\?`));
    await expect(page.getByTestId('trace-id')).toHaveText(traceId);
    const slow = await tracePage.slowSegments();
    const slowConnect = slow.find((id) => id.startsWith('ingress-connect-'));
    expect(slowConnect, `slow segments: ${slow.join(', ')}`).toBeDefined();
    expect(await tracePage.durationMs(slowConnect!)).toBeGreaterThanOrEqual(900);
    await expect(page.getByTestId('clock-skew')).toContainText('Clock skew');
    await expect(tracePage.raw('ingress')).toContainText(traceId);
    await expect(tracePage.raw('edge')).toContainText(traceId);
    await keepScreenshot(page, testInfo, 'screenshot-trace', { fullPage: true });

    await tracePage.backLink.click();
    await expect(page).toHaveURL(listUrl);
    await investigation.settled();
    await expect(investigation.drillDown).toBeVisible();
  });

  test('a trace delayed between the tiers shows its slow edge→ingress connect', async ({ investigation, tracePage, page, sampleWindow }) => {
    await investigation.open({ ...sampleWindow, histogram: 'edgeMinusIngress', fromMs: '1000', toMs: '1100' });
    const connects = await investigation.columnMs('cell-edge-connect');
    const index = connects.findIndex((ms) => ms !== null && ms >= 900);
    expect(index).toBeGreaterThanOrEqual(0);
    await investigation.rows.nth(index).getByTestId('cell-trace-id').getByRole('link').click();
    await expect(tracePage.waterfall).toBeVisible();
    expect(await tracePage.slowSegments()).toContain('edge-connect-1');
    await expect(page.getByTestId('trace-answer')).toContainText('Edge → ingress connect');
  });

  test.describe('copy', () => {
    test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

    test('the copy button puts the raw document on the clipboard', UI_ONLY, async ({ investigation, tracePage, page, sampleWindow }) => {
      await investigation.open({ ...sampleWindow, histogram: 'ingress', fromMs: '1000', toMs: '1100' });
      await investigation.rows.first().getByTestId('cell-trace-id').getByRole('link').click();
      await tracePage.ready();
      await page.getByRole('button', { name: 'Copy Edge document (raw)' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
      const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText())) as Record<string, unknown>;
      expect(copied).toEqual(JSON.parse((await tracePage.raw('edge').textContent())!));
      expect(copied.trace_id).toBe(await page.getByTestId('trace-id').textContent());
    });
  });

  test('an unknown trace id gets a not-found page with the way back', async ({ page }) => {
    const response = await page.goto('/traces/no-such-trace%3A0%3A1?app=user-api');
    expect(response?.status()).toBe(404);
    await expect(page.getByTestId('trace-not-found')).toContainText('no-such-trace:0:1');
    await expect(page.getByRole('link', { name: /Back to the investigation/ })).toHaveAttribute('href', '/?app=user-api');
  });
});
