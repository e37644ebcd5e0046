import { expect, type Locator, type Page } from '@playwright/test';

export const HISTOGRAMS = ['edge', 'ingress', 'edgeMinusIngress', 'ingressMinusUpstream'] as const;
export type HistogramName = (typeof HISTOGRAMS)[number];

/** "19,962" → 19962 */
export const parseCount = (text: string | null): number => Number((text ?? '').replace(/[^\d-]/g, ''));

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The numbers a view shows: what a permalink must reproduce. */
export type ViewNumbers = {
  window: string;
  totals: Record<HistogramName, string>;
  percentiles: Record<HistogramName, string>;
  summary: string;
  traceIds: string[];
};

/** The investigation page, read and driven the way a user does: roles, labels and test ids. */
export class InvestigationPage {
  readonly drillDown: Locator;
  /** The trace list's heading, which takes focus when a bar is chosen. */
  readonly drillDownHeading: Locator;
  /** The trace table's scrolling box: wider content than this scrolls sideways. */
  readonly traceTableBox: Locator;
  readonly rows: Locator;
  readonly summary: Locator;
  readonly verdict: Locator;
  /** The verdict's answer: the one count of slow requests, the culprit, its mechanism and share. */
  readonly verdictLead: Locator;
  /** The verdict's supporting sentences, after the lead. */
  readonly verdictEvidence: Locator;
  readonly errorBanner: Locator;

  constructor(readonly page: Page) {
    this.drillDown = page.getByTestId('drill-down');
    this.drillDownHeading = this.drillDown.getByRole('heading', { level: 2 });
    this.traceTableBox = page.getByTestId('trace-table-scroll');
    this.rows = page.getByTestId('trace-row');
    this.summary = page.getByTestId('slow-summary');
    this.verdict = page.getByTestId('triage-headlines');
    this.verdictLead = page.getByTestId('verdict-lead');
    this.verdictEvidence = page.getByTestId('verdict-supporting');
    this.errorBanner = page.getByTestId('error-banner');
  }

  async open(params: Record<string, string> = {}): Promise<void> {
    const query = new URLSearchParams(params).toString();
    await this.page.goto(query ? `/?${query}` : '/');
    await this.settled();
  }

