import { formatBytes, formatCount, formatDuration, formatSummary, markdownTable } from './format';
import type { EndpointResult } from './http-timing';
import type { BackendRun } from './results';
import { checkEndpoint, checkRun, TARGET_ISSUES, TARGET_TRACES, type TargetCheck } from './targets';

/**
 * One backend run's table in RESULTS.md: every measurement beside the target of its backend's
 * issue and the verdict, then the load average and errors of the run.
 */

const verdictText = (checks: readonly TargetCheck[]): string =>
  checks.length === 0 ? '' : checks.map((check) => (checks.length > 1 ? `${check.target.replace(/^.*? (≤|≥)/, '$1')}: ${check.verdict}` : check.verdict)).join('; ');
const targetText = (checks: readonly TargetCheck[]): string => checks.map((check) => check.target).join('; ');

function endpointRow(backend: BackendRun['backend'], endpoint: EndpointResult, runs: number): string[] {
  const checks = checkEndpoint(backend, endpoint);
  const warm =
    endpoint.outcome === 'ok' && endpoint.warm
      ? formatSummary(endpoint.warm)
      : endpoint.outcome === 'not_implemented'
        ? 'not implemented'
        : endpoint.outcome === 'skipped'
          ? 'skipped'
          : 'error';
  const fewer = endpoint.warm && endpoint.warm.runs < runs ? ` [${endpoint.warm.runs} runs: first answer over a minute]` : '';
  return [
    endpoint.label,
    endpoint.coldMs === null ? '—' : formatDuration(endpoint.coldMs),
    `${warm}${fewer}`,
    targetText(checks),
    verdictText(checks),
    endpoint.note ?? '',
  ];
}

