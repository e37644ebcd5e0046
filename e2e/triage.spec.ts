import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { parseCount } from './pages/investigation-page';
import type { SampleWindow } from './sample-window';
import { UI_ONLY } from './tags';

/** The sample window cut in two halves: the base and the compared window of a comparison. */
function halves(window: SampleWindow): { first: SampleWindow; second: SampleWindow } {
  const fromMs = Date.parse(window.from);
  const toMs = Date.parse(window.to);
  const mid = new Date(Math.round((fromMs + toMs) / 2)).toISOString();
  return { first: { from: window.from, to: mid }, second: { from: mid, to: window.to } };
}

/** "12.5 % (1,204)" → 12.5 */
const percentOf = (text: string) => Number(/([\d.]+) %/.exec(text)?.[1] ?? NaN);

test.describe('triage page', () => {
  test('names the slow ingress node, the 1 s retransmission and where the time goes on the sample incident', async ({ triage, page, sampleWindow }, testInfo) => {
    await triage.open(sampleWindow);

    // Attribution: the sentence over the slow requests, and a stacked bar of its segments.
    const attribution = triage.panel('attribution');
    await expect(attribution.getByRole('heading')).toHaveText('Where the time of requests ≥ 1 s goes');
    await expect(attribution.locator('p').first()).toHaveText(/^Of [\d,]+ requests ≥ 1 s, \d+ % .+/);
    await expect(attribution.getByRole('img')).toHaveAttribute('aria-label', /\d+ %/);

    // Correlations: the slow ingress node ranks first, flagged, far more common among slow requests than among all.
    const first = triage.correlationRows().first();
    await expect(first).toContainText('ingress-node-2');
    await expect(first).toHaveAttribute('data-flagged', 'true');
    const cells = await first.locator('td').allInnerTexts();
    expect(percentOf(cells[1]!)).toBeGreaterThan(2 * percentOf(cells[2]!));
    // Every value filters the investigation page, keeping the window: app and path by their own
    // parameters, hosts, addresses, methods and statuses by a dimension filter.
    const filterHrefs = await triage.panel('correlations').getByRole('link', { name: 'Filter to this value' }).evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    expect(filterHrefs.length).toBeGreaterThan(0);
    for (const href of filterHrefs) {
      const url = new URL(href, 'http://x');
      expect(url.pathname).toBe('/');
      expect(url.searchParams.get('from')).toBe(sampleWindow.from);
      expect(url.searchParams.has('app') || url.searchParams.has('path') || url.searchParams.has('filter')).toBe(true);
    }
    const nodeHref = await first.getByRole('link', { name: 'Filter to this value' }).getAttribute('href');
    expect(new URL(nodeHref!, 'http://x').searchParams.getAll('filter')).toEqual(['ingress.host:ingress-node-2']);
    const excludeHref = await first.getByRole('link', { name: 'Exclude' }).getAttribute('href');
    expect(new URL(excludeHref!, 'http://x').searchParams.getAll('filter')).toEqual(['-ingress.host:ingress-node-2']);

    // Retransmissions: the 1 s signature on the ingress→app connect, through the slow node, with a link to the requests.
    const finding = triage.panel('retransmissions').getByTestId('retransmission-ingressToApp');
    await expect(finding).toContainText(/ingress→app connect of 1\.00–1\.10 s.*through ingress-node-2: a SYN or SYN-ACK was retransmitted/);
    const showHref = await finding.getByRole('link', { name: 'Show these requests' }).getAttribute('href');
    expect(new URL(showHref!, 'http://x').searchParams.get('to')).toBe(sampleWindow.to);
    // The link narrows to the node that carries the signal.
    expect(new URL(showHref!, 'http://x').searchParams.getAll('filter')).toEqual(['ingress.host:ingress-node-2']);

    // Connection reuse: among the ingress nodes, only ingress-node-2 has new connections that took ≥ 1 s.
    const nodeRows = triage.panel('connection-reuse').locator('tbody tr').filter({ hasText: /^ingress-node-\d/ });
    const rows = await nodeRows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(rows.length).toBeGreaterThanOrEqual(3);
    const names = await nodeRows.getByTestId('reuse-value').allInnerTexts();
    const slowConnecting = rows.flatMap((row, index) => (parseCount(row.at(-1) ?? null) > 0 ? [names[index]] : []));
    expect(slowConnecting).toEqual(['ingress-node-2']);

    // The comparison defaults to the period before the window, which holds nothing of the sample.
    await expect(triage.panel('compare')).toContainText('previous period of the same length');

    const shot = testInfo.outputPath('triage.png');
    await page.screenshot({ path: shot, fullPage: true });
    await testInfo.attach('triage', { path: shot, contentType: 'image/png' });
    if (process.env.HOPSCOPE_UPDATE_DOCS_SCREENSHOTS === '1' && testInfo.project.name === 'embedded') {
      copyFileSync(shot, path.join(__dirname, '..', 'docs', 'screenshot-triage-page.png'));
    }
  });

  test('a comparison permalink holds both windows and reopens the same view', async ({ triage, page, sampleWindow }) => {
    const { first, second } = halves(sampleWindow);
    await triage.open({ ...first, compareFrom: second.from, compareTo: second.to, section: 'compare' });

    const compare = triage.panel('compare');
    await expect(compare).toHaveAttribute('data-selected', 'true');
    await expect(compare.getByLabel('Compare from')).toHaveValue(second.from);
    const header = await compare.locator('thead th').allInnerTexts();
    expect(header[1]).toContain(first.from.slice(11, 16));
    expect(header[2]).toContain(second.from.slice(11, 16));
    const table = await triage.comparisonTable();
    expect(table.find((row) => row.startsWith('edge p50'))).toMatch(/ms/);
    expect(table.some((row) => /^requests ≥ 1 s/.test(row))).toBe(true);
    expect(table.some((row) => / p99/.test(row) && /ingress→app/i.test(row))).toBe(true);

    // The pinned permalink names the same windows; reloading it shows the same numbers.
    const permalink = await compare.getByTestId('comparison-permalink').getAttribute('href');
    const params = new URL(permalink!, 'http://x').searchParams;
    expect(Date.parse(params.get('compareFrom')!)).toBe(Date.parse(second.from));
    expect(Date.parse(params.get('compareTo')!)).toBe(Date.parse(second.to));
    await page.goto(permalink!);
    await triage.settled();
    expect(await triage.comparisonTable()).toEqual(table);
    await page.reload();
    await triage.settled();
    expect(await triage.comparisonTable()).toEqual(table);
  });

  test('the compare control writes the previous period into the URL', UI_ONLY, async ({ triage, page, sampleWindow }) => {
    const { second } = halves(sampleWindow);
    await triage.open(second);
    // Clicks before React hydrates the form would be lost.
    await expect(triage.panel('compare').locator('form[data-hydrated="true"]')).toBeVisible();
    await triage.panel('compare').getByRole('button', { name: 'Previous period' }).click();
    await expect(page).toHaveURL(/compareFrom=/);
    const url = new URL(page.url());
    // The period of the same length just before the window (the first half, to the millisecond of the split).
    const spanMs = Date.parse(second.to) - Date.parse(second.from);
    expect(Date.parse(url.searchParams.get('compareFrom')!)).toBe(Date.parse(second.from) - spanMs);
    expect(Date.parse(url.searchParams.get('compareTo')!)).toBe(Date.parse(second.from));
    await triage.settled();
    await expect(triage.panel('compare')).not.toContainText('previous period of the same length (default)');
    await expect(triage.panel('compare').locator('thead th').nth(1)).toContainText(second.from.slice(11, 16));
  });

  test('the verdict links to the triage page with the same query, and the page links back', async ({ investigation, triage, page, sampleWindow }) => {
    await investigation.open({ ...sampleWindow, app: 'user-api', tz: 'utc' });
    await page.getByTestId('triage-details').click();
    await expect(page).toHaveURL(/\/triage\?/);
    await triage.settled();
    const url = new URL(page.url());
    expect(url.searchParams.get('from')).toBe(sampleWindow.from);
    expect(url.searchParams.get('app')).toBe('user-api');
    expect(url.searchParams.get('tz')).toBe('utc');
    await page.getByTestId('back-to-investigation').click();
    await expect(page).toHaveURL((back) => back.pathname === '/' && back.searchParams.get('app') === 'user-api' && back.searchParams.get('to') === sampleWindow.to);
    await investigation.settled();
  });

  test('a section link opens scrolled to its panel', UI_ONLY, async ({ triage, page, sampleWindow }) => {
    await triage.open({ ...sampleWindow, section: 'connection-reuse' });
    const panel = triage.panel('connection-reuse');
    await expect(panel).toHaveAttribute('data-selected', 'true');
    await expect(panel).toBeInViewport();
    await expect(page.getByTestId('section-attribution')).not.toHaveAttribute('data-selected', /.*/);
  });

  test('a bad slow threshold fails only the panels that use it', UI_ONLY, async ({ triage, sampleWindow }) => {
    await triage.open({ ...sampleWindow, slow: 'fast' });
    for (const panel of ['attribution', 'correlations', 'compare'] as const) {
      await expect(triage.panel(panel).getByTestId('error-banner')).toContainText('slow');
    }
    await expect(triage.panel('retransmissions').getByTestId('retransmission-ingressToApp')).toContainText('ingress-node-2');
    await expect(triage.panel('connection-reuse').locator('tbody tr').first()).toBeVisible();
  });
});
