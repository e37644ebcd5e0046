import { expect, type Locator, type Page } from '@playwright/test';

/** The snapshot parts of the pages: the button's form on the investigation, the banner, the /snapshots list. */
export class SnapshotsPage {
  readonly button: Locator;
  readonly form: Locator;
  readonly link: Locator;
  readonly banner: Locator;

  constructor(readonly page: Page) {
    this.button = page.getByRole('button', { name: 'Snapshot', exact: true });
    this.form = page.getByTestId('snapshot-form');
    this.link = page.getByTestId('snapshot-link');
    this.banner = page.getByTestId('snapshot-banner');
  }

  /** Takes a snapshot of the investigation view shown, and gives its absolute link. */
  async take({ title, note }: { title?: string; note?: string } = {}): Promise<string> {
    await this.button.click();
    await expect(this.form).toBeVisible();
    if (title !== undefined) await this.form.getByLabel('Title').fill(title);
    if (note !== undefined) await this.form.getByLabel('Note (optional)').fill(note);
    await this.form.getByRole('button', { name: 'Create' }).click();
    // Freezing reads every trace of the window: a loaded machine gets two minutes.
    await expect(this.link).toBeVisible({ timeout: 120_000 });
    return this.link.inputValue();
  }

  async openList(): Promise<void> {
    await this.page.goto('/snapshots');
    await expect(this.page.locator('[data-hydrated="true"]').first()).toBeAttached({ timeout: 60_000 });
  }

  row(id: string): Locator {
    return this.page.locator(`[data-testid="snapshot-row"][data-snapshot-id="${id}"]`);
  }
}
