import { describe, expect, it } from 'vitest';
import type { EndpointResult } from './http-timing';
import type { BackendRun } from './results';
import { checkBaseline, checkEndpoint, checkRestart, checkRun, listMisses } from './targets';

const warm = (medianMs: number) => ({ runs: 5, medianMs, minMs: medianMs, maxMs: medianMs, p25Ms: medianMs, p75Ms: medianMs });

const endpoint = (group: string, medianMs: number, extra: Partial<EndpointResult> = {}): EndpointResult => ({
  id: group,
  label: group,
  group,
  path: '/x',
  outcome: 'ok',
  coldMs: medianMs,
  warm: warm(medianMs),
  status: 200,
  bytes: 1,
  note: null,
  ...extra,
});

const restart = (ms: number, storeKind: string | null = 'reused') => ({ ms, readyMs: 400, histogramsMs: ms - 400, storeKind, storeText: `health: store ${storeKind}`, peakBytes: 1 });

const run = (extra: Partial<BackendRun>): BackendRun => ({
  backend: 'duckdb',
  traces: 1_000_000,
  ingest: null,
  serverReadyMs: 500,
  endpoints: [],
  memory: null,
  paint: null,
  coldWindow: null,
  slowPages: null,
  slowHistograms: null,
  restart: null,
  load: null,
  errors: [],
  ...extra,
});

describe('checkEndpoint', () => {
  it("holds the embedded store to issue 12's limits by endpoint kind (the limit itself passes)", () => {
    expect(checkEndpoint('duckdb', endpoint('histograms', 250))).toEqual([{ target: 'the four histograms ≤ 250 ms', verdict: 'met' }]);
    expect(checkEndpoint('duckdb', endpoint('histograms', 251))).toEqual([{ target: 'the four histograms ≤ 250 ms', verdict: 'missed' }]);
    expect(checkEndpoint('duckdb', endpoint('timeline', 200))).toEqual([{ target: 'connect timeline ≤ 200 ms', verdict: 'met' }]);
    expect(checkEndpoint('duckdb', endpoint('drill-down', 101))).toEqual([{ target: 'any drill-down page ≤ 100 ms', verdict: 'missed' }]);
    expect(checkEndpoint('duckdb', endpoint('trace', 49))).toEqual([{ target: 'trace detail ≤ 50 ms', verdict: 'met' }]);
    expect(checkEndpoint('duckdb', endpoint('suggestions', 5_000))).toEqual([]);
  });

  it('gives the triage summary 1 s and each other triage verb 500 ms', () => {
    const triage = (id: string, medianMs: number) => checkEndpoint('duckdb', endpoint('triage', medianMs, { id }));
    expect(triage('triage-summary', 900)).toEqual([{ target: 'triage summary ≤ 1 s', verdict: 'met' }]);
    expect(triage('triage-summary', 1_001)).toEqual([{ target: 'triage summary ≤ 1 s', verdict: 'missed' }]);
    for (const id of ['triage-attribution', 'triage-correlations', 'triage-retransmissions', 'triage-connection-reuse']) {
      expect(triage(id, 501)).toEqual([{ target: 'each other triage verb ≤ 500 ms', verdict: 'missed' }]);
      expect(triage(id, 500)[0]?.verdict).toBe('met');
    }
    // Elasticsearch's materialized window is held to the same triage limits (issue 13).
    expect(checkEndpoint('elasticsearch', endpoint('triage', 1_001, { id: 'triage-summary' }))).toEqual([{ target: 'triage summary ≤ 1 s', verdict: 'missed' }]);
    expect(checkEndpoint('elasticsearch', endpoint('triage', 500, { id: 'triage-correlations' }))).toEqual([{ target: 'each triage verb ≤ 500 ms', verdict: 'met' }]);
  });

  it("holds a materialized Elasticsearch window to issue 13's warm limits", () => {
    expect(checkEndpoint('elasticsearch', endpoint('histograms', 300))).toEqual([{ target: 'four histograms ≤ 300 ms', verdict: 'met' }]);
    expect(checkEndpoint('elasticsearch', endpoint('edge-histogram', 301))).toEqual([{ target: 'four histograms ≤ 300 ms', verdict: 'missed' }]);
    expect(checkEndpoint('elasticsearch', endpoint('drill-down', 201))).toEqual([{ target: 'drill-down page ≤ 200 ms', verdict: 'missed' }]);
    expect(checkEndpoint('elasticsearch', endpoint('trace', 100))).toEqual([{ target: 'trace detail ≤ 100 ms', verdict: 'met' }]);
    expect(checkEndpoint('duckdb', endpoint('edge-histogram', 900))).toEqual([]);
  });

  it('says "not implemented" and "not measured" instead of judging a failed endpoint', () => {
    expect(checkEndpoint('elasticsearch', endpoint('timeline', 0, { outcome: 'not_implemented', warm: null }))[0]?.verdict).toBe('not implemented');
    expect(checkEndpoint('elasticsearch', endpoint('trace', 0, { outcome: 'error', warm: null }))[0]?.verdict).toBe('not measured');
  });
});

