import { test as base, expect } from '@playwright/test';
import { InvestigationPage } from './pages/investigation-page';
import { SnapshotsPage } from './pages/snapshots-page';
import { TracePage } from './pages/trace-page';
import { TriagePage } from './pages/triage-page';
import { readSampleWindow, type SampleWindow } from './sample-window';

type Fixtures = {
  /** The sample incident's window, read from its files by the global setup. */
  sampleWindow: SampleWindow;
  investigation: InvestigationPage;
  tracePage: TracePage;
  triage: TriagePage;
  snapshots: SnapshotsPage;
};

/** The suite's test function: typed page objects and the seeded sample's window. */
export const test = base.extend<Fixtures>({
  sampleWindow: async ({}, provide) => {
    await provide(readSampleWindow());
  },
  investigation: async ({ page }, provide) => {
    await provide(new InvestigationPage(page));
  },
  tracePage: async ({ page }, provide) => {
    await provide(new TracePage(page));
  },
  triage: async ({ page }, provide) => {
    await provide(new TriagePage(page));
  },
  snapshots: async ({ page }, provide) => {
    await provide(new SnapshotsPage(page));
  },
});

export { expect };
