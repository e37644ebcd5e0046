import { expect, type Locator, type Page } from '@playwright/test';

export const TRIAGE_PANELS = ['attribution', 'correlations', 'retransmissions', 'connection-reuse', 'compare'] as const;
export type TriagePanel = (typeof TRIAGE_PANELS)[number];

/** The triage page, read the way a user does: panels by their section, rows and links by role. */
export class TriagePage {
  constructor(readonly page: Page) {}

  async open(params: Record<string, string>): Promise<void> {
    await this.page.goto(`/triage?${new URLSearchParams(params)}`);
    await this.settled();
  }

  /** Every panel answered (no skeleton left) and React took over the controls. */
  async settled(): Promise<void> {
    const timeout = 60_000;
    for (const panel of TRIAGE_PANELS) {
      await expect(this.panel(panel).locator('section, [data-testid="error-banner"], [data-testid="empty-state"]').first()).toBeVisible({ timeout });
    }
    // Visible ones only: a streamed page can keep a replaced fallback in the DOM, hidden.
    await expect(this.page.locator('main [role="status"]:visible')).toHaveCount(0, { timeout });
  }

  panel(name: TriagePanel): Locator {
    return this.page.getByTestId(`section-${name}`);
  }

  /** Rows of the correlation table, in the page's order. */
  correlationRows(): Locator {
    return this.panel('correlations').locator('tbody tr');
  }

  /** The comparison's percentile and segment table as text, row by row: what a permalink must reproduce. */
  async comparisonTable(): Promise<string[]> {
    return this.panel('compare').locator('table tr').allInnerTexts();
  }
}