describe('checkRun', () => {
  const paint = { coldMs: 3_000, warm: warm(1_900), wallWarm: warm(2_000), phases: { firstByte: warm(50), histogramSection: warm(900), domContentLoaded: warm(1_000), interactive: warm(1_000) } };

  it('checks the embedded store\'s ingest, restart and peak memory; its first paint has no target in issue 12', () => {
    const checks = checkRun(
      run({
        ingest: { ms: 61_000, lines: 2_000_000, how: 'first /api/v1/health' },
        restart: restart(4_000),
        memory: { peakTreeRssBytes: 900_000_000, peakProcessHwmBytes: 1_100_000_000 },
        paint,
      }),
    );
    expect(checks).toEqual([
      { target: 'ingest of the dataset ≤ 60 s', verdict: 'missed' },
      { target: 'restart with unchanged files ≤ 5 s', verdict: 'met' },
      { target: 'server RSS ≤ 1 GB', verdict: 'missed' },
    ]);
    expect(checkRun(run({})).map((check) => check.verdict)).toEqual(['not measured', 'not measured', 'not measured']);
  });

  it("checks Elasticsearch's peak memory, first paint and cold window (issue 13), no ingest or restart", () => {
    expect(checkRun(run({ backend: 'elasticsearch', paint }))).toEqual([
      { target: 'server RSS ≤ 1 GB', verdict: 'not measured' },
      { target: 'first histogram painted ≤ 2 s', verdict: 'met' },
      { target: 'cold window: first bar ≤ 2 s', verdict: 'not measured' },
      { target: 'cold window: progress visible ≤ 1 s', verdict: 'not measured' },
      { target: 'cold window: four histograms and the triage verdict ≤ 5 s', verdict: 'not measured' },
      { target: 'cold window: exact materialization ≤ 30 s', verdict: 'not measured' },
    ]);
    const coldWindow = { edgeMs: 900, progressMs: null, progressText: null, firstHistogramsMs: 4_000, firstSummaryMs: 5_200, sample: null, histogramsMs: 29_000, summaryMs: 31_000, linesEstimated: null };
    expect(checkRun(run({ backend: 'elasticsearch', coldWindow })).slice(2)).toEqual([
      { target: 'cold window: first bar ≤ 2 s', verdict: 'met' },
      // Never seen is not "within 1 s".
      { target: 'cold window: progress visible ≤ 1 s', verdict: 'missed' },
      { target: 'cold window: four histograms and the triage verdict ≤ 5 s', verdict: 'missed' },
      { target: 'cold window: exact materialization ≤ 30 s', verdict: 'met' },
    ]);
  });
});

describe('checkRestart', () => {
  it('needs the store reused and the first histograms within 5 s of the spawn', () => {
    expect(checkRestart(restart(5_000)).verdict).toBe('met');
    expect(checkRestart(restart(5_001)).verdict).toBe('missed');
    // A reload is not the restart the target is about, however fast.
    expect(checkRestart(restart(900, 'loaded')).verdict).toBe('missed');
    expect(checkRestart(restart(900, null)).verdict).toBe('missed');
    expect(checkRestart(null).verdict).toBe('not measured');
  });
});

describe('checkBaseline and listMisses', () => {
  it('needs a ratio of at least 100', () => {
    expect(checkBaseline(100).verdict).toBe('met');
    expect(checkBaseline(99.9).verdict).toBe('missed');
  });

  it('lists each miss with backend, size and target', () => {
    const runs = [run({ endpoints: [endpoint('trace', 80, { label: 'trace detail' })], restart: restart(2_000, 'loaded') })];
    const baselines = [
      {
        traces: 1_000_000,
        slowTraces: 3_000,
        queries: 6_001,
        totalMs: 20_000,
        listMs: 50,
        perQuery: warm(3),
        joined: 2_990,
        comparisons: [{ backend: 'elasticsearch' as const, method: 'drill-down pages', hopscopeMs: 400, ratio: 50, overlap: 3_000 }],
      },
    ];
    // Not measured (no ingest or memory in this run) is not a miss.
    expect(listMisses(runs, baselines)).toEqual([
      'duckdb, 1,000,000 traces: trace detail: trace detail ≤ 50 ms',
      'duckdb, 1,000,000 traces: restart with unchanged files ≤ 5 s',
      'elasticsearch, 1,000,000 traces: baseline ratio (drill-down pages) ≥ 100×',
    ]);
  });
});