export function runTable(run: BackendRun, runs: number): string {
  const runChecks = checkRun(run);
  const check = (prefix: string) => runChecks.filter((item) => item.target.startsWith(prefix));
  const rows: string[][] = [];
  if (run.ingest) {
    const checks = check('ingest');
    rows.push([`ingest, ${formatCount(run.ingest.lines)} lines`, formatDuration(run.ingest.ms), '', targetText(checks), verdictText(checks), run.ingest.how]);
  }
  if (run.restart) {
    const { restart } = run;
    const checks = check('restart');
    rows.push([
      'restart with unchanged files, until the first histograms answer',
      formatDuration(restart.ms),
      '',
      targetText(checks),
      verdictText(checks),
      `a second \`next start\` on the same database file (HOPSCOPE_DUCKDB_PATH), timed from its spawn to the end of the first /api/v1/histograms (whole window) answer: ` +
        `port open after ${formatDuration(restart.readyMs)}, that answer ${formatDuration(restart.histogramsMs)}; ${restart.storeText}` +
        `${restart.storeKind === 'reused' ? '' : ' (not a reuse: the target asks for one)'}; its peak memory ${formatBytes(restart.peakBytes)}`,
    ]);
  }
  if (run.serverReadyMs !== null) rows.push(['`next start` until its port accepts connections', formatDuration(run.serverReadyMs), '', '', '', '']);
  if (run.coldWindow) {
    const cold = run.coldWindow;
    const row = (label: string, ms: number | null, prefix: string, note: string) => {
      const checks = check(prefix);
      rows.push([label, ms === null ? 'not seen' : formatDuration(ms), '', targetText(checks), verdictText(checks), note]);
    };
    const asked = 'asked in the page\'s order (the edge histogram, then the four histograms, then the verdict), with an empty slice cache';
    row('cold window: edge histogram (the first bar)', cold.edgeMs, 'cold window: first bar', `${asked}; answered by Elasticsearch directly (the API's answer; the page's paint is the row "first histogram painted")`);
    row('cold window: progress visible', cold.progressMs, 'cold window: progress', `first /api/v1/health/loading poll reporting the read (polled as the page polls: every 100 ms until one reports the read, then every second)${cold.progressText ? `: "${cold.progressText}"` : ''}`);
    const firstNote = cold.sample
      ? `asked with sample=first, as the page asks: a sample's answer, ${cold.sample.traceIdFrom}–${cold.sample.traceIdTo} of the trace ids (${(cold.sample.fraction * 100).toFixed(1)} % of the traces), stated in the answer`
      : 'asked with sample=first, as the page asks: answered exactly (no sample taken)';
    row('cold window: four histograms, first answer', cold.firstHistogramsMs, 'cold window: four histograms and', firstNote);
    row('cold window: triage summary, first answer', cold.firstSummaryMs, 'cold window: four histograms and', firstNote);
    row('cold window: four histograms, exact', cold.histogramsMs, 'cold window: exact', `asked again without sample=first at once: the window's lines read by slices and its trace table built${cold.linesEstimated ? ` (${formatCount(cold.linesEstimated)} lines counted)` : ''}`);
    row('cold window: triage summary, exact', cold.summaryMs, '(no target of its own)', 'asked again at once; answered once the window is read');
  }
  for (const endpoint of run.endpoints) rows.push(endpointRow(run.backend, endpoint, runs));
  if (run.memory) {
    const checks = check('server RSS');
    rows.push([
      'server peak memory',
      '',
      formatBytes(Math.max(run.memory.peakTreeRssBytes, run.memory.peakProcessHwmBytes)),
      targetText(checks),
      verdictText(checks),
      `process tree RSS sampled every 200 ms: ${formatBytes(run.memory.peakTreeRssBytes)}; largest VmHWM: ${formatBytes(run.memory.peakProcessHwmBytes)}` +
        (run.restart ? '; the larger of the first start and the restart' : ''),
    ]);
  }
  if (run.paint) {
    const checks = check('first histogram');
    rows.push([
      'first histogram painted (Chromium)',
      formatDuration(run.paint.coldMs),
      formatSummary(run.paint.warm),
      targetText(checks),
      verdictText(checks),
      `navigation start → first edge bar painted (the server-rendered preview, or the chart if it came first); medians: first byte ${formatDuration(run.paint.phases.firstByte.medianMs)}, ` +
        `histogram section streamed in ${formatDuration(run.paint.phases.histogramSection.medianMs)}, DOMContentLoaded ${formatDuration(run.paint.phases.domContentLoaded.medianMs)}, ` +
        `interactive chart drawn ${formatDuration(run.paint.phases.interactive.medianMs)}; ` +
        `seen from Playwright: ${formatSummary(run.paint.wallWarm)}` +
        (run.paint.warm.runs < runs ? `; ${run.paint.warm.runs} warm runs only: the first navigation took over a minute` : ''),
    ]);
  }
  if (run.slowHistograms) {
    rows.push([
      "histograms of the baseline's traces (its window, latencyMin=1)",
      '',
      formatSummary(run.slowHistograms.ms),
      '',
      '',
      `${formatCount(run.slowHistograms.traces)} traces: the baseline's answer in one request`,
    ]);
  }
  if (run.slowPages) {
    rows.push([
      `slow traces as drill-down pages (${run.slowPages.pages} × ≤ 500 rows)`,
      '',
      formatSummary(run.slowPages.ms),
      '',
      '',
      `${formatCount(run.slowPages.traces)} traces, both tiers joined: the baseline's answer`,
    ]);
  }
  const table = markdownTable(
    ['measurement', 'cold', `warm: median (min–max) of ${runs}`, `target (${TARGET_ISSUES[run.backend]}, at ${formatCount(TARGET_TRACES)} traces)`, 'verdict', 'note'],
    rows,
    ['left', 'right', 'right', 'left', 'left', 'left'],
  );
  const load = run.load ? `\n\nLoad average (1 min) while this was measured: ${run.load.min.toFixed(1)}–${run.load.max.toFixed(1)} (median ${run.load.median.toFixed(1)}) on ${run.load.samples} samples.` : '';
  const errors = run.errors.length > 0 ? `\n\nErrors: ${run.errors.map((error) => `\`${error}\``).join('; ')}` : '';
  return `${table}${load}${errors}`;
}
