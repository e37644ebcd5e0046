import type { BenchBackend } from './cli-options';
import type { EndpointResult } from './http-timing';
import type { BackendRun, BaselineResult, RestartResult } from './results';

/**
 * The targets of one backend and their verdicts, all set for this 2-core machine at 1 M traces and
 * checked against warm medians: the embedded store's are issue 12's, Elasticsearch's issue 13's
 * (a materialized window, warm; and the first requests of a cold window). The tables show the same targets at smaller sizes for
 * reference, where they are not binding.
 */

export type Verdict = 'met' | 'missed' | 'not measured' | 'not implemented';

export type TargetCheck = { target: string; verdict: Verdict };

/** The size the targets are set for. */
export const TARGET_TRACES = 1_000_000;
/** Which issue set each backend's targets, for the tables' headers. */
export const TARGET_ISSUES: Record<BenchBackend, string> = { duckdb: 'issue 12', elasticsearch: 'issue 13' };
/** "1 GB", in bytes (decimal, the stricter reading). */
export const RSS_LIMIT_BYTES = 1_000_000_000;
export const PAINT_LIMIT_MS = 2_000;
export const BASELINE_MIN_RATIO = 100;
export const DUCKDB_INGEST_LIMIT_MS = 60_000;
/** A restart on unchanged files: spawn of the server until the first histograms answer. */
export const DUCKDB_RESTART_LIMIT_MS = 5_000;
/** A cold Elasticsearch window (issue 13): the first bar, the progress, the first answers, the exact read. */
export const COLD_LIMITS_MS = { edge: 2_000, progress: 1_000, firstAnswers: 5_000, materialized: 30_000 } as const;

/** The triage verbs other than the summary (endpoint ids of endpoints.ts): each has the same limit. */
const TRIAGE_VERB_IDS = ['triage-attribution', 'triage-correlations', 'triage-retransmissions', 'triage-connection-reuse'];

/** Endpoint targets per backend: the endpoints a limit applies to (by group or by id), and the limit. */
type EndpointLimit = { groups?: string[]; ids?: string[]; limitMs: number; text: string };

const ENDPOINT_LIMITS: Record<BenchBackend, EndpointLimit[]> = {
  duckdb: [
    { groups: ['histograms'], limitMs: 250, text: 'the four histograms ≤ 250 ms' },
    { ids: ['triage-summary'], limitMs: 1_000, text: 'triage summary ≤ 1 s' },
    { ids: TRIAGE_VERB_IDS, limitMs: 500, text: 'each other triage verb ≤ 500 ms' },
    { groups: ['timeline'], limitMs: 200, text: 'connect timeline ≤ 200 ms' },
    { groups: ['drill-down'], limitMs: 100, text: 'any drill-down page ≤ 100 ms' },
    { groups: ['trace'], limitMs: 50, text: 'trace detail ≤ 50 ms' },
  ],
  // A window already materialized, any filter (issue 13); the timelines keep issue 6's limit.
  elasticsearch: [
    { groups: ['edge-histogram', 'histograms'], limitMs: 300, text: 'four histograms ≤ 300 ms' },
    { ids: ['triage-summary'], limitMs: 1_000, text: 'triage summary ≤ 1 s' },
    { ids: TRIAGE_VERB_IDS, limitMs: 500, text: 'each triage verb ≤ 500 ms' },
    { groups: ['drill-down'], limitMs: 200, text: 'drill-down page ≤ 200 ms' },
    { groups: ['trace'], limitMs: 100, text: 'trace detail ≤ 100 ms' },
    { groups: ['timeline'], limitMs: 1_000, text: 'connect timeline ≤ 1 s' },
  ],
};

const appliesTo = (limit: EndpointLimit, endpoint: EndpointResult): boolean =>
  (limit.groups?.includes(endpoint.group) ?? false) || (limit.ids?.includes(endpoint.id) ?? false);

const verdictOf = (ok: boolean): Verdict => (ok ? 'met' : 'missed');

/** The targets that apply to one endpoint of one backend, with their verdicts. */
export function checkEndpoint(backend: BenchBackend, endpoint: EndpointResult): TargetCheck[] {
  const limits = ENDPOINT_LIMITS[backend].filter((limit) => appliesTo(limit, endpoint));
  return limits.map((limit) => {
    if (endpoint.outcome === 'not_implemented') return { target: limit.text, verdict: 'not implemented' };
    if (endpoint.outcome !== 'ok' || endpoint.warm === null) return { target: limit.text, verdict: 'not measured' };
    return { target: limit.text, verdict: verdictOf(endpoint.warm.medianMs <= limit.limitMs) };
  });
}

