import { copyFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { expect, test } from './fixtures';
import type { InvestigationPage } from './pages/investigation-page';
import { UI_ONLY } from './tags';

/**
 * Issue 14 §4 (connect timelines: click a point, legend toggles, drag to zoom, tooltip counts) and
 * §5 (phone width). With HOPSCOPE_UPDATE_DOCS_SCREENSHOTS=1 the embedded project also rewrites
 * the documentation's timeline and phone screenshots (docs/screenshot-*.png), as the other specs do.
 */

/** A screenshot attached to the report; with the flag, also the documentation's (a page: what fits its viewport, the first screen). */
const docsScreenshot = async (target: Page | Locator, testInfo: TestInfo, name: string) => {
  const shot = testInfo.outputPath(`${name}.png`);
  await target.screenshot({ path: shot });
  await testInfo.attach(name, { path: shot, contentType: 'image/png' });
  if (process.env.HOPSCOPE_UPDATE_DOCS_SCREENSHOTS === '1' && testInfo.project.name === 'embedded') {
    copyFileSync(shot, path.join(__dirname, '..', 'docs', `screenshot-${name}.png`));
  }
};

/** The centre of the highest marker of a timeline's first series (the highest peak: the slow node). */
async function peakOfFirstSeries(timeline: Locator): Promise<{ x: number; y: number }> {
  const markers = timeline.locator('.recharts-line-dots').first().locator('path');
  await expect(markers.first()).toBeAttached();
  // The mouse reaches only what is in the viewport.
  await timeline.getByTestId('timeline-plot').scrollIntoViewIfNeeded();
  const boxes = await markers.evaluateAll((paths) => paths.map((p) => p.getBoundingClientRect()).filter((r) => r.width > 0).map((r) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 })));
  return boxes.reduce((best, box) => (box.y < best.y ? box : best));
}

/** The plot area of a timeline (its grid), in page coordinates. */
async function plotArea(timeline: Locator) {
  const grid = timeline.locator('.recharts-cartesian-grid');
  await grid.scrollIntoViewIfNeeded();
  const box = await grid.boundingBox();
  if (!box) throw new Error('timeline grid not visible');
  return box;
}

