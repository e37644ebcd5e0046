import path from 'node:path';
import { measureFirstHistogramPaint } from './browser-paint';
import { measureColdWindow } from './cold-window';
import type { BenchBackend } from './cli-options';
import type { Dataset } from './dataset';
import { ENDPOINTS, investigationPath, slowHistogramsPath, type EndpointContext } from './endpoints';
import { storeOriginOf } from './duckdb-store';
import { formatDuration, formatSummary } from './format';
import { measureEndpoint, timedGet, type EndpointResult } from './http-timing';
import type { LoadSampler } from './machine';
import { measureRestart } from './measure-restart';
import { startNextServer } from './next-server';
import { combinePeaks } from './process-memory';
import type { BackendRun, IngestResult } from './results';
import { fetchSlowTracePages } from './slow-trace-pages';
import { summarize } from './stats';

export type MeasureOptions = {
  repoRoot: string;
  logDir: string;
  runs: number;
  baselineTraces: number;
  load: LoadSampler;
  /** Prefix of every progress line, e.g. "[100,000 · duckdb]". */
  tag: string;
};

const describeEndpoint = (result: EndpointResult): string => {
  if (result.outcome === 'ok' && result.warm) return `cold ${formatDuration(result.coldMs ?? NaN)}, warm ${formatSummary(result.warm)}${result.note ? ` · ${result.note}` : ''}`;
  return `${result.outcome}${result.note ? `: ${result.note}` : ''}`;
};

type HealthBody = { ok?: unknown; message?: unknown; details?: { loadMs?: unknown } };

/**
 * Starts the production server on one backend, then measures in order: the first health check
 * (for the embedded store: its load), every endpoint cold and warm, the slow traces as drill-down
 * pages (the baseline's counterpart), and the first histogram painted in Chromium; the server's
 * memory is sampled throughout. An embedded store with a database file (HOPSCOPE_DUCKDB_PATH) is
 * then restarted on the same files (measureRestart). A failing phase is recorded and the next one
 * still runs.
 */
