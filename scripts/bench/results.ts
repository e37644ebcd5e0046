import type { PaintResult } from './browser-paint';
import type { ColdWindowResult } from './cold-window';
import type { BenchBackend } from './cli-options';
import type { DatasetWindow } from './endpoints';
import type { EndpointResult } from './http-timing';
import type { LoadSummary, MachineInfo } from './machine';
import type { TimingSummary } from './stats';

/** Everything one run measured: the input of RESULTS.md (and of bench/data/results.json). */

export type DatasetInfo = {
  traces: number;
  seed: number;
  lines: { edge: number; ingress: number };
  bytes: number;
  window: DatasetWindow;
  /**
   * The baseline's window: the newest `traces` slow traces (edge request_time ≥ 1 s), read from
   * the edge file. Null when the dataset has fewer slow traces than the baseline asks for.
   */
  slowWindow: (DatasetWindow & { traces: number }) | null;
  /** Null when an earlier run's files were reused. */
  generateMs: number | null;
};

export type IngestResult = {
  ms: number;
  lines: number;
  /** How it was measured, for the table. */
  how: string;
};

/**
 * The embedded store's restart on unchanged files (HOPSCOPE_DUCKDB_PATH): the server stopped
 * after the warm measurements and started again with the same environment.
 */
export type RestartResult = {
  /** spawn of `next start` until the first /api/v1/histograms (whole window) answer completed. */
  ms: number;
  /** spawn until the port accepted connections (part of `ms`). */
  readyMs: number;
  /** That histograms answer alone (the store is opened by the first request). */
  histogramsMs: number;
  /** details.store.kind of the health answer after it: 'reused' is what the target asks for. */
  storeKind: string | null;
  /** The health answer's store in words. */
  storeText: string;
  /** Peak memory of the restarted server (also folded into the run's memory). */
  peakBytes: number;
};

export type BackendRun = {
  backend: BenchBackend;
  traces: number;
  ingest: IngestResult | null;
  /** spawn of `next start` until its port accepts connections. */
  serverReadyMs: number | null;
  endpoints: EndpointResult[];
  memory: { peakTreeRssBytes: number; peakProcessHwmBytes: number } | null;
  paint: PaintResult | null;
  /** Elasticsearch only: the first requests of a window not yet read (empty slice cache). */
  coldWindow: ColdWindowResult | null;
  /** hopscope's answer for the baseline's slow traces: drill-down pages of 500, median of the runs. */
  slowPages: { pages: number; traces: number; ms: TimingSummary; traceIds: string[] } | null;
  /** The four histograms of exactly the baseline's traces (slow window, latencyMin=1). */
  slowHistograms: { traces: number; ms: TimingSummary } | null;
  /** Embedded store only; null when not measured. */
  restart: RestartResult | null;
  load: LoadSummary | null;
  errors: string[];
};

export type BaselineComparison = {
  backend: BenchBackend;
  method: string;
  hopscopeMs: number;
  ratio: number;
  /** Baseline traces hopscope listed too (drill-down method), null for the histograms method. */
  overlap: number | null;
};

export type BaselineResult = {
  traces: number;
  slowTraces: number;
  queries: number;
  totalMs: number;
  listMs: number;
  perQuery: TimingSummary;
  joined: number;
  comparisons: BaselineComparison[];
};

export type ProfileNote = { traces: number; backend: BenchBackend; endpoint: string; text: string };

export type BenchResults = {
  startedAt: string;
  finishedAt: string;
  totalMs: number;
  command: string;
  commit: string;
  machine: MachineInfo;
  elasticsearch: { version: string; nodes: number; heapBytes: number; startedByUs: boolean; shards: number; requestTimeoutMs: number } | null;
  load: LoadSummary;
  runs: number;
  datasets: DatasetInfo[];
  backendRuns: BackendRun[];
  baselines: BaselineResult[];
  profiles: ProfileNote[];
};