test.describe('connect timelines', () => {
  test('clicking the slow point opens the traces of its bin and group, slowest connects first', async ({ investigation, page, sampleWindow }) => {
    await investigation.open(sampleWindow);
    const timeline = investigation.timeline('ingress');
    await expect(timeline.getByTestId('timeline-series').first()).toHaveAttribute('data-group', 'ingress-node-2');
    const peak = await peakOfFirstSeries(timeline);
    await page.mouse.move(peak.x, peak.y);
    await expect(timeline.getByTestId('timeline-tooltip')).toBeVisible();
    await page.mouse.down();
    await page.mouse.up();

    // The URL carries the group's filter, the bin as the window and the slow requests' drill-down.
    await expect.poll(() => investigation.params().filter).toBe('ingress.host:ingress-node-2');
    const params = investigation.params();
    expect(params.histogram).toBe('ingress');
    expect(params.fromMs).toBe('1000');
    expect(params.sort).toBe('ingressConnect.desc');
    const fromMs = Date.parse(params.from!);
    const toMs = Date.parse(params.to!);
    expect(fromMs).toBeGreaterThanOrEqual(Date.parse(sampleWindow.from));
    expect(toMs).toBeLessThanOrEqual(Date.parse(sampleWindow.to));
    // At most one bin of the timeline the API answers for the window.
    const answer = await (await page.request.get(`/api/v1/connect-timeline?${new URLSearchParams({ ...sampleWindow, tier: 'ingress', groupBy: 'host' })}`)).json();
    expect(toMs - fromMs).toBeGreaterThan(0);
    expect(toMs - fromMs).toBeLessThanOrEqual(answer.binMs);

    // The list opens in view with focus, and holds only that node's slow requests, a 1 s connect first.
    await expect(investigation.rows.first()).toBeVisible({ timeout: 60_000 });
    await expect(investigation.drillDownHeading).toBeFocused();
    const hosts = await investigation.rows.getByTestId('cell-ingress-host').allTextContents();
    expect(hosts.length).toBeGreaterThan(0);
    // The cell may carry filter links after the name.
    for (const host of hosts) expect(host.trim()).toMatch(/^ingress-node-2(?!\d)/);
    for (const ms of await investigation.columnMs('cell-ingress')) expect(ms).toBeGreaterThanOrEqual(1000);
    const connects = await investigation.columnMs('cell-ingress-connect');
    expect(connects[0]).toBeGreaterThanOrEqual(1000);
    expect(connects).toEqual([...connects].sort((a, b) => (b ?? -1) - (a ?? -1)));
  });

  test('the tooltip gives each series its value and how many requests the bin holds, as the API answers', async ({ investigation, page, sampleWindow }, testInfo) => {
    await investigation.open(sampleWindow);
    const timeline = investigation.timeline('ingress');
    const peak = await peakOfFirstSeries(timeline);
    await page.mouse.move(peak.x, peak.y);
    const row = timeline.locator('[data-testid="timeline-tooltip-row"][data-group="ingress-node-2"]');
    await expect(row).toBeVisible();
    const shownCount = Number(await row.getAttribute('data-count'));
    await expect(row).toContainText(`· ${shownCount.toLocaleString('en-US')} request`);

    // The same bin in the API's answer: its count for ingress-node-2, and the peak's value.
    const answer = await (await page.request.get(`/api/v1/connect-timeline?${new URLSearchParams({ ...sampleWindow, tier: 'ingress', groupBy: 'host' })}`)).json();
    const node = answer.series.find((series: { group: string }) => series.group === 'ingress-node-2');
    const peakPoint = node.points.reduce((best: { maxMs: number }, point: { maxMs: number }) => (point.maxMs > best.maxMs ? point : best));
    expect(shownCount).toBe(peakPoint.count);
    await docsScreenshot(timeline, testInfo, 'timeline');
  });

  test('a point opens from the keyboard: arrow keys move along the bins, Enter opens the highest series there', UI_ONLY, async ({ investigation, page, sampleWindow }) => {
    await investigation.open(sampleWindow);
    const surface = investigation.timeline('edge').getByTestId('timeline-plot').locator('svg.recharts-surface').first();
    await surface.focus();
    for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight');
    await expect(investigation.timeline('edge').getByTestId('timeline-tooltip')).toBeVisible();
    await page.keyboard.press('Enter');
    await expect.poll(() => investigation.params().histogram).toBe('edge');
    expect(investigation.params().filter).toMatch(/^edge\.upstreamAddr:/);
    expect(investigation.params().sort).toBe('edgeConnect.desc');
    await expect(investigation.drillDownHeading).toBeFocused({ timeout: 60_000 });
  });

  test('legend items hide and show their series, by mouse and keyboard', UI_ONLY, async ({ investigation, page, sampleWindow }) => {
    await investigation.open(sampleWindow);
    const timeline = investigation.timeline('edge');
    const lines = timeline.locator('.recharts-line');
    const before = await lines.count();
    expect(before).toBeGreaterThan(1);
    const first = timeline.getByTestId('timeline-series').first();
    const toggle = first.getByRole('button');
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');

    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await expect(lines).toHaveCount(before - 1);
    // The hidden series is left out of the tooltip too.
    const group = (await first.getAttribute('data-group'))!;
    const area = await plotArea(timeline);
    await page.mouse.move(area.x + area.width / 2, area.y + area.height / 2);
    await expect(timeline.getByTestId('timeline-tooltip')).toBeVisible();
    await expect(timeline.locator(`[data-testid="timeline-tooltip-row"][data-group="${group}"]`)).toHaveCount(0);

    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(lines).toHaveCount(before);
    await page.keyboard.press('Space');
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  });

  test('dragging across the plot zooms the window to the dragged span; Escape cancels a drag', UI_ONLY, async ({ investigation, page, sampleWindow }) => {
    await investigation.open(sampleWindow);
    const timeline = investigation.timeline('edge');
    const area = await plotArea(timeline);
    const y = area.y + area.height / 2;

    // Escape first: the drag area goes and the URL stays.
    const start = page.url();
    await page.mouse.move(area.x + area.width * 0.2, y);
    await page.mouse.down();
    await page.mouse.move(area.x + area.width * 0.4, y, { steps: 8 });
    await expect(timeline.locator('.recharts-reference-area')).toHaveCount(1);
    await page.keyboard.press('Escape');
    await expect(timeline.locator('.recharts-reference-area')).toHaveCount(0);
    await page.mouse.up();
    await page.waitForTimeout(300);
    expect(page.url()).toBe(start);

    // A loaded machine can drop the first moves of a drag; try again until the URL changed.
    for (let attempt = 0; attempt < 3 && page.url() === start; attempt++) {
      await page.mouse.move(area.x + area.width * 0.25, y);
      await page.mouse.down();
      await page.mouse.move(area.x + area.width * 0.45, y, { steps: 5 });
      await page.mouse.move(area.x + area.width * 0.6, y, { steps: 5 });
      await page.mouse.up();
      await page.waitForTimeout(500);
    }
    await expect.poll(() => investigation.params().from).not.toBe(sampleWindow.from);
    const { from, to } = investigation.params();
    const windowMs = Date.parse(sampleWindow.to) - Date.parse(sampleWindow.from);
    const fromShare = (Date.parse(from!) - Date.parse(sampleWindow.from)) / windowMs;
    const toShare = (Date.parse(to!) - Date.parse(sampleWindow.from)) / windowMs;
    // The plot's x axis runs over the window's bins: the span dragged, give or take a bin or two.
    expect(fromShare).toBeGreaterThan(0.2);
    expect(fromShare).toBeLessThan(0.3);
    expect(toShare).toBeGreaterThan(0.55);
    expect(toShare).toBeLessThan(0.65);
    // No drill-down: a drag is a zoom, not a click.
    expect(investigation.params().histogram).toBeUndefined();
    await investigation.settled();
    await expect(page.getByTestId('window')).toHaveAttribute('data-from', new Date(Date.parse(from!)).toISOString());
  });
});

