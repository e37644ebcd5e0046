/**
 * One measured load of the embedded store, in a process of its own so its peak memory is its own:
 * opens the store on the files given as JSON in argv[2], times the load, then asks the four
 * histograms and the triage summary of the whole window. Prints one JSON line. Run by
 * run-text-ingest.ts with `tsx --conditions=react-server`.
 */
import { createDuckdbBackend } from '@/lib/backends/duckdb';
import { DEFAULT_FIELD_NAMES, sameInBothTiers } from '@/lib/domain/field-names';
import { getHistograms } from '@/lib/services/get-histograms';
import { getTriageSummary } from '@/lib/services/triage/get-triage-summary';

export type TextIngestChildInput = {
  edgeFiles: string[];
  ingressFiles: string[];
  edgeFormat?: string;
  ingressFormat?: string;
  window: { from: string; to: string };
};

export type TextIngestChildResult = {
  loadMs: number;
  lines: { edge: number; ingress: number };
  unreadableLines: { edge: number; ingress: number };
  peakRssBytes: number;
  histograms: unknown;
  summary: unknown;
};

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? '{}') as TextIngestChildInput;
  const backend = createDuckdbBackend({ ...input, fields: sameInBothTiers(DEFAULT_FIELD_NAMES) });
  const started = performance.now();
  const health = await backend.checkHealth();
  const loadMs = performance.now() - started;
  if (!health.ok) throw new Error(health.message);
  const details = health.details as Pick<TextIngestChildResult, 'lines' | 'unreadableLines'>;
  const histograms = await getHistograms(backend, input.window);
  const summary = await getTriageSummary(backend, input.window);
  await backend.close();
  const result: TextIngestChildResult = {
    loadMs: Math.round(loadMs),
    lines: details.lines,
    unreadableLines: details.unreadableLines,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    histograms: { ...histograms, backend: undefined },
    summary,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
