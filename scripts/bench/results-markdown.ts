import { formatBytes, formatCount, formatDuration, formatRatio, markdownTable } from './format';
import type { BackendRun, BaselineResult, BenchResults } from './results';
import { extractLoadSection } from './load-section';
import { growthExponent } from './stats';
import { runTable } from './run-table';
import { checkBaseline, listMisses, TARGET_TRACES } from './targets';

/**
 * RESULTS.md from a run's results. Everything is generated except the hand-written analysis
 * between the ANALYSIS markers and the load test's section (its own command writes it), which are
 * carried over from the previous file.
 */

export const ANALYSIS_START = '<!-- analysis:start (hand-written; kept when the benchmark rewrites this file) -->';
export const ANALYSIS_END = '<!-- analysis:end -->';

const BACKEND_NAMES = { duckdb: 'embedded store (DuckDB)', elasticsearch: 'Elasticsearch' } as const;

/** The hand-written analysis of an earlier RESULTS.md, markers included, or a placeholder. */
export function extractAnalysis(previous: string | null): string {
  const start = previous?.indexOf(ANALYSIS_START) ?? -1;
  const end = previous?.indexOf(ANALYSIS_END) ?? -1;
  if (previous && start >= 0 && end > start) return previous.slice(start, end + ANALYSIS_END.length);
  return `${ANALYSIS_START}\n_No analysis written yet._\n${ANALYSIS_END}`;
}

function baselineTable(baselines: readonly BaselineResult[]): string {
  const rows = baselines.flatMap((baseline) =>
    baseline.comparisons.map((comparison) => [
      formatCount(baseline.traces),
      `${formatCount(baseline.slowTraces)} traces: ${formatCount(baseline.queries)} queries in ${formatDuration(baseline.totalMs)} (median ${formatDuration(baseline.perQuery.medianMs)} a query)`,
      `${BACKEND_NAMES[comparison.backend]}: ${comparison.method}`,
      formatDuration(comparison.hopscopeMs),
      formatRatio(comparison.ratio),
      checkBaseline(comparison.ratio).verdict,
      comparison.overlap === null ? 'the same window and threshold' : `${formatCount(comparison.overlap)} of the ${formatCount(baseline.slowTraces)} trace ids identical`,
    ]),
  );
  return markdownTable(['traces', 'one query per trace and tier (sequential)', 'hopscope', 'hopscope time', 'ratio', '≥ 100×', 'same traces?'], rows, [
    'right',
    'left',
    'left',
    'right',
    'right',
    'left',
    'left',
  ]);
}

/** Warm medians at the smallest and largest size, and the exponent k of time ∝ traces^k. */
function growthTable(runs: readonly BackendRun[]): string | null {
  const rows: string[][] = [];
  for (const backend of ['duckdb', 'elasticsearch'] as const) {
    const sized = runs.filter((run) => run.backend === backend).sort((a, b) => a.traces - b.traces);
    const small = sized[0];
    const large = sized.at(-1);
    if (!small || !large || small.traces === large.traces) continue;
    for (const endpoint of large.endpoints) {
      const before = small.endpoints.find((item) => item.id === endpoint.id);
      if (!before?.warm || !endpoint.warm || before.warm.medianMs <= 0) continue;
      const k = growthExponent(small.traces, before.warm.medianMs, large.traces, endpoint.warm.medianMs);
      rows.push([BACKEND_NAMES[backend], endpoint.label, formatDuration(before.warm.medianMs), formatDuration(endpoint.warm.medianMs), k.toFixed(2)]);
    }
    if (small.ingest && large.ingest) {
      const k = growthExponent(small.traces, small.ingest.ms, large.traces, large.ingest.ms);
      rows.push([BACKEND_NAMES[backend], 'ingest', formatDuration(small.ingest.ms), formatDuration(large.ingest.ms), k.toFixed(2)]);
    }
    if (small.restart && large.restart) {
      const k = growthExponent(small.traces, small.restart.ms, large.traces, large.restart.ms);
      rows.push([BACKEND_NAMES[backend], 'restart with unchanged files', formatDuration(small.restart.ms), formatDuration(large.restart.ms), k.toFixed(2)]);
    }
    if (small.memory && large.memory) {
      const peak = (run: BackendRun) => Math.max(run.memory!.peakTreeRssBytes, run.memory!.peakProcessHwmBytes);
      rows.push([BACKEND_NAMES[backend], 'server peak memory', formatBytes(peak(small)), formatBytes(peak(large)), growthExponent(small.traces, peak(small), large.traces, peak(large)).toFixed(2)]);
    }
  }
  if (rows.length === 0) return null;
  const sizes = [...new Set(runs.map((run) => run.traces))].sort((a, b) => a - b);
  return markdownTable(
    ['backend', 'measurement', `${formatCount(sizes[0]!)} traces`, `${formatCount(sizes.at(-1)!)} traces`, 'k (time ∝ traces^k)'],
    rows,
    ['left', 'left', 'right', 'right', 'right'],
  );
}

