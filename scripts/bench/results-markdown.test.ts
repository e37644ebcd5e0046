import { describe, expect, it } from 'vitest';
import type { BackendRun, BenchResults } from './results';
import { LOAD_END, LOAD_START } from './load-section';
import { ANALYSIS_END, ANALYSIS_START, extractAnalysis, renderResultsMarkdown } from './results-markdown';

const warm = (medianMs: number, minMs = medianMs, maxMs = medianMs) => ({ runs: 5, medianMs, minMs, maxMs, p25Ms: minMs, p75Ms: maxMs });

const results = (): BenchResults => ({
  startedAt: '2026-01-02T03:04:05.000Z',
  finishedAt: '2026-01-02T03:34:05.000Z',
  totalMs: 1_800_000,
  command: 'npm run bench',
  commit: 'abc1234',
  machine: { cpuModel: 'AMD EPYC', cores: 2, memoryBytes: 24 * 1024 ** 3, kernel: 'Linux 6.1', node: 'v20.20.2', next: '15.5.29', duckdb: 'v1.5.0' },
  elasticsearch: { version: '8.19.18', nodes: 1, heapBytes: 1024 ** 3, startedByUs: false, shards: 1, requestTimeoutMs: 300_000 },
  load: { samples: 360, min: 3.1, median: 8.4, max: 11.9 },
  runs: 5,
  datasets: [
    { traces: 100_000, seed: 1, lines: { edge: 99_845, ingress: 99_439 }, bytes: 103_277_844, window: { from: 'a', to: 'b' }, slowWindow: { from: 'c', to: 'b', traces: 3_000 }, generateMs: 19_600 },
    { traces: 1_000_000, seed: 1, lines: { edge: 998_000, ingress: 994_000 }, bytes: 1_032_778_440, window: { from: 'a', to: 'b' }, slowWindow: null, generateMs: null },
  ],
  backendRuns: [100_000, 1_000_000].map((traces): BackendRun => ({
    backend: 'duckdb' as const,
    traces,
    ingest: { ms: traces / 20, lines: traces * 2, how: 'first /api/v1/health' },
    coldWindow: null,
    serverReadyMs: 900,
    endpoints: [
      {
        id: 'histograms',
        label: 'histograms (all four, whole window)',
        group: 'histograms',
        path: '/api/v1/histograms',
        outcome: 'ok' as const,
        coldMs: traces / 500,
        warm: warm(traces / 1_000, traces / 1_100, traces / 900),
        status: 200,
        bytes: 9_000,
        note: `${traces} traces, exact`,
      },
    ],
    memory: { peakTreeRssBytes: 700 * 1024 * 1024, peakProcessHwmBytes: 650 * 1024 * 1024 },
    paint: { coldMs: 2_500, warm: warm(1_500), wallWarm: warm(1_600), phases: { firstByte: warm(40), histogramSection: warm(800), domContentLoaded: warm(900), interactive: warm(900) } },
    slowPages: null,
    slowHistograms: null,
    // The smaller size's store was reloaded, not reused: its restart misses whatever its time.
    restart: {
      ms: traces / 250,
      readyMs: 600,
      histogramsMs: traces / 250 - 600,
      storeKind: traces === 100_000 ? 'loaded' : 'reused',
      storeText: traces === 100_000 ? 'health: store loaded (the field names (HOPSCOPE_FIELDS) changed)' : 'health: store reused (loaded at 2026-01-02T03:05:00.000Z)',
      peakBytes: 600 * 1024 * 1024,
    },
    load: { samples: 10, min: 7, median: 8, max: 9 },
    errors: [],
  })),
  baselines: [
    {
      traces: 1_000_000,
      slowTraces: 3_000,
      queries: 6_001,
      totalMs: 24_000,
      listMs: 40,
      perQuery: warm(3.9),
      joined: 2_985,
      comparisons: [{ backend: 'duckdb', method: 'drill-down pages', hopscopeMs: 2_000, ratio: 12, overlap: 3_000 }],
    },
  ],
  profiles: [],
});

