import { formatCount, markdownTable } from './format';
import type { LoadSummary } from './machine';

/**
 * The load test's section of bench/RESULTS.md (`npm run bench:load`), between its own markers.
 * The main benchmark carries it over when it rewrites the file, as it does the analysis.
 */

export const LOAD_START = '<!-- load:start (written by npm run bench:load; kept when the benchmark rewrites this file) -->';
export const LOAD_END = '<!-- load:end -->';

/** One backend's run: autocannon's counts and latency percentiles. */
export type LoadRun = {
  /** The backend, and what was asked when it is not the one URL. */
  backend: string;
  requests: number;
  /** Answers that were not 2xx. */
  non2xx: number;
  /** Connection errors and timeouts (no answer at all). */
  errors: number;
  timeouts: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  requestsPerSecond: number;
  load: LoadSummary;
};

export type LoadResults = {
  date: string;
  commit: string;
  connections: number;
  durationSeconds: number;
  path: string;
  cores: number;
  /** The 1-minute load average when the run started, before any server was started. */
  loadBefore: number;
  notes: string[];
  runs: LoadRun[];
};

/** The section of an earlier RESULTS.md, markers included, or null. */
export function extractLoadSection(previous: string | null): string | null {
  const start = previous?.indexOf(LOAD_START) ?? -1;
  const end = previous?.indexOf(LOAD_END) ?? -1;
  return previous && start >= 0 && end > start ? previous.slice(start, end + LOAD_END.length) : null;
}

/** Puts the section into a RESULTS.md in place of the old one, or at the end. */
export function replaceLoadSection(markdown: string, section: string): string {
  const old = extractLoadSection(markdown);
  if (old) return markdown.replace(old, () => section);
  return `${markdown.trimEnd()}\n\n${section}\n`;
}

const ms = (value: number) => `${Math.round(value).toLocaleString('en-US')} ms`;
const loadText = (load: LoadSummary) => `${load.min.toFixed(1)}–${load.max.toFixed(1)} (median ${load.median.toFixed(1)})`;

export function renderLoadSection(results: LoadResults): string {
  const table = markdownTable(
    ['backend', 'requests', 'errors (non-2xx / no answer / timeouts)', 'p50', 'p90', 'p99', 'max', 'requests/s', 'load average (1 min) during the run'],
    results.runs.map((run) => [
      run.backend,
      formatCount(run.requests),
      `${run.non2xx} / ${run.errors} / ${run.timeouts}`,
      ms(run.p50Ms),
      ms(run.p90Ms),
      ms(run.p99Ms),
      ms(run.maxMs),
      run.requestsPerSecond.toFixed(1),
      loadText(run.load),
    ]),
    ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
  );
  return [
    LOAD_START,
    '## Load: 50 concurrent clients on the histograms endpoint',
    `Written by \`npm run bench:load\` on ${results.date}, commit \`${results.commit}\`: autocannon, ${results.connections} connections for ${results.durationSeconds} s each on loopback, ` +
      `\`GET ${results.path}\` (the sample incident's whole window), one \`next start\` per backend. Latency is autocannon's, per request, from send to the last byte. ` +
      `${results.cores} cores; load average (1 min) ${results.loadBefore.toFixed(1)} before the run.`,
    table,
    ...results.notes.map((note) => `- ${note}`),
    LOAD_END,
  ].join('\n\n');
}