/** The page's width and, when it is too wide, what sticks out (for the failure message). */
const pageWidth = (page: Page) =>
  page.evaluate(() => {
    const scrolls = (el: Element) => ['auto', 'scroll', 'hidden'].includes(getComputedStyle(el).overflowX);
    const wide = [...document.querySelectorAll('body *')].filter((el) => {
      if (el.getBoundingClientRect().right <= window.innerWidth + 0.5) return false;
      // Ancestors that scroll clip it, unless it is placed absolutely (it escapes a box that does not contain it).
      const placed = getComputedStyle(el).position === 'absolute';
      for (let parent = el.parentElement; parent; parent = parent.parentElement) if ((scrolls(parent) && !placed) || parent.getBoundingClientRect().right > window.innerWidth + 0.5) return false;
      return true;
    });
    return {
      scrollWidth: document.documentElement.scrollWidth,
      wide: wide.slice(0, 10).map((el) => `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''} [${el.getAttribute('data-testid') ?? ''}] ${(el.textContent ?? '').slice(0, 40)}`),
    };
  });

async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, wide } = await pageWidth(page);
  expect(scrollWidth, `wider than 390 px:\n${wide.join('\n')}`).toBeLessThanOrEqual(390);
}

async function openSlowDrillDown(investigation: InvestigationPage, sampleWindow: { from: string; to: string }) {
  await investigation.open({ ...sampleWindow, filter: 'ingress.host:ingress-node-2', histogram: 'ingress', fromMs: '1000', toMs: '1100' });
  await expect(investigation.rows.first()).toBeVisible({ timeout: 60_000 });
}

