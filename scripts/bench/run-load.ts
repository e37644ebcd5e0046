/**
 * Load test of the histograms endpoint (issue 7 §5): autocannon, 50 concurrent connections for
 * 60 s on loopback, over the sample incident's whole window, on the embedded store and on
 * Elasticsearch (the sample seeded into indices of its own, deleted afterwards). Writes its table
 * into bench/RESULTS.md between the load markers; exits non-zero when any request failed.
 *
 *   npm run bench:load [-- --duration 60 --connections 50 --backends duckdb,elasticsearch
 *                          --es-url http://127.0.0.1:9250 --out bench/RESULTS.md]
 *
 * Needs the production build (`npx next build`). A benchmark, not a test: run it on a quiet
 * machine; the load average before and during each run is recorded with the figures.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Client } from '@elastic/elasticsearch';
import autocannon from 'autocannon';
import { deleteSeeded, seedElasticsearch } from '../seed-elasticsearch';
import { onCleanup, runCleanup } from './cleanup';
import { renderLoadSection, replaceLoadSection, type LoadResults, type LoadRun } from './load-section';
import { LoadSampler } from './machine';
import { startNextServer } from './next-server';

const repoRoot = path.resolve(__dirname, '..', '..');
const sampleDir = path.join(repoRoot, '.data', 'sample');
const files = { edge: path.join(sampleDir, 'edge.ndjson'), ingress: path.join(sampleDir, 'ingress.ndjson') };
/** Per request, for Elasticsearch and for autocannon: a slow answer is measured, not cut off. */
const REQUEST_TIMEOUT_S = 120;

/** First and last edge @timestamp of the sample, read from the file (the whole incident). */
async function readWindow(file: string): Promise<{ from: string; to: string }> {
  let from = Infinity;
  let last = -Infinity;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    const ms = Date.parse(String((JSON.parse(line) as Record<string, unknown>)['@timestamp']));
    if (Number.isFinite(ms)) {
      from = Math.min(from, ms);
      last = Math.max(last, ms);
    }
  }
  return { from: new Date(from).toISOString(), to: new Date(last + 1).toISOString() };
}

