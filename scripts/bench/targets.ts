import type { BenchBackend } from './cli-options';
import type { EndpointResult } from './http-timing';
import type { BackendRun, BaselineResult } from './results';

/**
 * The targets of issue 6 §2 (this 2-core machine, 1 M traces, warm) and their verdicts. A target
 * is checked against the warm median; the tables show the same targets at smaller sizes for
 * reference, where they are not binding.
 */

export type Verdict = 'met' | 'missed' | 'not measured' | 'not implemented';

export type TargetCheck = { target: string; verdict: Verdict };

/** The size the targets are set for. */
export const TARGET_TRACES = 1_000_000;
/** "1 GB", in bytes (decimal, the stricter reading). */
export const RSS_LIMIT_BYTES = 1_000_000_000;
export const PAINT_LIMIT_MS = 2_000;
export const BASELINE_MIN_RATIO = 100;
export const DUCKDB_INGEST_LIMIT_MS = 60_000;
/** A sample for the Elasticsearch gap histograms must hold at least this many traces. */
export const MIN_SAMPLE_TRACES = 100_000;

/** Endpoint targets per backend: which endpoints a limit applies to, and the limit. */
const ENDPOINT_LIMITS: Record<BenchBackend, { groups: string[]; ids?: string[]; limitMs: number; text: string }[]> = {
  duckdb: [
    { groups: ['histograms'], limitMs: 1_000, text: 'the four histograms ≤ 1 s' },
    { groups: ['drill-down'], limitMs: 300, text: 'any drill-down page ≤ 300 ms' },
    { groups: ['trace'], limitMs: 50, text: 'trace detail ≤ 50 ms' },
  ],
  elasticsearch: [
    // The edge histogram has a call of its own (no join); the ingress one comes with the gaps,
    // from the same join, so the four-histograms call is held to the per-tier limit as well.
    { groups: ['edge-histogram'], limitMs: 1_000, text: 'per-tier histogram (edge, exact) ≤ 1 s' },
    { groups: ['histograms'], limitMs: 1_000, text: 'per-tier histograms ≤ 1 s' },
    { groups: ['histograms'], limitMs: 3_000, text: 'gap histograms ≤ 3 s' },
    { groups: ['trace'], limitMs: 100, text: 'trace detail ≤ 100 ms' },
    { groups: ['timeline'], limitMs: 1_000, text: 'connect timeline ≤ 1 s' },
  ],
};

const verdictOf = (ok: boolean): Verdict => (ok ? 'met' : 'missed');

/** The targets that apply to one endpoint of one backend, with their verdicts. */
export function checkEndpoint(backend: BenchBackend, endpoint: EndpointResult): TargetCheck[] {
  const limits = ENDPOINT_LIMITS[backend].filter((limit) => limit.groups.includes(endpoint.group));
  return limits.map((limit) => {
    if (endpoint.outcome === 'not_implemented') return { target: limit.text, verdict: 'not implemented' };
    if (endpoint.outcome !== 'ok' || endpoint.warm === null) return { target: limit.text, verdict: 'not measured' };
    let ok = endpoint.warm.medianMs <= limit.limitMs;
    // A sampled gap histogram counts only when its sample is large enough.
    const sampled = /sample of ([\d,]+) of/.exec(endpoint.note ?? '');
    if (limit.text.startsWith('gap') && sampled) ok &&= Number(sampled[1]!.replaceAll(',', '')) >= MIN_SAMPLE_TRACES;
    return { target: limit.text, verdict: verdictOf(ok) };
  });
}

/** The whole-run targets of one backend run: ingest (embedded store), memory, first paint. */
export function checkRun(run: BackendRun): TargetCheck[] {
  const checks: TargetCheck[] = [];
  if (run.backend === 'duckdb') {
    checks.push({
      target: 'ingest of the dataset ≤ 60 s',
      verdict: run.ingest ? verdictOf(run.ingest.ms <= DUCKDB_INGEST_LIMIT_MS) : 'not measured',
    });
  }
  checks.push({
    target: 'server RSS ≤ 1 GB',
    verdict: run.memory ? verdictOf(Math.max(run.memory.peakTreeRssBytes, run.memory.peakProcessHwmBytes) <= RSS_LIMIT_BYTES) : 'not measured',
  });
  checks.push({ target: 'first histogram painted ≤ 2 s', verdict: run.paint ? verdictOf(run.paint.warm.medianMs <= PAINT_LIMIT_MS) : 'not measured' });
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
