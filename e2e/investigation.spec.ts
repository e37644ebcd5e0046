import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { HISTOGRAMS, InvestigationPage, parseCount } from './pages/investigation-page';
import { UI_ONLY } from './tags';

/** Share in percent written in the summary after a label, e.g. "ingress request_time ≥ 1 s in 72 %". */
const shareOf = (summary: string, label: string) => Number(new RegExp(`${label} in (\\d+) %`).exec(summary)?.[1] ?? NaN);

test.describe('investigation page', () => {
  test('opens on the sample incident: the 1 s cluster, the summary, the slow ingress node', async ({ investigation, page, sampleWindow }, testInfo) => {
    await investigation.open(sampleWindow);

    // The verdict leads, on either backend: the 1 s SYN retransmission through the slow ingress node.
    await expect(investigation.verdictLead).toContainText(/^[\d,]+ requests ≥ 1 s: ingress host ingress-node-2 = .*\(SYN or SYN-ACK retransmitted on the ingress→app/);
    await expect(investigation.verdictEvidence.locator('li').first()).toContainText(
      /ingress→app connect of 1\.00–1\.10 s.*through ingress-node-2: a SYN or SYN-ACK was retransmitted/,
    );

    // The incident: a cluster at 1.0–1.1 s in ingress request_time, a smaller one between the tiers.
    const ingressCluster = await investigation.barCount('ingress', '1000–1100 ms');
    expect(ingressCluster).toBeGreaterThan(5 * Math.max(1, await investigation.barCount('ingress', '800–900 ms')));
    const gapCluster = await investigation.barCount('edgeMinusIngress', '1000–1100 ms');
    expect(gapCluster).toBeGreaterThan(5 * Math.max(1, await investigation.barCount('edgeMinusIngress', '800–900 ms')));
    expect(gapCluster).toBeLessThan(ingressCluster);
    // Time inside ingress-nginx stays small.
    const inside = await investigation.barCounts('ingressMinusUpstream');
    expect(inside.find((bar) => bar.label === '0–100 ms')!.count / (await investigation.total('ingressMinusUpstream'))).toBeGreaterThan(0.95);

    // The verdict's one slow count comes from the triage answer; it must agree with the edge bars from 1 s up.
    const summary = (await investigation.summary.textContent()) ?? '';
    const edgeBars = await investigation.barCounts('edge');
    const fromOneSecond = edgeBars.filter((bar) => /^(\d+)–/.test(bar.label) ? Number(/^(\d+)/.exec(bar.label)![1]) >= 1000 : bar.label.startsWith('≥'));
    expect(parseCount(await page.getByTestId('verdict-count').textContent())).toBe(fromOneSecond.reduce((sum, bar) => sum + bar.count, 0));
    // The slow-request shares below it do not state a count of their own.
    expect(summary).toMatch(/^Of the requests ≥ 1 s at the edge: /);
    // About two thirds carry the delay at ingress, about one third between the tiers.
    expect(shareOf(summary, 'ingress request_time ≥ 1 s')).toBeGreaterThan(55);
    expect(shareOf(summary, 'ingress request_time ≥ 1 s')).toBeLessThan(80);
    expect(shareOf(summary, 'edge→ingress gap ≥ 1 s')).toBeGreaterThan(20);
    expect(shareOf(summary, 'edge→ingress gap ≥ 1 s')).toBeLessThan(45);

    // Exactly one group reaches the 1 s connects in each tier: the slow ingress node.
    for (const tier of ['edge', 'ingress'] as const) {
      const peaks = await investigation.timeline(tier).getByTestId('timeline-series').evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-peak-ms'))));
      expect(peaks.filter((peak) => peak >= 900)).toHaveLength(1);
    }

    const shot = testInfo.outputPath('investigation.png');
    await page.screenshot({ path: shot, fullPage: true });
    await testInfo.attach('investigation', { path: shot, contentType: 'image/png' });
    if (process.env.HOPSCOPE_UPDATE_DOCS_SCREENSHOTS === '1' && testInfo.project.name === 'embedded') {
      copyFileSync(shot, path.join(__dirname, '..', 'docs', 'screenshot-investigation.png'));
    }
  });

  test('without parameters opens on the default window', async ({ investigation, page, sampleWindow }, testInfo) => {
    await page.goto('/');
    if (testInfo.project.name === 'elasticsearch') {
      // Elasticsearch opens on the last hour, which holds nothing of a 2020 sample: the empty state says what to do.
      await expect(page.getByTestId('empty-state')).toContainText('Widen the time range');
      return;
    }
    await investigation.settled();
    await expect(page.getByTestId('window')).toHaveAttribute('data-from', sampleWindow.from);
    await expect(page.getByTestId('window')).toHaveAttribute('data-to', sampleWindow.to);
  });

  test('an empty range shows hints; an absolute range typed in the browser zone brings the data', async ({ investigation, page, sampleWindow }) => {
    await investigation.open({ from: '2019-01-01T00:00:00Z', to: '2019-01-01T01:00:00Z' });
    await expect(page.getByTestId('empty-state')).toContainText('Widen the time range');
    await expect(investigation.histogram('edge')).toHaveCount(0);

    // The browser is in Asia/Shanghai (UTC+08:00): type the sample window's wall-clock time there.
    const wallClock = (iso: string, roundUp: boolean) => {
      const ms = Date.parse(iso) + (roundUp ? 999 : 0);
      return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19);
    };
    await page.getByLabel(/^From \(Asia\/Shanghai, UTC\+08:00\)/).fill(wallClock(sampleWindow.from, false));
    await page.getByLabel(/^To \(Asia\/Shanghai, UTC\+08:00\)/).fill(wallClock(sampleWindow.to, true));
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/from=\d{4}-\d\d-\d\dT\d\d%3A\d\d%3A\d\d%2B08%3A00/);
    await investigation.settled();
    const typed = await investigation.total('edge');

    await investigation.open(sampleWindow);
    expect(typed).toBe(await investigation.total('edge'));
  });

  test('filters narrow the trace set and live in the URL', async ({ investigation, page, sampleWindow }) => {
    await investigation.open(sampleWindow);
    const all = await investigation.total('edge');

    const app = page.getByLabel('App (app_name)');
    await app.focus();
    await expect(page.locator('datalist option[value="user-api"]')).toHaveCount(1);
    const histogramRequests: string[] = [];
    page.on('request', (request) => request.url().includes('/api/v1/histograms') && histogramRequests.push(request.url()));
    await app.pressSequentially('user-api', { delay: 40 });
    // Typing alone applies nothing, even after a pause: Enter (or choosing a suggestion) does.
    await page.waitForTimeout(1_000);
    expect(page.url()).not.toContain('app=');
    await app.press('Enter');
    await expect(page).toHaveURL(/app=user-api/);
    await investigation.settled();
    // One query (its edge histogram first, and its slow-request companion), not one per keystroke.
    expect(histogramRequests.filter((url) => url.includes('/api/v1/histograms/edge?'))).toHaveLength(1);
    expect(histogramRequests.filter((url) => url.includes('/api/v1/histograms?'))).toHaveLength(2);
    const appTotal = await investigation.total('edge');
    expect(appTotal).toBeGreaterThan(0);
    expect(appTotal).toBeLessThan(all);

    await page.getByLabel('Edge latency ≥').fill('1');
    await page.getByLabel('Edge latency ≥').press('Enter');
    await expect(page).toHaveURL(/latencyMin=1/);
    await investigation.settled();
    // Only edge request_time ≥ 1 s is left: every edge bar below 1000 ms is empty.
    for (const bar of await investigation.barCounts('edge')) {
      const upper = /–(\d+) ms/.exec(bar.label)?.[1];
      if (bar.label.startsWith('<') || (upper && Number(upper) <= 1000)) expect(bar.count, bar.label).toBe(0);
    }

    await page.getByLabel('Bucket width').fill('0.5');
    await page.getByLabel('Upper bound').fill('5');
    await page.getByLabel('Upper bound').press('Enter');
    await expect(page).toHaveURL(/bucket=0\.5&upper=5/);
    await investigation.settled();
    expect((await investigation.barCounts('edge')).map((bar) => bar.label)).toContain('1000–1500 ms');
    expect(await investigation.barCounts('edge')).toHaveLength(10 + 2);

    await page.getByLabel('Bucket width').fill('abc');
    await expect(page.getByRole('alert').filter({ hasText: 'bucket must be' })).toBeVisible();
    await expect(page).toHaveURL(/bucket=0\.5/);

    // A dimension filter from a link: shown as a chip, narrowing every chart, removable on its own.
    await investigation.open({ ...sampleWindow, filter: 'ingress.host:ingress-node-2' });
    const chip = page.getByRole('list', { name: 'Dimension filters' }).getByRole('listitem');
    await expect(chip).toHaveText(/ingress\.host = ingress-node-2/);
    const nodeTotal = await investigation.total('edge');
    expect(nodeTotal).toBeGreaterThan(0);
    expect(nodeTotal).toBeLessThan(all);
    const api = await (await page.request.get(`/api/v1/histograms?${new URLSearchParams({ ...sampleWindow, filter: 'ingress.host:ingress-node-2' })}`)).json();
    expect(nodeTotal).toBe(api.histograms.edge.total);
    await page.getByRole('button', { name: 'Remove filter ingress.host = ingress-node-2' }).click();
    await expect(page).not.toHaveURL(/filter=/);
    await investigation.settled();
    expect(await investigation.total('edge')).toBe(all);
  });

  test('the server renders the view from the edge answer alone, the four histograms after it', async ({ request, sampleWindow }) => {
    // The server-rendered view is drawn once, with what the page awaited: had it awaited the four
    // histograms, their charts would be in this HTML; awaiting only the edge answer, the other
    // three are placeholders and the four histograms follow in the same stream as a promise.
    const html = await (await request.get(`/?${new URLSearchParams(sampleWindow)}`)).text();
    expect(html).toContain('data-testid="histogram-edge"');
    for (const name of ['ingress', 'edgeMinusIngress', 'ingressMinusUpstream']) {
      expect(html).toContain(`data-testid="histogram-${name}-placeholder"`);
      expect(html).not.toContain(`data-testid="histogram-${name}"`);
    }
  });

  test('paints the edge histogram while the four histograms are still on their way', UI_ONLY, async ({ investigation, page, sampleWindow }) => {
    await investigation.open(sampleWindow);
    // The server page computes its first answers itself, out of the browser's reach, so the proof
    // runs on a query change in the browser, which asks the API for both answers: the four
    // histograms are held here until the edge chart has been checked, so whatever the edge chart
    // shows meanwhile came from the edge answer alone.
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const held: string[] = [];
    await page.route('**/api/v1/histograms?**', async (route) => {
      held.push(route.request().url());
      await released;
      await route.continue().catch(() => {});
    });
    const edgeAnswer = page.waitForResponse((response) => response.url().includes('/api/v1/histograms/edge?') && response.url().includes('latencyMin=1'));

    await page.getByLabel('Edge latency ≥').fill('1');
    await page.getByLabel('Edge latency ≥').press('Enter');
    await expect(page).toHaveURL(/latencyMin=1/);
    const edge = (await (await edgeAnswer).json()) as { histogram: { total: number; p50Ms: number } };

    // The edge chart is drawn for the new query, with its bars and numbers...
    await expect(investigation.histogram('edge').locator('[data-bar-index]').first()).toBeVisible();
    await expect(page.getByTestId('total-edge')).toHaveText(edge.histogram.total.toLocaleString('en-US'));
    for (const bar of await investigation.barCounts('edge')) {
      const upper = /–(\d+) ms/.exec(bar.label)?.[1];
      if (bar.label.startsWith('<') || (upper && Number(upper) <= 1000)) expect(bar.count, bar.label).toBe(0);
    }
    // ...while the four histograms' request is held: the other charts and the joined counts wait.
    expect(held.some((url) => url.includes('latencyMin=1'))).toBe(true);
    for (const name of ['ingress', 'edgeMinusIngress', 'ingressMinusUpstream'] as const) {
      await expect(page.getByTestId(`histogram-${name}-placeholder`)).toHaveAttribute('aria-busy', 'true');
      await expect(investigation.histogram(name)).toHaveCount(0);
    }
    await expect(page.getByRole('status', { name: 'Loading the trace counts' })).toBeVisible();
    await expect(page.getByTestId('trace-counts')).toHaveCount(0);

    // Released, the four histograms replace it with the same edge numbers.
    release();
    await investigation.settled();
    await expect(page.getByTestId('trace-counts')).toBeVisible();
    expect(await investigation.total('edge')).toBe(edge.histogram.total);
    expect(await investigation.total('ingress')).toBeGreaterThan(0);
  });

  test('clicking the 1.0–1.1 s ingress bar lists exactly its traces, page by page, and exports them all', async ({ investigation, page, sampleWindow }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await investigation.open(sampleWindow);
    const count = await investigation.barCount('ingress', '1000–1100 ms');
    await investigation.bar('ingress', '1000–1100 ms').click();
    await expect(page).toHaveURL(/histogram=ingress&fromMs=1000&toMs=1100/);
    await expect(investigation.drillDownHeading).toContainText(`(${count.toLocaleString('en-US')})`);

    // Once its rows are there, the list is scrolled into view and has the focus, with a visible ring.
    await expect(investigation.rows.first()).toBeVisible();
    await expect(investigation.drillDownHeading).toBeFocused();
    await expect(investigation.drillDownHeading).toBeInViewport();
    await expect(investigation.drillDownHeading).toHaveCSS('outline-style', 'solid');
    await expect(investigation.drillDownHeading).toHaveCSS('outline-width', '2px');

    // The full trace id is shown, and its button copies it.
    const firstRow = investigation.rows.first();
    const firstId = (await firstRow.getAttribute('data-trace-id'))!;
    await expect(firstRow.getByTestId('cell-trace-id')).toHaveText(firstId);
    await firstRow.getByRole('button', { name: `Copy trace id ${firstId}` }).click();
    await expect(firstRow.getByRole('status')).toHaveText('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(firstId);
    await expect(page).toHaveURL(/histogram=ingress&fromMs=1000&toMs=1100/);

    const seen = new Set<string>();
    for (let pageNumber = 1; ; pageNumber++) {
      await investigation.settled();
      for (const ms of await investigation.columnMs('cell-ingress')) {
        expect(ms).toBeGreaterThanOrEqual(1000);
        expect(ms).toBeLessThan(1100);
      }
      for (const id of await investigation.traceIds()) {
        expect(seen.has(id), `trace ${id} listed twice`).toBe(false);
        seen.add(id);
      }
      const older = page.getByRole('button', { name: 'Older traces →' });
      if (await older.isDisabled()) break;
      await older.click();
      await expect(page).toHaveURL(/cursor=/);
      expect(pageNumber).toBeLessThan(50);
    }
    expect(seen.size).toBe(count);

    // The export holds every trace of the bar, not one page: the same ids as all pages together.
    const downloading = page.waitForEvent('download');
    await investigation.exportLink('CSV').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('hopscope-ingress-1000-1100.csv');
    const records = readFileSync(await download.path(), 'utf8').split('\r\n');
    expect(records.pop()).toBe('');
    expect(records.shift()).toMatch(/^trace_id,edge_timestamp,app,path,method,edge_status,/);
    expect(records).toHaveLength(count);
    expect(new Set(records.map((record) => record.split(',')[0]))).toEqual(seen);
  });

  test('a newer selection aborts the request of the older one, whose answer never shows', UI_ONLY, async ({ investigation, page, sampleWindow }) => {
    await investigation.open(sampleWindow);
    // Hold the first drill-down request back so that it is still running when the second click comes.
    await page.route('**/api/v1/traces?**', async (route) => {
      if (route.request().url().includes('histogram=ingress')) await new Promise((resolve) => setTimeout(resolve, 2_000));
      await route.continue().catch(() => {});
    });
    const aborted = page.waitForEvent('requestfailed', (request) => request.url().includes('histogram=ingress'));
    await investigation.bar('ingress', '1000–1100 ms').click();
    await expect(page).toHaveURL(/histogram=ingress/);
    await investigation.bar('edge', '0–100 ms').click();
    expect((await aborted).failure()?.errorText).toContain('ABORTED');
    await expect(page).toHaveURL(/histogram=edge&fromMs=0&toMs=100/);
    await page.waitForTimeout(2_500);
    await investigation.settled();
    await expect(investigation.drillDown.getByRole('heading')).toContainText('Edge request_time: 0–100 ms');
    for (const ms of await investigation.columnMs('cell-edge')) expect(ms).toBeLessThan(100);
  });

  test('the trace list sorts by a column, fits 1440 px and chooses its columns', UI_ONLY, async ({ investigation, page, sampleWindow }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    // `#traces` (a link to the list, as from the verdict) brings the list into view with focus, as a click on its bar does.
    await page.goto(`/?${new URLSearchParams({ ...sampleWindow, histogram: 'edge', fromMs: '1000', toMs: '1100' })}#traces`);
    await investigation.settled();
    await expect(investigation.drillDownHeading).toBeFocused();
    await expect(investigation.drillDownHeading).toBeInViewport();
    // The culprit's columns need no sideways scrolling.
    expect(await investigation.traceTableOverflows()).toBe(false);
    for (const testId of ['cell-edge-host', 'cell-edge-upstream-addr', 'cell-edge-connect', 'cell-edge-status', 'cell-ingress-host', 'cell-ingress-upstream-addr', 'cell-ingress-connect', 'cell-ingress-status']) {
      await expect(investigation.rows.first().getByTestId(testId)).toBeVisible();
    }

    await page.getByRole('button', { name: /^Sort by Ingress,/ }).click();
    await expect(page).toHaveURL(/sort=ingress\.desc/);
    const desc = (await investigation.columnMs('cell-ingress')).filter((v): v is number => v !== null);
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    await page.getByRole('button', { name: /^Sort by Ingress,/ }).click();
    await expect(page).toHaveURL(/sort=ingress\.asc/);
    const asc = (await investigation.columnMs('cell-ingress')).filter((v): v is number => v !== null);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    // Names sort too, A to Z first.
    await page.getByRole('button', { name: /^Sort by Ingress host,/ }).click();
    await expect(page).toHaveURL(/sort=ingressHost\.asc/);
    const hosts = await investigation.rows.getByTestId('cell-ingress-host').allTextContents();
    expect(hosts).toEqual([...hosts].sort((a, b) => (a === '–' ? 1 : b === '–' ? -1 : a.localeCompare(b, 'en', { numeric: true }))));

    // The column chooser: kept in the URL, like the sort.
    await investigation.chooseColumn(/^Request/, false);
    await expect(page).toHaveURL(/cols=edgeMinusIngress%2CingressMinusUpstream/);
    await investigation.chooseColumn(/^Ingress upstream time/, true);
    await expect(page).toHaveURL(/cols=edgeMinusIngress%2CingressMinusUpstream%2CingressUpstream/);
    await page.reload();
    await investigation.settled();
    await expect(investigation.rows.first().getByTestId('cell-ingress-upstream')).toBeVisible();
    await expect(investigation.traceTableBox.getByRole('columnheader', { name: 'Request', exact: true })).toHaveCount(0);
  });

  test('histogram bars work from the keyboard', UI_ONLY, async ({ investigation, page, sampleWindow }) => {
    await investigation.open(sampleWindow);
    await investigation.bar('ingress', '< 0 ms').focus();
    for (let i = 0; i < 11; i++) await page.keyboard.press('ArrowRight');
    await expect(page.locator(':focus')).toHaveAttribute('aria-label', /^1000–1100 ms:/);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/histogram=ingress&fromMs=1000&toMs=1100/);
    await expect(investigation.rows.first()).toBeVisible();
    await expect(investigation.drillDownHeading).toBeFocused();
  });

  test('brushing a timeline narrows the time range in the URL and the histograms', async ({ investigation, page, sampleWindow }) => {
    await investigation.open(sampleWindow);
    const before = await investigation.total('edge');
    await investigation.brush('ingress', 'start', 0.5);
    await expect.poll(() => investigation.params().from, { timeout: 30_000 }).not.toBe(sampleWindow.from);
    await investigation.settled();
    const { from, to } = investigation.params();
    expect(Date.parse(from!)).toBeGreaterThan(Date.parse(sampleWindow.from));
    expect(Date.parse(to!)).toBe(Date.parse(sampleWindow.to));
    await expect(page.getByTestId('window')).toHaveAttribute('data-from', new Date(Date.parse(from!)).toISOString());
    // About the second half of the window is left (traffic is not perfectly even over time).
    const after = await investigation.total('edge');
    expect(after).toBeLessThan(before * 0.7);
    expect(after).toBeGreaterThan(before * 0.3);
  });

  test('the brush works from the keyboard too', UI_ONLY, async ({ investigation, sampleWindow }) => {
    await investigation.open(sampleWindow);
    await investigation.brushWithKeyboard('edge', 'end', -20);
    await expect.poll(() => investigation.params().to, { timeout: 30_000 }).not.toBe(sampleWindow.to);
    await investigation.settled();
    expect(Date.parse(investigation.params().to!)).toBeLessThan(Date.parse(sampleWindow.to));
    expect(investigation.params().from).toBe(new Date(Date.parse(sampleWindow.from)).toISOString());
  });

  test('timeline grouping switches and stays in the URL', async ({ investigation, page, sampleWindow }) => {
    await investigation.open(sampleWindow);
    const edge = investigation.timeline('edge');
    await edge.getByRole('button', { name: 'host' }).click();
    await expect(page).toHaveURL(/edgeGroupBy=host/);
    await investigation.settled();
    const groups = await edge.getByTestId('timeline-series').evaluateAll((items) => items.map((item) => item.getAttribute('data-group')));
    expect(groups.length).toBeGreaterThan(0);
    expect(groups.every((group) => group !== null && !/^\d+\.\d+\.\d+\.\d+:\d+$/.test(group))).toBe(true);
  });

  test('back and forward move through views', UI_ONLY, async ({ investigation, page, sampleWindow }) => {
    await investigation.open(sampleWindow);
    const start = page.url();
    await investigation.bar('ingress', '1000–1100 ms').click();
    await expect(investigation.drillDown).toBeVisible();
    const drilled = page.url();
    await page.getByRole('button', { name: 'Linear' }).click();
    await expect(page).toHaveURL(/scale=linear/);

    await page.goBack();
    await expect(page).toHaveURL(drilled);
    await expect(page.getByRole('button', { name: 'Log' })).toHaveAttribute('aria-pressed', 'true');
    await page.goBack();
    await expect(page).toHaveURL(start);
    await expect(investigation.drillDown).toHaveCount(0);
    await page.goForward();
    await expect(page).toHaveURL(drilled);
    await investigation.settled();
    for (const ms of await investigation.columnMs('cell-ingress')) expect(ms).toBeGreaterThanOrEqual(1000);
  });

  test.describe('permalinks', () => {
    test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

    test('Copy permalink pins the range and reproduces the same numbers in a new browser', async ({ investigation, page, browser, sampleWindow }, testInfo) => {
      // The embedded store's default window depends on the data, Elasticsearch's on the clock: pin either.
      const base = testInfo.project.name === 'embedded' ? {} : sampleWindow;
      await investigation.open({ ...base, app: 'user-api', histogram: 'ingress', fromMs: '1000', toMs: '1100', tz: 'utc' });
      await page.getByRole('button', { name: 'Linear' }).click();
      await investigation.settled();
      const numbers = await investigation.numbers();

      await page.getByRole('button', { name: 'Copy permalink' }).click();
      const link = await page.getByTestId('permalink').inputValue();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
      const pinned = new URL(link).searchParams;
      expect(pinned.get('from')).toBe(sampleWindow.from);
      expect(pinned.get('to')).toBe(sampleWindow.to);

      const context = await browser.newContext({ timezoneId: 'America/New_York', locale: 'en-US' });
      try {
        const fresh = new InvestigationPage(await context.newPage());
        await fresh.page.goto(link);
        await fresh.settled();
        expect(await fresh.numbers()).toEqual(numbers);
        await expect(fresh.page.getByRole('button', { name: 'Linear' })).toHaveAttribute('aria-pressed', 'true');
        await expect(fresh.page.getByRole('button', { name: 'UTC' })).toHaveAttribute('aria-pressed', 'true');
      } finally {
        await context.close();
      }
    });
  });

  test('Refresh reads the window from Elasticsearch again, with the same numbers; the embedded store offers none', async ({ investigation, page, sampleWindow }, testInfo) => {
    await investigation.open(sampleWindow);
    const refresh = page.getByRole('button', { name: 'Refresh', exact: true });
    if (testInfo.project.name !== 'elasticsearch') {
      // The embedded store reads its files once: nothing to read again.
      await expect(refresh).toHaveCount(0);
      return;
    }
    await expect(refresh).toBeVisible();
    await expect(refresh).toHaveAttribute('title', 'Read this window from Elasticsearch again (lines that arrived late)');
    const numbers = await investigation.numbers();
    const bars = await Promise.all(HISTOGRAMS.map((name) => investigation.barCounts(name)));

    const refreshed = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/v1/refresh');
    const askedAgain = page.waitForRequest((request) => request.url().includes('/api/v1/histograms?'));
    await refresh.click();
    expect((await refreshed).status()).toBe(200);
    await askedAgain;
    await investigation.settled();
    await expect(refresh).toBeEnabled();
    expect(await investigation.numbers()).toEqual(numbers);
    expect(await Promise.all(HISTOGRAMS.map((name) => investigation.barCounts(name)))).toEqual(bars);
  });

  test('an invalid parameter is named in the error banner', UI_ONLY, async ({ investigation, page, sampleWindow }) => {
    await page.goto(`/?${new URLSearchParams({ ...sampleWindow, latencyMin: 'abc' })}`);
    const banner = investigation.errorBanner.first();
    await expect(banner).toContainText('latencyMin');
    await expect(banner).toHaveAttribute('data-error-code', 'invalid_parameter');
  });

  test('fits 800 px and follows the dark color scheme', UI_ONLY, async ({ investigation, page, sampleWindow }, testInfo) => {
    await page.setViewportSize({ width: 800, height: 900 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await investigation.open({ ...sampleWindow, histogram: 'ingress', fromMs: '1000', toMs: '1100' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
    // Tailwind v4 writes oklch(); the first number is the lightness (0–1).
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toMatch(/^oklch\(/);
    expect(Number(/^oklch\(([\d.]+)/.exec(background)?.[1])).toBeLessThan(0.3);
    await testInfo.attach('investigation-800px-dark', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
  });
});
