import type { Locator } from '@playwright/test';
import { keepScreenshot } from './docs-screenshots';
import { expect, test } from './fixtures';
import { parseCount } from './pages/investigation-page';
import { UI_ONLY } from './tags';

/** Every "<count> requests ≥ 1 s" (or "… with edge request_time ≥ 1 s") a text states. */
const slowTotals = (text: string) => [...text.matchAll(/([\d,]+) requests (?:with edge request_time )?≥ 1 s/g)].map((match) => parseCount(match[1]!));

const filtersOf = (href: string | null) => new URL(href ?? '', 'http://x').searchParams.getAll('filter');

/** For each cell of a row with filter signs, how far its text reaches past its signs' left edge (≤ 0: not covered). */
const textPastSigns = (row: Locator) =>
  row.evaluate((tr) =>
    [...tr.querySelectorAll('td')].flatMap((td) => {
      const signs = [...td.querySelectorAll('a[aria-label^="Filter to"], a[aria-label^="Exclude"]')].map((a) => a.getBoundingClientRect());
      if (signs.length === 0) return [];
      // The signs are drawn by CSS: every text node of the cell is its value.
      const range = document.createRange();
      const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
      let textRight = -Infinity;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        range.selectNodeContents(node);
        for (const rect of range.getClientRects()) textRight = Math.max(textRight, rect.right);
      }
      return [textRight - Math.min(...signs.map((rect) => rect.left))];
    }),
  );

