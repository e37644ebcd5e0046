import { expect, type Locator, type Page } from '@playwright/test';

/** The trace page: waterfall rows by segment id, the raw documents, the way back. */
export class TracePage {
  readonly waterfall: Locator;
  readonly backLink: Locator;

  constructor(readonly page: Page) {
    this.waterfall = page.getByTestId('waterfall');
    this.backLink = page.getByRole('link', { name: /Back to the investigation/ });
  }

  /** The page is visible and hydrated (its buttons respond). */
  async ready(): Promise<void> {
    await expect(this.waterfall).toBeVisible({ timeout: 60_000 });
    await expect(this.page.locator('[data-hydrated="true"]').first()).toBeAttached();
  }

  segment(id: string): Locator {
    return this.page.getByTestId(`segment-${id}`);
  }

  /** Ids of the segments flagged slow. */
  async slowSegments(): Promise<string[]> {
    await expect(this.waterfall).toBeVisible({ timeout: 60_000 });
    return this.waterfall
      .locator('tr[data-slow="true"]')
      .evaluateAll((rows) => rows.map((row) => (row.getAttribute('data-testid') ?? '').replace(/^segment-/, '')));
  }

  async durationMs(id: string): Promise<number> {
    return Number(await this.segment(id).getAttribute('data-duration-ms'));
  }

  raw(tier: 'edge' | 'ingress'): Locator {
    return this.page.getByTestId(`raw-${tier}`);
  }
}
