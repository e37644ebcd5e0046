/**
 * The benchmark of issues 6 and 12: `npm run bench [-- options]` (see BENCH_USAGE). Generates the
 * datasets, builds once, and for each size and backend starts the production server and measures
 * ingest, every endpoint cold and warm, peak memory and the first histogram painted; the embedded
 * store runs on a database file and is restarted on it (issue 12), and against Elasticsearch the
 * per-trace baseline runs too (issue 6). Writes bench/RESULTS.md and bench/data/results.json. Not
 * part of `npm test`: it takes tens of minutes.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Dataset } from './dataset';
import { ensureDataset } from './dataset';
import { freshStore } from './duckdb-store';
import { BENCH_USAGE, BenchUsageError, parseBenchArgs, type BenchOptions } from './cli-options';
import { runCleanup } from './cleanup';
import {
  BENCH_EDGE_INDEX,
  BENCH_INGRESS_INDEX,
  describeElasticsearch,
  ensureElasticsearch,
  seedBenchIndices,
  type ElasticsearchNode,
} from './elasticsearch-node';
import { formatBytes, formatCount, formatDuration, formatRatio } from './format';
import { describeMachine, LoadSampler } from './machine';
import { measureBackend, type MeasureOptions } from './measure-backend';
import { overlap, runPerTraceBaseline } from './per-trace-baseline';
import { profileDuckdbMisses, profileElasticsearchMisses } from './profile-misses';
import type { BackendRun, BaselineResult, BenchResults, ProfileNote } from './results';
import { renderResultsMarkdown } from './results-markdown';
import { speedup } from './stats';
import { listMisses } from './targets';

const repoRoot = process.cwd();
/** Per Elasticsearch request made by the hopscope server under test. */
const ES_REQUEST_TIMEOUT_MS = 300_000;

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** `npx next build`, its output in the log; throws with the log's end on failure. */
async function buildOnce(logFile: string): Promise<number> {
  const started = performance.now();
  const log = openSync(logFile, 'w');
  const child = spawn('npx', ['next', 'build'], { cwd: repoRoot, stdio: ['ignore', log, log], env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  closeSync(log);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`next build failed (exit ${code}):\n${readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n')}`);
  return performance.now() - started;
}

async function measureElasticsearch(
  node: ElasticsearchNode,
  dataset: Dataset,
  options: BenchOptions,
  measure: MeasureOptions,
  profiles: ProfileNote[],
): Promise<BackendRun> {
  console.log(`${measure.tag} bulk-loading ${formatCount(dataset.info.lines.edge + dataset.info.lines.ingress)} lines into ${BENCH_EDGE_INDEX}, ${BENCH_INGRESS_INDEX}…`);
  const seed = await seedBenchIndices(node, dataset.files, options.esShards, options.keepIndices);
  const lines = seed.documents.edge + seed.documents.ingress;
  console.log(`${measure.tag} bulk load: ${formatDuration(seed.ms)} (${formatCount(Math.round(lines / (seed.ms / 1000)))} lines/s${seed.rejected ? `, ${seed.rejected} rejected` : ''})`);
  const ingest = {
    ms: seed.ms,
    lines,
    how:
      `scripts/seed-elasticsearch.ts: bulk requests of 5,000 lines, one at a time, then a refresh` +
      `${seed.storeBytes === null ? '' : `; ${formatBytes(seed.storeBytes)} on disk (primaries, not merged)`}${seed.rejected ? `; ${seed.rejected} rejected` : ''}`,
  };
  const cacheDir = mkdtempSync(path.join(measure.logDir, 'es-cache-'));
  const env = {
    HOPSCOPE_BACKEND: 'elasticsearch',
    ES_URL: node.url,
    HOPSCOPE_EDGE_INDEX: BENCH_EDGE_INDEX,
    HOPSCOPE_INGRESS_INDEX: BENCH_INGRESS_INDEX,
    // Raised from the 30 s default: a slow Elasticsearch request is measured, not cut off.
    HOPSCOPE_ES_TIMEOUT_MS: String(ES_REQUEST_TIMEOUT_MS),
    // An empty slice cache of the run's own: the first requests meet a cold window.
    HOPSCOPE_ES_CACHE_DIR: cacheDir,
  };
  for (const name of ['ES_API_KEY', 'ES_USERNAME', 'ES_PASSWORD', 'ES_CA_CERT']) {
    const value = process.env[name];
    if (value) Object.assign(env, { [name]: value });
  }
  const run = await measureBackend('elasticsearch', dataset, env, ingest, measure);
  if (options.profiles) {
    console.log(`${measure.tag} profiling the endpoints that missed a target (requests recorded through a proxy, profile API)…`);
    try {
      profiles.push(...(await profileElasticsearchMisses(repoRoot, measure.logDir, node, env, run)));
    } catch (error) {
      console.error(`${measure.tag} profiling failed: ${(error as Error).message}`);
    }
  }
  rmSync(cacheDir, { recursive: true, force: true });
  return run;
}

async function baselineFor(node: ElasticsearchNode, dataset: Dataset, runs: BackendRun[], count: number, tag: string): Promise<BaselineResult> {
  console.log(`${tag} baseline: one query per trace and tier for ${formatCount(count)} slow traces, sequential…`);
  const baseline = await runPerTraceBaseline(node.client, { edge: BENCH_EDGE_INDEX, ingress: BENCH_INGRESS_INDEX }, dataset.info.slowWindow ?? dataset.info.window, count);
  console.log(`${tag} baseline: ${formatCount(baseline.queries)} queries in ${formatDuration(baseline.totalMs)}`);
  const comparisons: BaselineResult['comparisons'] = [];
  for (const run of runs) {
    if (run.slowPages) {
      comparisons.push({
        backend: run.backend,
        method: `drill-down edge ≥ 1 s, ${run.slowPages.pages} pages of ≤ 500 (warm median)`,
        hopscopeMs: run.slowPages.ms.medianMs,
        ratio: speedup(baseline.totalMs, run.slowPages.ms.medianMs),
        overlap: overlap(baseline.traceIds, run.slowPages.traceIds),
      });
    }
    if (run.slowHistograms) {
      comparisons.push({
        backend: run.backend,
        method: `histograms of the same window, latencyMin=1: ${formatCount(run.slowHistograms.traces)} traces (warm median)`,
        hopscopeMs: run.slowHistograms.ms.medianMs,
        ratio: speedup(baseline.totalMs, run.slowHistograms.ms.medianMs),
        overlap: null,
      });
    }
  }
  for (const comparison of comparisons) console.log(`${tag} baseline vs ${comparison.backend} ${comparison.method}: ${formatRatio(comparison.ratio)}`);
  return {
    traces: dataset.info.traces,
    slowTraces: baseline.slowTraces,
    queries: baseline.queries,
    totalMs: baseline.totalMs,
    listMs: baseline.listMs,
    perQuery: baseline.perQuery,
    joined: baseline.joined,
    comparisons,
  };
}

async function main(): Promise<number> {
  let options: BenchOptions | null;
  try {
    options = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof BenchUsageError)) throw error;
    console.error(`bench: ${error.message}\n${BENCH_USAGE}`);
    return 2;
  }
  if (options === null) {
    console.log(BENCH_USAGE);
    return 0;
  }
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const dataDir = path.resolve(repoRoot, options.dataDir);
  const logDir = path.join(dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const load = new LoadSampler().start();
  const machine = await describeMachine(repoRoot);
  console.log(`bench: ${machine.cpuModel}, ${machine.cores} cores, ${formatBytes(machine.memoryBytes)}; Node ${machine.node}, DuckDB ${machine.duckdb}; load ${load.summary().median.toFixed(1)}`);
  console.log(`bench: sizes ${options.sizes.map(formatCount).join(', ')} · backends ${options.backends.join(', ')} · ${options.runs} warm runs → ${options.outFile}`);

  if (options.skipBuild) {
    if (!existsSync(path.join(repoRoot, '.next', 'BUILD_ID'))) throw new Error('--skip-build: there is no production build in .next');
    console.log('bench: reusing the production build in .next');
  } else {
    console.log('bench: npx next build…');
    console.log(`bench: built in ${formatDuration(await buildOnce(path.join(logDir, 'next-build.log')))}`);
  }

  const node = options.backends.includes('elasticsearch') ? await ensureElasticsearch(repoRoot) : null;
  const es = node ? await describeElasticsearch(node) : null;
  if (node && es) {
    console.log(
      `bench: Elasticsearch ${es.version} at ${node.url}, ${es.nodes} node(s), heap ${formatBytes(es.heapBytes)}${node.startedByUs ? ' (started for this run)' : ' (already running: left running)'}`,
    );
  }

  const results: BenchResults = {
    startedAt,
    finishedAt: startedAt,
    totalMs: 0,
    command: ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
    commit: gitCommit(),
    machine,
    elasticsearch: node && es ? { ...es, startedByUs: node.startedByUs, shards: options.esShards, requestTimeoutMs: ES_REQUEST_TIMEOUT_MS } : null,
    load: load.summary(),
    runs: options.runs,
    datasets: [],
    backendRuns: [],
    baselines: [],
    profiles: [],
  };

  for (const traces of options.sizes) {
    const sizeTag = formatCount(traces);
    console.log(`\nbench: ── ${sizeTag} traces ──`);
    const generating = performance.now();
    console.log(`[${sizeTag}] dataset (incident, seed ${options.seed})…`);
    const dataset = await ensureDataset(repoRoot, dataDir, traces, options.seed, options.baselineTraces);
    results.datasets.push(dataset.info);
    console.log(
      `[${sizeTag}] ${formatCount(dataset.info.lines.edge)} edge + ${formatCount(dataset.info.lines.ingress)} ingress lines, ${formatBytes(dataset.info.bytes)} ` +
        `(${dataset.info.generateMs === null ? `reused, checked in ${formatDuration(performance.now() - generating)}` : `generated in ${formatDuration(dataset.info.generateMs)}`})`,
    );
    const sizeRuns: BackendRun[] = [];
    for (const backend of options.backends) {
      const measure: MeasureOptions = { repoRoot, logDir, runs: options.runs, baselineTraces: options.baselineTraces, load, tag: `[${sizeTag} · ${backend}]` };
      // A database file, not a temporary store: the restart of issue 12 must find it.
      const store = backend === 'duckdb' ? freshStore(dataDir, traces, options.keepStore) : null;
      try {
        const run =
          store !== null
            ? await measureBackend(
                'duckdb',
                dataset,
                {
                  HOPSCOPE_BACKEND: 'duckdb',
                  HOPSCOPE_EDGE_FILES: dataset.files.edge,
                  HOPSCOPE_INGRESS_FILES: dataset.files.ingress,
                  HOPSCOPE_DUCKDB_PATH: store.path,
                },
                null,
                measure,
              )
            : await measureElasticsearch(node!, dataset, options, measure, results.profiles);
        sizeRuns.push(run);
        if (backend === 'duckdb' && options.profiles) {
          console.log(`${measure.tag} profiling the endpoints that missed a target (EXPLAIN ANALYZE)…`);
          try {
            results.profiles.push(...(await profileDuckdbMisses(repoRoot, dataDir, dataset, run)));
          } catch (error) {
            console.error(`${measure.tag} profiling failed: ${(error as Error).message}`);
          }
        }
        console.log(`${measure.tag} peak memory ${formatBytes(Math.max(run.memory?.peakTreeRssBytes ?? 0, run.memory?.peakProcessHwmBytes ?? 0))}`);
      } catch (error) {
        console.error(`${measure.tag} failed: ${(error as Error).message}`);
      } finally {
        await store?.done();
      }
    }
    results.backendRuns.push(...sizeRuns);
    if (node) {
      try {
        results.baselines.push(await baselineFor(node, dataset, sizeRuns, options.baselineTraces, `[${sizeTag}]`));
      } catch (error) {
        console.error(`[${sizeTag}] baseline failed: ${(error as Error).message}`);
      }
    }
  }

  results.finishedAt = new Date().toISOString();
  results.totalMs = performance.now() - started;
  results.load = load.stop();
  const raw = { ...results, backendRuns: results.backendRuns.map((run) => ({ ...run, slowPages: run.slowPages ? { ...run.slowPages, traceIds: undefined } : null })) };
  writeFileSync(path.join(dataDir, 'results.json'), `${JSON.stringify(raw, null, 2)}\n`);
  const outFile = path.resolve(repoRoot, options.outFile);
  mkdirSync(path.dirname(outFile), { recursive: true });
  const previous = existsSync(outFile) ? readFileSync(outFile, 'utf8') : null;
  writeFileSync(outFile, renderResultsMarkdown(results, previous));
  const misses = listMisses(results.backendRuns, results.baselines);
  console.log(`\nbench: done in ${formatDuration(results.totalMs)}; wrote ${path.relative(repoRoot, outFile)} and ${path.relative(repoRoot, path.join(dataDir, 'results.json'))}`);
  console.log(misses.length === 0 ? 'bench: every measured target met' : `bench: ${misses.length} target(s) missed:\n${misses.map((miss) => `  - ${miss}`).join('\n')}`);
  return 0;
}

main()
  .then(async (code) => {
    await runCleanup();
    process.exitCode = code;
  })
  .catch(async (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await runCleanup();
    process.exitCode = 1;
  });