/**
 * A restart on unchanged files counts only when the store was reused: a reload within the limit
 * (a small dataset) would not be the measurement the target is about.
 */
export function checkRestart(restart: RestartResult | null): TargetCheck {
  const target = 'restart with unchanged files ≤ 5 s';
  if (restart === null) return { target, verdict: 'not measured' };
  return { target, verdict: verdictOf(restart.storeKind === 'reused' && restart.ms <= DUCKDB_RESTART_LIMIT_MS) };
}

/**
 * The whole-run targets of one backend run: the embedded store's ingest and restart (issue 12),
 * memory (both issues), the first histogram painted (issue 6: Elasticsearch only, issue 12 has
 * no paint target; the embedded store's paint is still measured and shown).
 */
export function checkRun(run: BackendRun): TargetCheck[] {
  const checks: TargetCheck[] = [];
  if (run.backend === 'duckdb') {
    checks.push({
      target: 'ingest of the dataset ≤ 60 s',
      verdict: run.ingest ? verdictOf(run.ingest.ms <= DUCKDB_INGEST_LIMIT_MS) : 'not measured',
    });
    checks.push(checkRestart(run.restart));
  }
  checks.push({
    target: 'server RSS ≤ 1 GB',
    verdict: run.memory ? verdictOf(Math.max(run.memory.peakTreeRssBytes, run.memory.peakProcessHwmBytes) <= RSS_LIMIT_BYTES) : 'not measured',
  });
  if (run.backend === 'elasticsearch') {
    checks.push({ target: 'first histogram painted ≤ 2 s', verdict: run.paint ? verdictOf(run.paint.warm.medianMs <= PAINT_LIMIT_MS) : 'not measured' });
    const cold = run.coldWindow;
    const coldCheck = (target: string, value: (window: NonNullable<typeof cold>) => number | null, limitMs: number): TargetCheck => {
      const ms = cold ? value(cold) : null;
      return { target, verdict: cold === null ? 'not measured' : verdictOf(ms !== null && ms <= limitMs) };
    };
    checks.push(coldCheck('cold window: first bar ≤ 2 s', (window) => window.edgeMs, COLD_LIMITS_MS.edge));
    checks.push(coldCheck('cold window: progress visible ≤ 1 s', (window) => window.progressMs, COLD_LIMITS_MS.progress));
    checks.push(coldCheck('cold window: four histograms and the triage verdict ≤ 5 s', (window) => Math.max(window.firstHistogramsMs, window.firstSummaryMs), COLD_LIMITS_MS.firstAnswers));
    checks.push(coldCheck('cold window: exact materialization ≤ 30 s', (window) => window.histogramsMs, COLD_LIMITS_MS.materialized));
  }
  return checks;
}

/** The baseline target: hopscope at least 100× faster than one query per trace and tier. */
export function checkBaseline(ratio: number): TargetCheck {
  return { target: 'per-trace baseline ratio ≥ 100×', verdict: verdictOf(ratio >= BASELINE_MIN_RATIO) };
}

/** Every missed target of a run, as "backend, size: target" lines (for the summary). */
export function listMisses(runs: readonly BackendRun[], baselines: readonly BaselineResult[]): string[] {
  const misses: string[] = [];
  for (const run of runs) {
    const where = `${run.backend}, ${run.traces.toLocaleString('en-US')} traces`;
    for (const endpoint of run.endpoints) {
      for (const check of checkEndpoint(run.backend, endpoint)) if (check.verdict === 'missed') misses.push(`${where}: ${endpoint.label}: ${check.target}`);
    }
    for (const check of checkRun(run)) if (check.verdict === 'missed') misses.push(`${where}: ${check.target}`);
  }
  for (const baseline of baselines) {
    for (const comparison of baseline.comparisons) {
      if (checkBaseline(comparison.ratio).verdict === 'missed') {
        misses.push(`${comparison.backend}, ${baseline.traces.toLocaleString('en-US')} traces: baseline ratio (${comparison.method}) ≥ 100×`);
      }
    }
  }
  return misses;
}