  /**
   * Every resource of the view has answered (no skeleton, nothing dimmed while loading). Backend
   * answers get a minute: a loaded CI machine running Elasticsearch beside the browser is slow.
   */
  async settled(): Promise<void> {
    const timeout = 60_000;
    const answered = this.page.locator('[data-testid="histogram-edge"], [data-testid="empty-state"], [data-testid="error-banner"]');
    await expect(answered.first()).toBeVisible({ timeout });
    // Server HTML is visible before React hydrates it; clicks before that would be lost.
    await expect(this.page.locator('[data-hydrated="true"]').first()).toBeAttached({ timeout });
    await expect(this.page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout });
  }

  histogram(name: HistogramName): Locator {
    return this.page.getByTestId(`histogram-${name}`);
  }

  async total(name: HistogramName): Promise<number> {
    return parseCount(await this.page.getByTestId(`total-${name}`).textContent());
  }

  /** A histogram bar by its range label, e.g. "1000–1100 ms". */
  bar(name: HistogramName, range: string): Locator {
    return this.histogram(name).getByRole('button', { name: new RegExp(`^${escapeRegExp(range)}:`) });
  }

  async barCount(name: HistogramName, range: string): Promise<number> {
    const label = await this.bar(name, range).getAttribute('aria-label');
    return parseCount(label?.split(':')[1] ?? null);
  }

  /** Counts of every bar of a histogram, in order (underflow first, overflow last). */
  async barCounts(name: HistogramName): Promise<{ label: string; count: number }[]> {
    const labels = await this.histogram(name).locator('[role="button"][data-bar-index]').evaluateAll((bars) => bars.map((bar) => bar.getAttribute('aria-label') ?? ''));
    return labels.map((label) => ({ label: label.split(':')[0]!, count: parseCount(label.split(':')[1] ?? null) }));
  }

  /** The drill-down column values (data-ms) of the rows shown, e.g. "cell-ingress". */
  async columnMs(testId: string): Promise<(number | null)[]> {
    return this.rows.getByTestId(testId).evaluateAll((cells) => cells.map((cell) => (cell.getAttribute('data-ms') ? Number(cell.getAttribute('data-ms')) : null)));
  }

  /** The export link of the open trace list ("Export CSV", "Export NDJSON"). */
  exportLink(format: 'CSV' | 'NDJSON'): Locator {
    return this.drillDown.getByRole('link', { name: `Export ${format}` });
  }

  /** Shows or hides an optional trace-table column with the column chooser. */
  async chooseColumn(label: RegExp, shown: boolean): Promise<void> {
    const chooser = this.drillDown.getByTestId('column-chooser');
    if (!(await chooser.evaluate((details) => (details as HTMLDetailsElement).open))) await chooser.locator('summary').click();
    await chooser.getByRole('checkbox', { name: label }).setChecked(shown);
  }

  /** Whether the trace table is wider than its box (it would scroll sideways). */
  async traceTableOverflows(): Promise<boolean> {
    return this.traceTableBox.evaluate((box) => box.scrollWidth > box.clientWidth);
  }

  async traceIds(): Promise<string[]> {
    return this.rows.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-trace-id') ?? ''));
  }

  timeline(tier: 'edge' | 'ingress'): Locator {
    return this.page.getByTestId(`timeline-${tier}`);
  }

  /**
   * Drags one brush handle of a timeline with the mouse to a fraction of its width. Releasing it
   * narrows the page's range at once (and the brush then shows the new, narrower range).
   */
  async brush(tier: 'edge' | 'ingress', handle: 'start' | 'end', fraction: number): Promise<void> {
    const brush = this.timeline(tier).locator('.recharts-brush');
    const travellers = brush.locator('.recharts-brush-traveller');
    await expect(travellers).toHaveCount(2);
    await brush.scrollIntoViewIfNeeded();
    const traveller = travellers.nth(handle === 'start' ? 0 : 1);
    // A loaded machine can drop the first mouse moves of a drag; try again until the URL changed.
    for (let attempt = 0; attempt < 3; attempt++) {
      const area = await brush.locator(':scope > rect').first().boundingBox();
      const box = await traveller.boundingBox();
      if (!area || !box) throw new Error('brush not visible');
      const targetX = area.x + area.width * fraction;
      const y = box.y + box.height / 2;
      const url = this.page.url();
      await this.page.mouse.move(box.x + box.width / 2, y);
      await this.page.mouse.down();
      await this.page.mouse.move((box.x + targetX) / 2, y, { steps: 5 });
      // A pause with the handle held (longer than the keyboard's settle time) commits nothing:
      // the range changes once, where the handle is released.
      await this.page.waitForTimeout(800);
      if (this.page.url() !== url) throw new Error(`pausing mid-drag on the ${tier} brush changed the range before the release`);
      await this.page.mouse.move(targetX, y, { steps: 5 });
      await this.page.mouse.up();
      if (this.page.url() !== url) return;
      await this.page.waitForTimeout(500);
      if (this.page.url() !== url) return;
    }
    throw new Error(`dragging the ${handle} handle of the ${tier} brush changed nothing`);
  }

  /** Moves a timeline's brush handle with the keyboard: focus it, press the arrow key `steps` times. */
  async brushWithKeyboard(tier: 'edge' | 'ingress', handle: 'start' | 'end', steps: number): Promise<void> {
    const traveller = this.timeline(tier).locator('.recharts-brush-traveller').nth(handle === 'start' ? 0 : 1);
    await traveller.focus();
    for (let i = 0; i < Math.abs(steps); i++) await this.page.keyboard.press(steps > 0 ? 'ArrowRight' : 'ArrowLeft');
  }

  async numbers(): Promise<ViewNumbers> {
    const totals = {} as Record<HistogramName, string>;
    const percentiles = {} as Record<HistogramName, string>;
    for (const name of HISTOGRAMS) {
      totals[name] = (await this.page.getByTestId(`total-${name}`).textContent()) ?? '';
      percentiles[name] = (
        await Promise.all(['p50', 'p90', 'p99'].map((p) => this.page.getByTestId(`${p}-${name}`).textContent()))
      ).join(' / ');
    }
    return {
      window: (await this.page.getByTestId('window').getAttribute('data-from')) + ' – ' + (await this.page.getByTestId('window').getAttribute('data-to')),
      totals,
      percentiles,
      summary: (await this.summary.textContent()) ?? '',
      traceIds: await this.traceIds(),
    };
  }

  /** The search parameters of the current URL as an object. */
  params(): Record<string, string> {
    return Object.fromEntries(new URL(this.page.url()).searchParams);
  }
}