/** The whole RESULTS.md. */
export function renderResultsMarkdown(results: BenchResults, previous: string | null): string {
  const { machine } = results;
  const loadText = `${results.load.min.toFixed(1)}–${results.load.max.toFixed(1)} (median ${results.load.median.toFixed(1)}, ${results.load.samples} samples every 5 s)`;
  const es = results.elasticsearch
    ? `${results.elasticsearch.version}, ${results.elasticsearch.nodes} local node(s) (scripts/elasticsearch.sh), heap ${formatBytes(results.elasticsearch.heapBytes)}, ` +
      `${results.elasticsearch.shards} primary shard(s) per daily index, no replica${results.elasticsearch.startedByUs ? '' : '; a node already running when the benchmark started'}; ` +
      `hopscope's per-request timeout (HOPSCOPE_ES_TIMEOUT_MS) raised to ${formatDuration(results.elasticsearch.requestTimeoutMs)} so slow requests are measured, not cut off`
    : 'not measured in this run';
  const machineTable = markdownTable(
    ['', ''],
    [
      ['CPU', `${machine.cpuModel} (/proc/cpuinfo), ${machine.cores} cores`],
      ['memory', formatBytes(machine.memoryBytes)],
      ['kernel', machine.kernel],
      ['Node.js', machine.node],
      ['Next.js', machine.next],
      ['DuckDB', machine.duckdb],
      ['Elasticsearch', es],
      ['load average (1 min) during the run', loadText],
    ],
  );
  const datasets = markdownTable(
    ['traces', 'edge lines', 'ingress lines', 'NDJSON size', 'window (edge @timestamp)', "baseline's window (newest slow traces)", 'generated in'],
    results.datasets.map((dataset) => [
      formatCount(dataset.traces),
      formatCount(dataset.lines.edge),
      formatCount(dataset.lines.ingress),
      formatBytes(dataset.bytes),
      `${dataset.window.from} – ${dataset.window.to}`,
      dataset.slowWindow ? `from ${dataset.slowWindow.from}: ${formatCount(dataset.slowWindow.traces)} traces` : 'fewer slow traces than asked: the whole window',
      dataset.generateMs === null ? 'reused from an earlier run' : formatDuration(dataset.generateMs),
    ]),
    ['right', 'right', 'right', 'right', 'left', 'left', 'right'],
  );
  const misses = listMisses(results.backendRuns, results.baselines);
  const sections: string[] = [
    '# Benchmark results',
    `Written by \`${results.command}\` (scripts/bench) on ${results.startedAt.slice(0, 10)}, commit \`${results.commit}\`; the run took ${formatDuration(results.totalMs)}. ` +
      `Warm figures are the median of ${results.runs} runs with the fastest and slowest in brackets; cold is the first request of that endpoint after the server started. ` +
      `Targets are issue 12's for the embedded store and issue 13's for Elasticsearch (a materialized window warm, and a cold window's first requests), both set for ${formatCount(TARGET_TRACES)} traces; at other sizes they are shown for reference.`,
    '## Machine',
    machineTable,
    results.load.median > machine.cores
      ? `> **Measured under load.** The 1-minute load average was ${loadText} on ${machine.cores} cores during this run. It counts the benchmark's own processes (the server, Chromium, Elasticsearch) as well as anything else running: every figure includes waiting for a CPU, and the spreads show how much.`
      : '',
    '## Targets missed',
    misses.length === 0 ? 'None: every measured target was met.' : misses.map((miss) => `- ${miss}`).join('\n'),
    '## Datasets',
    `The sample incident's shape (\`generateTraceDocuments\`, seed ${results.datasets[0]?.seed ?? 1}, 4 hours), both tiers; about 0.5 % of lines lost or duplicated as real shippers do.`,
    datasets,
  ];
  const sizes = [...new Set(results.backendRuns.map((run) => run.traces))].sort((a, b) => a - b);
  for (const traces of sizes) {
    for (const run of results.backendRuns.filter((item) => item.traces === traces)) {
      sections.push(`## ${formatCount(traces)} traces: ${BACKEND_NAMES[run.backend]}`, runTable(run, results.runs));
    }
  }
  sections.push(
    '## Baseline: one query per trace and tier',
    "The method used before hopscope: list the slow requests (edge `request_time` ≥ 1 s) of the baseline's window (the window that holds exactly the newest N slow traces, found in the edge file; see Datasets), then for each trace id one `term` query on the edge index and one on the ingress index, one after the other, and pair the two lines in the script. " +
      "hopscope's answers for the same traces: the histograms endpoint on that window with `latencyMin=1` (the four histograms of exactly those traces; its trace count is shown), and the edge drill-down from 1 s up on that window, newest first, in pages of 500 rows with both tiers joined (checked id by id against the baseline's list).",
    results.baselines.length > 0 ? baselineTable(results.baselines) : '_Not measured in this run (it needs the Elasticsearch backend)._',
  );
  const growth = growthTable(results.backendRuns);
  if (growth) sections.push('## Growth with the data', growth);
  if (results.profiles.length > 0) {
    sections.push('## Profiles recorded by the harness');
    for (const profile of results.profiles) {
      sections.push(`### ${BACKEND_NAMES[profile.backend]}, ${formatCount(profile.traces)} traces: ${profile.endpoint}`, '```text\n' + profile.text.trimEnd() + '\n```');
    }
  }
  sections.push('## Analysis of the misses', extractAnalysis(previous), extractLoadSection(previous) ?? '');
  return `${sections.filter((section) => section !== '').join('\n\n')}\n`;
}
