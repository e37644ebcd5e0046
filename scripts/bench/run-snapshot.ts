/**
 * Snapshots at scale (issue 15's targets): on the incident dataset of `--traces` traces, a server
 * takes a snapshot of the whole window (timed from the POST to its 201), the snapshot's folder is
 * measured, the server is restarted, and the snapshot is opened: the first edge histogram (the
 * first bar painted: the snapshot's tables are read on that request) and then every view of the
 * investigation and triage pages, cold and warm (median of `--runs`). With `--backends` including
 * elasticsearch, the dataset is seeded into the node's bench indices and a snapshot is taken from
 * Elasticsearch too. Prints a markdown table per backend and the server's peak memory.
 *
 *   npm run bench:snapshot [-- --traces 1000000 --runs 5 --backends duckdb,elasticsearch]
 *
 * Needs the production build (`npx next build`).
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { onCleanup, runCleanup } from './cleanup';
import { ensureDataset } from './dataset';
import { BENCH_EDGE_INDEX, BENCH_INGRESS_INDEX, ensureElasticsearch, seedBenchIndices } from './elasticsearch-node';
import { ENDPOINTS, type EndpointContext } from './endpoints';
import { formatBytes, formatDuration, markdownTable } from './format';
import { timedGet } from './http-timing';
import { startNextServer } from './next-server';
import { combinePeaks, type PeakMemory } from './process-memory';
import { median } from './stats';

const repoRoot = path.resolve(__dirname, '..', '..');

const { values } = parseArgs({
  options: {
    traces: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '5' },
    backends: { type: 'string', default: 'duckdb' },
    'data-dir': { type: 'string', default: 'bench/data' },
    /** Leaves the snapshot folders in place (their path is printed), to look into the files. */
    keep: { type: 'boolean', default: false },
  },
});
const traces = Number(values.traces);
const runs = Number(values.runs);

function folderBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
    const full = path.join(dir, entry.name);
    return sum + (entry.isDirectory() ? folderBytes(full) : statSync(full).size);
  }, 0);
}

type Row = { label: string; cold: number; warm: number | null; status: number };

async function measureBackend(backend: 'duckdb' | 'elasticsearch', env: Record<string, string>, window: { from: string; to: string }): Promise<void> {
  const snapshotDir = mkdtempSync(path.join(os.tmpdir(), 'hopscope-bench-snapshots-'));
  const removeFolder = () => rmSync(snapshotDir, { recursive: true, force: true });
  if (values.keep) console.log(`[${backend}] snapshots kept in ${snapshotDir}`);
  else onCleanup({ name: `snapshot folder ${snapshotDir}`, run: async () => removeFolder(), runSync: removeFolder });
  const serverEnv = { ...env, HOPSCOPE_SNAPSHOT_DIR: snapshotDir };
  const logFile = path.join(os.tmpdir(), `hopscope-bench-snapshot-${backend}.log`);

  // Live: loaded (the embedded store) or warmed up (Elasticsearch), then the snapshot.
  let server = await startNextServer(repoRoot, serverEnv, logFile);
  let memory: PeakMemory | null = null;
  let takeMs: number;
  let id: string;
  try {
    const first = await timedGet(server.baseUrl, `/api/v1/histograms/edge?${new URLSearchParams(window)}`);
    if (first.status !== 200) throw new Error(`the live edge histogram answered ${first.status}`);
    console.log(`[${backend}] live store ready; taking a snapshot of ${window.from} – ${window.to}…`);
    const started = performance.now();
    const response = await fetch(`${server.baseUrl}/api/v1/snapshots`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-requested-by': 'hopscope' },
      body: JSON.stringify({ query: window, title: `bench ${traces} traces`, note: '' }),
      signal: AbortSignal.timeout(900_000),
    });
    const created = (await response.json()) as { id?: string; error?: { message: string } };
    takeMs = performance.now() - started;
    if (response.status !== 201 || !created.id) throw new Error(`the snapshot answered ${response.status}: ${created.error?.message}`);
    id = created.id;
  } finally {
    memory = await server.stop();
  }
  const bytes = folderBytes(path.join(snapshotDir, id));
  console.log(`[${backend}] snapshot written in ${formatDuration(takeMs)}, ${formatBytes(bytes)}`);

  // Opened after a restart: the first bar, then every view.
  server = await startNextServer(repoRoot, serverEnv, logFile);
  const rows: Row[] = [];
  try {
    const context: EndpointContext = { window, cursor: null, traceId: null };
    for (const spec of ENDPOINTS) {
      const base = spec.path(context);
      if (base === null) continue;
      const url = `${base}${base.includes('?') ? '&' : '?'}snapshot=${id}`;
      const cold = await timedGet(server.baseUrl, url);
      spec.learn?.(cold.body, context);
      const warm: number[] = [];
      for (let i = 0; i < runs; i += 1) warm.push((await timedGet(server.baseUrl, url)).ms);
      rows.push({ label: spec.label, cold: cold.ms, warm: warm.length ? median(warm) : null, status: cold.status });
      console.log(`[${backend}] ${spec.label}: ${cold.status}, cold ${formatDuration(cold.ms)}, warm ${formatDuration(median(warm))}`);
    }
  } finally {
    memory = combinePeaks(memory, await server.stop());
  }
  const peak = memory ? Math.max(memory.peakTreeRssBytes, memory.peakProcessHwmBytes) : null;
  console.log(`\n### Snapshot of ${traces.toLocaleString('en-US')} traces from ${backend === 'duckdb' ? 'the embedded store' : 'Elasticsearch'}\n`);
  console.log(`- written in ${formatDuration(takeMs)} (POST to 201), ${formatBytes(bytes)} on disk; server peak ${peak === null ? '?' : formatBytes(peak)}`);
  console.log(`- opened after a restart (each view cold, then the median of ${runs} warm runs):\n`);
  console.log(
    markdownTable(
      ['view', 'status', 'cold', 'warm median'],
      rows.map((row) => [row.label, String(row.status), formatDuration(row.cold), row.warm === null ? '–' : formatDuration(row.warm)]),
      ['left', 'right', 'right', 'right'],
    ),
  );
}

async function main(): Promise<void> {
  const dataset = await ensureDataset(repoRoot, values['data-dir']!, traces, 1, 1000);
  const window = dataset.info.window;
  const backends = values.backends!.split(',').map((name) => name.trim());
  if (backends.includes('duckdb')) {
    await measureBackend('duckdb', { HOPSCOPE_BACKEND: 'duckdb', HOPSCOPE_EDGE_FILES: dataset.files.edge, HOPSCOPE_INGRESS_FILES: dataset.files.ingress }, window);
  }
  if (backends.includes('elasticsearch')) {
    const node = await ensureElasticsearch(repoRoot);
    console.log('[elasticsearch] seeding the dataset into the bench indices…');
    const seeded = await seedBenchIndices(node, dataset.files, 1, false);
    console.log(`[elasticsearch] seeded ${seeded.documents.edge + seeded.documents.ingress} documents in ${formatDuration(seeded.ms)}`);
    await measureBackend('elasticsearch', { HOPSCOPE_BACKEND: 'elasticsearch', ES_URL: node.url, HOPSCOPE_EDGE_INDEX: BENCH_EDGE_INDEX, HOPSCOPE_INGRESS_INDEX: BENCH_INGRESS_INDEX }, window);
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => runCleanup());