describe('renderResultsMarkdown', () => {
  const markdown = renderResultsMarkdown(results(), null);

  it('describes the machine and says the run was under load', () => {
    expect(markdown).toContain('| CPU | AMD EPYC (/proc/cpuinfo), 2 cores |');
    expect(markdown).toContain('| Elasticsearch | 8.19.18,');
    expect(markdown).toContain('**Measured under load.**');
  });

  it('puts each figure beside its target and verdict', () => {
    // 100,000 traces: warm median 100 ms against 250 ms; 1 M traces: 1,000 ms (909–1111).
    expect(markdown).toContain('| histograms (all four, whole window) | 200 ms | 100 ms (91–111) | the four histograms ≤ 250 ms | met | 100000 traces, exact |');
    expect(markdown).toContain('| histograms (all four, whole window) | 2.00 s | 1.00 s (0.91–1.11) | the four histograms ≤ 250 ms | missed | 1000000 traces, exact |');
    expect(markdown).toContain('| ingest, 2,000,000 lines | 50.0 s |  | ingest of the dataset ≤ 60 s | met | first /api/v1/health |');
  });

  it("says which issue set each backend's targets, in the header and the table headers", () => {
    expect(markdown).toContain("Targets are issue 12's for the embedded store and issue 13's for Elasticsearch (a materialized window warm, and a cold window's first requests), both set for 1,000,000 traces");
    expect(markdown.match(/\| target \(issue 12, at 1,000,000 traces\) \|/g)).toHaveLength(2);
    const withElasticsearch = results();
    withElasticsearch.backendRuns.push({ ...withElasticsearch.backendRuns[1]!, backend: 'elasticsearch', restart: null });
    const rendered = renderResultsMarkdown(withElasticsearch, null);
    expect(rendered.slice(rendered.indexOf('## 1,000,000 traces: Elasticsearch'))).toContain('| target (issue 13, at 1,000,000 traces) |');
    expect(markdown).not.toContain('target (issue 13,');
  });

  it('shows the restart with its verdict, and why a reload misses', () => {
    expect(markdown).toMatch(
      /\| restart with unchanged files, until the first histograms answer \| 4\.00 s \|  \| restart with unchanged files ≤ 5 s \| met \| .*port open after 600 ms, that answer 3\.40 s; health: store reused \(loaded at 2026-01-02T03:05:00\.000Z\); its peak memory 600 MiB \|/,
    );
    expect(markdown).toMatch(/\| 400 ms \|  \| restart with unchanged files ≤ 5 s \| missed \| .*health: store loaded \(the field names \(HOPSCOPE_FIELDS\) changed\) \(not a reuse: the target asks for one\)/);
    expect(markdown).toContain('- duckdb, 100,000 traces: restart with unchanged files ≤ 5 s');
    expect(markdown).toContain('; the larger of the first start and the restart |');
  });

  it("shows the embedded store's first paint without a target (issue 12 sets none)", () => {
    expect(markdown).toMatch(/\| first histogram painted \(Chromium\) \| 2\.50 s \| 1\.50 s \(1\.50–1\.50\) \|  \|  \| navigation start/);
  });

  it('lists the misses and the baseline ratio with its verdict', () => {
    expect(markdown).toContain('- duckdb, 1,000,000 traces: baseline ratio (drill-down pages) ≥ 100×');
    expect(markdown).toMatch(/\| 1,000,000 \| 3,000 traces: 6,001 queries in 24\.0 s .*\| 12× \| missed \| 3,000 of the 3,000 trace ids identical \|/);
  });

  it('shows how each cost grows from the smallest to the largest size', () => {
    // 100 ms → 1,000 ms over ten times the traces: k = 1.
    expect(markdown).toContain('| embedded store (DuckDB) | histograms (all four, whole window) | 100 ms | 1.00 s | 1.00 |');
    expect(markdown).toContain('| embedded store (DuckDB) | restart with unchanged files | 400 ms | 4.00 s | 1.00 |');
  });
});

describe('extractAnalysis', () => {
  it('keeps the hand-written section of the previous file', () => {
    const previous = `# old\n\n${ANALYSIS_START}\nThe drill-down is slow because …\n${ANALYSIS_END}\n`;
    expect(renderResultsMarkdown(results(), previous)).toContain(`${ANALYSIS_START}\nThe drill-down is slow because …\n${ANALYSIS_END}`);
  });

  it("keeps the load test's section, after the analysis", () => {
    const load = `${LOAD_START}\n## Load\n| embedded | 1 |\n${LOAD_END}`;
    const previous = `# old\n\n${ANALYSIS_START}\nwhy\n${ANALYSIS_END}\n\n${load}\n`;
    const rendered = renderResultsMarkdown(results(), previous);
    expect(rendered).toContain(load);
    expect(rendered.indexOf(load)).toBeGreaterThan(rendered.indexOf(ANALYSIS_END));
    expect(renderResultsMarkdown(results(), '# old')).not.toContain(LOAD_START);
  });

  it('starts a placeholder when there is none', () => {
    expect(extractAnalysis('# no markers')).toBe(`${ANALYSIS_START}\n_No analysis written yet._\n${ANALYSIS_END}`);
  });
});
