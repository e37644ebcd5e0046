import { rmSync } from 'node:fs';

/** Set by playwright.config.ts to the snapshot folder it made for this run (none when one was given). */
export const OWN_SNAPSHOT_ROOT_ENV = 'HOPSCOPE_E2E_OWN_SNAPSHOT_ROOT';

/** Removes the run's snapshot folders when the run made them: each run left one in the temporary folder. */
export default function globalTeardown(): void {
  const root = process.env[OWN_SNAPSHOT_ROOT_ENV];
  if (root && root === process.env.HOPSCOPE_E2E_SNAPSHOT_ROOT) rmSync(root, { recursive: true, force: true });
}
