import { expect, test } from './fixtures';
import { MISSING_INGRESS_LOG } from './raw-logs-sample';
import { serverUrl } from './servers';

// This project's server reads the sample incident as raw nginx text logs (e2e/raw-logs-sample.ts).
test.describe('raw nginx logs', () => {
  test('the first screen on raw text logs: the same verdict and edge count as on the NDJSON sample', async ({ investigation, page, request, sampleWindow }) => {
    const health = await (await request.get('/api/v1/health')).json();
    expect(health.details.formats).toMatchObject({ edge: { format: 'log_format' }, ingress: { format: 'log_format' } });
    expect(health.details.unreadableLines).toEqual({ edge: 0, ingress: 0 });

    await investigation.open(sampleWindow);
    await expect(investigation.verdictLead).toContainText(/^[\d,]+ requests ≥ 1 s: ingress host ingress-node-2 = .*\(SYN or SYN-ACK retransmitted on the ingress→app/);
    await expect(investigation.verdictEvidence.locator('li').first()).toContainText(
      /ingress→app connect of 1\.00–1\.10 s.*through ingress-node-2: a SYN or SYN-ACK was retransmitted/,
    );
    // The edge lines carry $msec, so the edge histogram is the NDJSON sample's to the trace.
    const fromNdjson = await (await request.get(`${serverUrl('embedded')}/api/v1/histograms/edge?${new URLSearchParams(sampleWindow)}`)).json();
    expect(await investigation.total('edge')).toBe(fromNdjson.histogram.total);
    await expect(page.getByTestId('answer-notice')).toHaveCount(0);
  });

  test('a missing log file: the page and the API name it, with 503', async ({ page, request }) => {
    const message = `the ingress log file ${MISSING_INGRESS_LOG} does not exist (HOPSCOPE_INGRESS_FILES)`;
    const response = await request.get(`${serverUrl('missingLogFile')}/api/v1/histograms/edge`);
    expect(response.status()).toBe(503);
    expect(await response.json()).toEqual({ error: { code: 'backend_unavailable', message } });

    await page.goto(`${serverUrl('missingLogFile')}/`);
    const banner = page.getByTestId('error-banner').first();
    await expect(banner).toHaveAttribute('data-error-code', 'backend_unavailable');
    await expect(banner).toContainText(message);
    // The window heading says what was asked and that nothing answered; the link still copies.
    await expect(page.getByTestId('window')).toHaveText('the default window · no answer');
    await page.getByRole('button', { name: 'Copy permalink' }).click();
    await expect(page.getByTestId('permalink')).toHaveValue(`${serverUrl('missingLogFile')}/`);
    await expect(page.getByRole('status').filter({ hasText: 'the range stays relative: no answer resolved it' })).toBeVisible();
  });
});
