/** Where the global setup leaves the sample incident's window (first edge @timestamp, last + 1 ms). */
export const SAMPLE_WINDOW_ENV = { from: 'HOPSCOPE_E2E_SAMPLE_FROM', to: 'HOPSCOPE_E2E_SAMPLE_TO' } as const;

export type SampleWindow = { from: string; to: string };

export function readSampleWindow(): SampleWindow {
  const from = process.env[SAMPLE_WINDOW_ENV.from];
  const to = process.env[SAMPLE_WINDOW_ENV.to];
  if (!from || !to) throw new Error('the sample window is not set: run the suite through playwright.config.ts (global setup)');
  return { from, to };
}