test.describe('phone width (390 px)', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the investigation page with a trace list open fits, and the filters fold behind a toggle that names them', UI_ONLY, async ({ investigation, page, sampleWindow }, testInfo) => {
    await openSlowDrillDown(investigation, sampleWindow);
    await expectNoSidewaysScroll(page);
    // The trace table scrolls inside its own box.
    await expect(investigation.traceTableBox).toBeVisible();

    const toggle = page.getByTestId('filters-toggle');
    await expect(toggle).toBeVisible();
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByTestId('filters-summary')).toContainText('ingress.host = ingress-node-2');
    await expect(page.getByRole('search', { name: 'Filters' })).toBeHidden();
    await docsScreenshot(page, testInfo, 'phone-investigation');

    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByRole('search', { name: 'Filters' })).toBeVisible();
    await expectNoSidewaysScroll(page);
    await toggle.click();
    await expect(page.getByRole('search', { name: 'Filters' })).toBeHidden();
  });

  test('a trace page fits', UI_ONLY, async ({ investigation, tracePage, page, sampleWindow }, testInfo) => {
    await openSlowDrillDown(investigation, sampleWindow);
    const traceId = (await investigation.traceIds())[0]!;
    await page.goto(`/traces/${encodeURIComponent(traceId)}`);
    await tracePage.ready();
    await expectNoSidewaysScroll(page);
    await docsScreenshot(page, testInfo, 'phone-trace');
  });

  test('the triage page fits', UI_ONLY, async ({ triage, page, sampleWindow }, testInfo) => {
    await triage.open(sampleWindow);
    await expectNoSidewaysScroll(page);
    await docsScreenshot(page, testInfo, 'phone-triage');
  });

  test.describe('with a touch screen', () => {
    test.use({ hasTouch: true });

    test('a finger drags a brush handle: a pause with it held changes nothing, lifting the finger narrows the range', UI_ONLY, async ({ investigation, page, sampleWindow }) => {
      await investigation.open(sampleWindow);
      const brush = investigation.timeline('ingress').locator('.recharts-brush');
      await brush.scrollIntoViewIfNeeded();
      const area = await brush.locator(':scope > rect').first().boundingBox();
      const handle = await brush.locator('.recharts-brush-traveller').first().boundingBox();
      if (!area || !handle) throw new Error('brush not visible');
      const y = handle.y + handle.height / 2;
      const startX = handle.x + handle.width / 2;
      const targetX = area.x + area.width * 0.5;
      // Playwright's touchscreen only taps: the drag goes through the DevTools protocol.
      const session = await page.context().newCDPSession(page);
      const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number) =>
        session.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
      const moveTo = async (fromX: number, toX: number) => {
        for (let step = 1; step <= 5; step++) await touch('touchMove', fromX + ((toX - fromX) * step) / 5);
      };
      const url = page.url();
      await touch('touchStart', startX);
      const midX = (startX + targetX) / 2;
      await moveTo(startX, midX);
      // Longer than the keyboard's settle time: a held handle commits nothing.
      await page.waitForTimeout(800);
      expect(page.url()).toBe(url);
      await moveTo(midX, targetX);
      await touch('touchEnd', targetX);
      await expect.poll(() => investigation.params().from, { timeout: 30_000 }).not.toBe(sampleWindow.from);
      await investigation.settled();
      expect(Date.parse(investigation.params().to!)).toBe(Date.parse(sampleWindow.to));
      // The handle went about halfway: the range starts in the middle third of the window.
      const fromMs = Date.parse(investigation.params().from!);
      const [startMs, endMs] = [Date.parse(sampleWindow.from), Date.parse(sampleWindow.to)];
      expect(fromMs).toBeGreaterThan(startMs + (endMs - startMs) / 3);
      expect(fromMs).toBeLessThan(startMs + ((endMs - startMs) * 2) / 3);
    });
  });

  test('at full width the filter panel shows and the toggle does not', UI_ONLY, async ({ investigation, page, sampleWindow }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await investigation.open(sampleWindow);
    await expect(page.getByRole('search', { name: 'Filters' })).toBeVisible();
    await expect(page.getByTestId('filters-toggle')).toBeHidden();
  });
});