test.describe('first screen (issue 14 §2, §3)', () => {
  test('one count of slow requests, agreeing with the edge bars, and the unsplit ones named once', async ({ investigation, page, sampleWindow }) => {
    await investigation.open(sampleWindow);
    const count = parseCount(await page.getByTestId('verdict-count').textContent());
    // The edge histogram counts the same requests from its own answer: the bars from 1 s up.
    const edgeBars = await investigation.barCounts('edge');
    const fromOneSecond = edgeBars.filter((bar) => (/^(\d+)–/.test(bar.label) ? Number(/^(\d+)/.exec(bar.label)![1]) >= 1000 : bar.label.startsWith('≥')));
    expect(count).toBe(fromOneSecond.reduce((sum, bar) => sum + bar.count, 0));
    // The page states that total once: the verdict, the evidence and the shares line say no other.
    const text = await page.locator('main').innerText();
    expect(slowTotals(text)).toEqual([count]);
    // Which requests cannot be split, and why, is said once.
    await expect(page.getByTestId('verdict-unsplit')).toHaveText(/^\d+ of them cannot be split into hops: \d+ have no ingress line .* and \d+ no ingress upstream time /);
    expect(text.match(/cannot be split/g)).toHaveLength(1);
    expect(text).not.toContain('without an ingress line');
  });

  test('an older query’s verdict and shares are marked as updating until the new ones arrive', UI_ONLY, async ({ investigation, page, sampleWindow }) => {
    await investigation.open({ ...sampleWindow, filter: '-edge.status:404' });
    const before = await investigation.verdictLead.innerText();
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/api\/v1\/triage\/summary\?/, async (route) => {
      await held;
      await route.continue();
    });
    await page.getByRole('button', { name: 'Remove filter edge.status ≠ 404' }).click();
    await expect(page).not.toHaveURL(/filter=/);
    const frame = page.getByTestId('updating-frame').filter({ has: investigation.verdict });
    await expect(frame).toHaveAttribute('aria-busy', 'true');
    await expect(frame.getByRole('status')).toHaveText('updating the verdict…');
    expect(Number(await frame.evaluate((element) => getComputedStyle(element).opacity))).toBeLessThan(1);
    // Still the old words while they are marked: nothing current is claimed.
    expect(await investigation.verdictLead.innerText()).toBe(before);
    release();
    await expect(frame).toHaveAttribute('aria-busy', 'false', { timeout: 60_000 });
    await expect(frame.getByRole('status')).toHaveCount(0);
    expect(Number(await frame.evaluate((element) => getComputedStyle(element).opacity))).toBe(1);
  });

  test('leads with the culprit, node and address highlighted, then the evidence in smaller type', async ({ investigation, page, sampleWindow }, testInfo) => {
    await investigation.open(sampleWindow);
    await expect(page.getByTestId('verdict-culprit')).toHaveText(['ingress host ingress-node-2', 'edge upstream_addr 10.20.0.12:80']);
    await expect(investigation.verdictLead).toContainText(/\(SYN or SYN-ACK retransmitted on the ingress→app and edge→ingress connects\) carries [\d,]+ of them: \d+ % of those whose ingress host is known/);
    // The evidence follows, subordinate: smaller type, no alarm box of its own.
    const evidence = investigation.verdictEvidence.locator('li');
    await expect(evidence.first()).toContainText('ingress→app connect of 1.00–1.10 s');
    const size = (locator: typeof evidence) => locator.evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
    expect(await size(evidence.first())).toBeLessThan(await size(investigation.verdictLead.locator('p').first()));
    expect(await evidence.first().evaluate((element) => getComputedStyle(element).borderLeftWidth)).toBe('0px');
    // One alarm on the first screen: the lead; the shares line below is plain text.
    expect(await investigation.verdictLead.evaluate((element) => getComputedStyle(element).borderLeftWidth)).toBe('4px');
    expect(await investigation.summary.evaluate((element) => getComputedStyle(element).borderLeftWidth)).toBe('0px');
    await keepScreenshot(page, testInfo, 'screenshot-triage');
  });

  test('"Show these requests" opens exactly the main finding’s requests, the list in view and focused', async ({ investigation, page, sampleWindow }, testInfo) => {
    await investigation.open(sampleWindow);
    await page.getByTestId('verdict-show-requests').click();
    await expect(page).toHaveURL(/histogram=edgeMinusIngress&fromMs=1000&toMs=1100/);
    expect(investigation.params().filter).toBe('edge.upstreamAddr:10.20.0.12:80');
    await investigation.settled();
    await expect(investigation.drillDownHeading).toBeFocused();
    await expect(investigation.drillDownHeading).toBeInViewport();
    await expect(investigation.rows.first()).toBeVisible();
    for (const ms of await investigation.columnMs('cell-edge-minus-ingress')) {
      expect(ms).toBeGreaterThanOrEqual(1000);
      expect(ms).toBeLessThan(1100);
    }
    for (const address of await page.getByTestId('cell-edge-upstream-addr').allInnerTexts()) expect(address.trim()).toBe('10.20.0.12:80');
    await keepScreenshot(page, testInfo, 'screenshot-drill-down');
  });

  test('filter and exclude links on the verdict, connection reuse, the trace table and the trace page', UI_ONLY, async ({ investigation, triage, page, sampleWindow }) => {
    await investigation.open({ ...sampleWindow, histogram: 'edge', fromMs: '1000', toMs: '1100' });
    // The verdict's culprit values.
    const node = page.getByTestId('verdict-filter').filter({ hasText: 'ingress-node-2' });
    expect(filtersOf(await node.getByRole('link', { name: 'Filter to this value' }).getAttribute('href'))).toEqual(['ingress.host:ingress-node-2']);
    expect(filtersOf(await node.getByRole('link', { name: 'Exclude' }).getAttribute('href'))).toEqual(['-ingress.host:ingress-node-2']);
    // The trace table: every host, address and status cell, shown on hover.
    const row = investigation.rows.first();
    await expect(row).toBeVisible();
    const host = (await row.getByTestId('cell-ingress-host').innerText()).trim();
    await row.hover();
    const filterHost = row.getByRole('link', { name: `Filter to ingress host ${host}` });
    await expect(filterHost).toBeVisible();
    // Shown, the signs sit beside each host, address and status, not over its end.
    const overlaps = await textPastSigns(row);
    expect(overlaps).toHaveLength(6);
    for (const past of overlaps) expect(past).toBeLessThanOrEqual(0);
    expect(filtersOf(await row.getByRole('link', { name: `Exclude ingress host ${host}` }).getAttribute('href'))).toEqual([`-ingress.host:${host}`]);
    const status = (await row.getByTestId('cell-edge-status').innerText()).trim();
    expect(filtersOf(await row.getByRole('link', { name: `Filter to edge status ${status}` }).getAttribute('href'))).toEqual([`edge.status:${status}`]);
    await filterHost.click();
    await expect(page).toHaveURL(new RegExp(`filter=ingress\\.host%3A${host}`));
    await investigation.settled();
    // The chip says the view is filtered, and every listed trace passed through that node.
    await expect(page.getByRole('button', { name: `Remove filter ingress.host = ${host}` })).toBeVisible();
    await expect(investigation.rows.first()).toBeVisible({ timeout: 60_000 });
    for (const each of await page.getByTestId('cell-ingress-host').allInnerTexts()) expect(each.trim()).toBe(host);

    // The trace page: host, address and status of each line.
    await investigation.rows.first().getByTestId('cell-trace-id').getByRole('link').click();
    const edgeLine = page.getByRole('region', { name: 'Edge line' });
    await expect(edgeLine).toBeVisible({ timeout: 60_000 });
    const traceLinks = await edgeLine.getByRole('link', { name: 'Exclude' }).evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(traceLinks.map((href) => filtersOf(href).at(-1)?.replace(/:.*/, ''))).toEqual(['-edge.host', '-edge.upstreamAddr', '-edge.status']);
    // The trace's way back keeps the filter the page was opened with.
    expect(filtersOf(traceLinks[0]!)).toContain(`ingress.host:${host}`);

    // Connection reuse, on the triage page: each host and address row.
    await triage.open(sampleWindow);
    const reuse = triage.panel('connection-reuse');
    const nodeRow = reuse.locator('tbody tr').filter({ hasText: /^ingress-node-2/ });
    expect(filtersOf(await nodeRow.getByRole('link', { name: 'Filter to this value' }).getAttribute('href'))).toEqual(['ingress.host:ingress-node-2']);
    const addressRow = reuse.locator('tbody tr').filter({ hasText: /^10\.20\.0\.12:80/ });
    expect(filtersOf(await addressRow.getByRole('link', { name: 'Exclude' }).getAttribute('href'))).toEqual(['-edge.upstreamAddr:10.20.0.12:80']);
  });

  test('app suggestions by substring as you type, applied on selection or Enter, not after a pause', async ({ investigation, page, sampleWindow }) => {
    await investigation.open(sampleWindow);
    const app = page.getByLabel('App (app_name)');
    await app.focus();
    await app.pressSequentially('ser-a');
    // "ser-a" is inside user-api: the suggestions are the API's substring matches.
    await expect(page.locator('datalist option[value="user-api"]')).toHaveCount(1);
    await expect
      .poll(async () => (await page.locator('datalist option').evaluateAll((options) => options.map((option) => option.getAttribute('value') ?? ''))).every((value) => value.includes('ser-a')))
      .toBe(true);
    await page.waitForTimeout(1_000);
    expect(page.url()).not.toContain('app=');
    // Choosing a suggestion applies it at once (the browser replaces the text).
    await app.evaluate((input: HTMLInputElement) => {
      // The native setter, as the browser itself sets it: React's own would swallow the change.
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, 'user-api');
      input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText' }));
    });
    await expect(page).toHaveURL(/app=user-api/);
  });

  test('an empty answer names the filter that emptied it and removes it', UI_ONLY, async ({ investigation, page, sampleWindow }) => {
    await investigation.open({ ...sampleWindow, app: 'user-apii' });
    await expect(page.getByTestId('empty-state')).toContainText('No traces with app = user-apii in this window.');
    await page.getByRole('button', { name: 'Remove app' }).click();
    await expect(page).not.toHaveURL(/app=/);
    await investigation.settled();
    expect(await investigation.total('edge')).toBeGreaterThan(0);
  });
});