export async function measureBackend(
  backend: BenchBackend,
  dataset: Dataset,
  env: Record<string, string>,
  ingest: IngestResult | null,
  options: MeasureOptions,
): Promise<BackendRun> {
  const { tag, runs } = options;
  const loadFrom = options.load.count;
  const run: BackendRun = {
    backend,
    traces: dataset.info.traces,
    ingest,
    serverReadyMs: null,
    endpoints: [],
    memory: null,
    paint: null,
    coldWindow: null,
    slowPages: null,
    slowHistograms: null,
    restart: null,
    load: null,
    errors: [],
  };
  const logFile = path.join(options.logDir, `next-${backend}-${dataset.info.traces}.log`);
  console.log(`${tag} starting next start (log: ${path.relative(options.repoRoot, logFile)})`);
  const server = await startNextServer(options.repoRoot, env, logFile);
  run.serverReadyMs = server.readyMs;
  try {
    const health = await timedGet(server.baseUrl, '/api/v1/health');
    const body = health.body as HealthBody;
    if (health.status !== 200) throw new Error(`health answered ${health.status}: ${String(body?.message ?? JSON.stringify(health.body))}`);
    if (backend === 'duckdb') {
      const storeMs = typeof body.details?.loadMs === 'number' ? body.details.loadMs : null;
      run.ingest = {
        ms: health.ms,
        lines: dataset.info.lines.edge + dataset.info.lines.ingress,
        how:
          `first /api/v1/health after start (the store loads on first use)${storeMs === null ? '' : `; the store's own load time ${formatDuration(storeMs)}`}` +
          `; ${storeOriginOf(body).text}`,
      };
      console.log(`${tag} embedded store loaded: ${formatDuration(health.ms)} (${String(body.message ?? '')})`);
    } else {
      console.log(`${tag} first health check: ${formatDuration(health.ms)}`);
      try {
        run.coldWindow = await measureColdWindow(server.baseUrl, dataset.info.window);
        const cold = run.coldWindow;
        console.log(
          `${tag} cold window: edge histogram ${formatDuration(cold.edgeMs)}, progress ${cold.progressMs === null ? 'never seen' : formatDuration(cold.progressMs)}, ` +
            `first answers ${formatDuration(cold.firstHistogramsMs)} / ${formatDuration(cold.firstSummaryMs)}${cold.sample ? ' (sampled)' : ''}, ` +
            `exact four histograms ${formatDuration(cold.histogramsMs)}, triage summary ${formatDuration(cold.summaryMs)}`,
        );
      } catch (error) {
        run.errors.push(`cold window: ${(error as Error).message}`);
        console.error(`${tag} cold window failed: ${(error as Error).message}`);
      }
    }

    const context: EndpointContext = { window: dataset.info.window, cursor: null, traceId: null };
    for (const [index, spec] of ENDPOINTS.entries()) {
      try {
        const result = await measureEndpoint(server.baseUrl, spec, context, runs);
        run.endpoints.push(result);
        console.log(`${tag} (${index + 1}/${ENDPOINTS.length}) ${spec.label}: ${describeEndpoint(result)}`);
      } catch (error) {
        run.errors.push(`${spec.label}: ${(error as Error).message}`);
        console.error(`${tag} ${spec.label} failed: ${(error as Error).message}`);
      }
    }

    // The baseline's traces: the newest slow ones, as one histograms answer and as drill-down pages.
    const slowWindow = dataset.info.slowWindow ?? dataset.info.window;
    try {
      const samples: number[] = [];
      let traces = 0;
      for (let i = 0; i < Math.max(1, runs); i += 1) {
        const answer = await timedGet(server.baseUrl, slowHistogramsPath(slowWindow));
        if (answer.status !== 200) throw new Error(`answered ${answer.status}`);
        traces = Number((answer.body as { counts?: { edge?: unknown } }).counts?.edge ?? Number.NaN);
        samples.push(answer.ms);
      }
      run.slowHistograms = { traces, ms: summarize(samples) };
      console.log(`${tag} histograms of the ${traces} newest slow traces: ${formatSummary(run.slowHistograms.ms)}`);
    } catch (error) {
      run.errors.push(`slow-trace histograms: ${(error as Error).message}`);
    }
    try {
      const samples: number[] = [];
      let last = null;
      for (let i = 0; i < Math.max(1, runs); i += 1) {
        last = await fetchSlowTracePages(server.baseUrl, slowWindow, options.baselineTraces);
        samples.push(last.ms);
      }
      run.slowPages = { pages: last!.pages, traces: last!.traceIds.length, ms: summarize(samples), traceIds: last!.traceIds };
      console.log(`${tag} the same traces in ${last!.pages} drill-down pages: ${formatSummary(run.slowPages.ms)}`);
    } catch (error) {
      run.errors.push(`slow-trace pages: ${(error as Error).message}`);
      console.error(`${tag} slow-trace pages failed: ${(error as Error).message}`);
    }

    try {
      console.log(`${tag} first histogram painted: ${runs + 1} navigations in Chromium…`);
      run.paint = await measureFirstHistogramPaint(`${server.baseUrl}${investigationPath(dataset.info.window)}`, runs);
      console.log(`${tag} first histogram painted: cold ${formatDuration(run.paint.coldMs)}, warm ${formatSummary(run.paint.warm)}`);
    } catch (error) {
      run.errors.push(`first paint: ${(error as Error).message.split('\n')[0]}`);
      console.error(`${tag} first paint failed: ${(error as Error).message}`);
    }
  } catch (error) {
    run.errors.push((error as Error).message);
    console.error(`${tag} ${(error as Error).message}`);
  } finally {
    run.memory = await server.stop();
  }
  // Only after a load that succeeded: there is nothing to reuse otherwise.
  if (backend === 'duckdb' && env.HOPSCOPE_DUCKDB_PATH && run.ingest !== null) {
    try {
      const restartLog = path.join(options.logDir, `next-${backend}-${dataset.info.traces}-restart.log`);
      const { restart, memory } = await measureRestart(options.repoRoot, env, dataset.info.window, restartLog, tag);
      run.restart = restart;
      run.memory = combinePeaks(run.memory, memory);
    } catch (error) {
      run.errors.push(`restart: ${(error as Error).message}`);
      console.error(`${tag} restart failed: ${(error as Error).message}`);
    }
  }
  run.load = options.load.summary(loadFrom);
  return run;
}