/** Waits for the first 200 of the measured URL: the embedded store loads, Elasticsearch warms up. */
async function warmUp(url: string): Promise<void> {
  const deadline = Date.now() + 300_000;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_S * 1000) });
      if (response.ok) return;
      last = `${response.status} ${(await response.text()).slice(0, 300)}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  throw new Error(`${url} never answered 200: ${last}`);
}

/** Distinct bucket widths a run cycles through, 0.050–1.049 s: no two requests in flight are the same query. */
const DISTINCT_BUCKETS = 1_000;

/**
 * One backend under load. `distinct` gives every request its own `bucket`, so concurrent requests
 * cannot share one store execution (identical ones in flight do: lib/backends/with-shared-calls.ts)
 * and each computes the four histograms in the store.
 */
async function measure(
  backend: LoadRun['backend'],
  env: Record<string, string>,
  apiPath: string,
  connections: number,
  duration: number,
  logFile: string,
  distinct = false,
): Promise<LoadRun> {
  const server = await startNextServer(repoRoot, env, logFile);
  try {
    const url = `${server.baseUrl}${apiPath}`;
    await warmUp(url);
    console.log(`load: ${backend}: ${connections} connections for ${duration} s on ${server.baseUrl}`);
    const load = new LoadSampler().start();
    let sent = 0;
    const requests = distinct
      ? [{ method: 'GET' as const, setupRequest: (request: { path?: string }) => ({ ...request, path: `${apiPath}&bucket=${((50 + (sent++ % DISTINCT_BUCKETS)) / 1000).toFixed(3)}` }) }]
      : undefined;
    const result = await autocannon({ url, connections, duration, timeout: REQUEST_TIMEOUT_S, ...(requests ? { requests } : {}) });
    const loadSummary = load.stop();
    const run: LoadRun = {
      backend,
      requests: result.requests.total,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      p50Ms: result.latency.p50,
      p90Ms: result.latency.p90,
      p99Ms: result.latency.p99,
      maxMs: result.latency.max,
      requestsPerSecond: result.requests.total / duration,
      load: loadSummary,
    };
    console.log(`load: ${backend}: ${JSON.stringify(run)}`);
    return run;
  } finally {
    await server.stop();
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '60' },
      connections: { type: 'string', default: '50' },
      backends: { type: 'string', default: 'duckdb,elasticsearch' },
      'es-url': { type: 'string', default: process.env.ES_URL ?? 'http://127.0.0.1:9250' },
      out: { type: 'string', default: 'bench/RESULTS.md' },
    },
  });
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  const backends = values.backends.split(',').map((item) => item.trim());
  if (!existsSync(path.join(repoRoot, '.next', 'BUILD_ID'))) throw new Error('no production build in .next: run `npx next build` first');
  if (!existsSync(files.edge) || statSync(files.edge).size === 0) {
    execFileSync('npx', ['tsx', 'scripts/generate-sample.ts', '--out', sampleDir], { cwd: repoRoot, stdio: 'inherit' });
  }
  // The commit of the code measured (read now: the run takes minutes).
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  const loadBefore = os.loadavg()[0]!;
  const window = await readWindow(files.edge);
  const apiPath = `/api/v1/histograms?${new URLSearchParams(window)}`;
  const logDir = path.join(repoRoot, 'bench', 'data', 'logs');
  mkdirSync(logDir, { recursive: true });
  const notes: string[] = [];
  const runs: LoadRun[] = [];

  if (backends.includes('duckdb')) {
    const env = { HOPSCOPE_BACKEND: 'duckdb', HOPSCOPE_EDGE_FILES: files.edge, HOPSCOPE_INGRESS_FILES: files.ingress };
    runs.push(await measure('embedded store (DuckDB)', env, apiPath, connections, duration, path.join(logDir, 'load-duckdb.log')));
    runs.push(
      await measure('embedded store (DuckDB), every request its own bucket width', env, apiPath, connections, duration, path.join(logDir, 'load-duckdb-distinct.log'), true),
    );
  }
  if (backends.includes('elasticsearch')) {
    const esUrl = values['es-url'];
    const client = new Client({ node: esUrl });
    // Indices of its own: a shared node's other indices are left alone.
    const prefix = `hopscope-load-${process.pid}-`;
    const prefixes = [`${prefix}nginx-access-`, `${prefix}ingress-`];
    const forget = onCleanup({
      name: 'load-test indices',
      run: () => deleteSeeded(client, prefixes),
      runSync: () => execFileSync('curl', ['-sS', '-o', '/dev/null', '-X', 'DELETE', `${esUrl}/${prefix}*`]),
    });
    const seeded = await seedElasticsearch({ client, edge: { indexPrefix: prefixes[0]!, documents: files.edge }, ingress: { indexPrefix: prefixes[1]!, documents: files.ingress } });
    if (seeded.errors.length > 0) throw new Error(`seeding rejected ${seeded.errors.length} documents: ${seeded.errors[0]?.reason}`);
    const cacheDir = mkdtempSync(path.join(logDir, 'es-cache-'));
    const env = {
      HOPSCOPE_BACKEND: 'elasticsearch',
      ES_URL: esUrl,
      HOPSCOPE_EDGE_INDEX: `${prefixes[0]}*`,
      HOPSCOPE_INGRESS_INDEX: `${prefixes[1]}*`,
      HOPSCOPE_ES_TIMEOUT_MS: String(REQUEST_TIMEOUT_S * 1000),
      // A slice cache of the run's own, empty: the first requests read the window.
      HOPSCOPE_ES_CACHE_DIR: cacheDir,
    };
    runs.push(await measure('Elasticsearch', env, apiPath, connections, duration, path.join(logDir, 'load-elasticsearch.log')));
    // The investigation page asks its histograms with sample=first: on a window already read,
    // colleagues opening the same link must share them as well.
    runs.push(
      await measure('Elasticsearch, as the page asks (sample=first)', env, `${apiPath}&sample=first`, connections, duration, path.join(logDir, 'load-elasticsearch-sample-first.log')),
    );
    runs.push(
      await measure('Elasticsearch, every request its own bucket width', env, apiPath, connections, duration, path.join(logDir, 'load-elasticsearch-distinct.log'), true),
    );
    rmSync(cacheDir, { recursive: true, force: true });
    await forget();
    notes.push(
      `Elasticsearch: the sample seeded by scripts/seed-elasticsearch.ts (edge timings float, ingress keyword; one shard per daily index) into a node at ${esUrl}; ` +
        `hopscope's per-request timeout (HOPSCOPE_ES_TIMEOUT_MS) and autocannon's raised to ${REQUEST_TIMEOUT_S} s so that queued requests are measured, not cut off.`,
    );
  }
  notes.push(
    'Every answer counts: a non-2xx status, a connection error or a timeout would each be an error. autocannon counts the requests answered within the run; ' +
      'the (up to 50) still in flight when it ends are neither counted nor errors. hopscope caches no answers, but identical requests in flight at the same time share one store execution ' +
      '(lib/backends/with-shared-calls.ts): the rows without a note are that case, everyone opening the same link (the row "as the page asks" adds the page\'s sample=first, which a window already read answers exactly, shared alike). In the rows "every request its own bucket width" every request asks another bucket width ' +
      `(${DISTINCT_BUCKETS} widths in turn), so none shares and each one computes the four histograms in the store (on Elasticsearch: in the engine of the window, read once at the first request).`,
  );
  const cores = os.availableParallelism();
  if (runs.some((run) => run.load.median > cores)) {
    notes.push(
      `**Measured under load**: the 1-minute load average stayed above the ${cores} cores during the run (other processes' builds and tests), so latencies include waiting for a CPU and the throughput is a floor.`,
    );
  }
  const results: LoadResults = { date: new Date().toISOString().slice(0, 10), commit, connections, durationSeconds: duration, path: apiPath, cores, loadBefore, notes, runs };
  const outFile = path.resolve(repoRoot, values.out);
  const previous = existsSync(outFile) ? readFileSync(outFile, 'utf8') : '# Benchmark results\n';
  writeFileSync(outFile, replaceLoadSection(previous, renderLoadSection(results)));
  console.log(`load: wrote ${path.relative(repoRoot, outFile)}`);
  const failed = runs.filter((run) => run.non2xx + run.errors + run.timeouts > 0);
  for (const run of failed) console.error(`load: ${run.backend}: ${run.non2xx} non-2xx, ${run.errors} errors, ${run.timeouts} timeouts`);
  return failed.length > 0 ? 1 : 0;
}

main()
  .then(async (code) => {
    await runCleanup();
    process.exitCode = code;
  })
  .catch(async (error: unknown) => {
    console.error(`load: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await runCleanup();
    process.exitCode = 1;
  });
