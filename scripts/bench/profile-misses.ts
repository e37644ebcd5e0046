import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Dataset } from './dataset';
import type { ElasticsearchNode } from './elasticsearch-node';
import { RecordingProxy } from './es-recording-proxy';
import { SLOW_ENDPOINT_MS, type EndpointResult } from './http-timing';
import { startNextServer } from './next-server';
import type { DuckdbProfileResult, DuckdbProfileTarget } from './profile-duckdb';
import { profileElasticsearchEndpoint } from './profile-elasticsearch';
import type { BackendRun, ProfileNote } from './results';
import { checkEndpoint } from './targets';

const execFileAsync = promisify(execFile);

/** The endpoints of a run that missed one of their targets. */
export function missedEndpoints(run: BackendRun): EndpointResult[] {
  return run.endpoints.filter((endpoint) => endpoint.path !== null && checkEndpoint(run.backend, endpoint).some((check) => check.verdict === 'missed'));
}

/** EXPLAIN ANALYZE (DuckDB's JSON profile) of the statements behind each missed endpoint, in a child process. */
export async function profileDuckdbMisses(repoRoot: string, dataDir: string, dataset: Dataset, run: BackendRun): Promise<ProfileNote[]> {
  const missed = missedEndpoints(run);
  if (missed.length === 0) return [];
  const dir = path.join(dataDir, 'profiles');
  mkdirSync(dir, { recursive: true });
  const targetsFile = path.join(dir, `duckdb-${run.traces}-targets.json`);
  const outFile = path.join(dir, `duckdb-${run.traces}.json`);
  const targets: DuckdbProfileTarget[] = missed.map((endpoint) => ({ id: endpoint.id, label: endpoint.label, path: endpoint.path! }));
  writeFileSync(targetsFile, JSON.stringify(targets));
  const script = path.join(repoRoot, 'scripts/bench/profile-duckdb.ts');
  const args = ['tsx', '--conditions=react-server', script, '--edge', dataset.files.edge, '--ingress', dataset.files.ingress, '--targets', targetsFile, '--out', outFile];
  await execFileAsync('npx', args, { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 });
  const results = JSON.parse(readFileSync(outFile, 'utf8')) as DuckdbProfileResult[];
  return results.map((result) => ({ traces: run.traces, backend: 'duckdb', endpoint: result.label, text: result.text }));
}

/**
 * Per-request timings of each missed endpoint: a second server whose ES_URL is a recording proxy
 * (so the timed runs never pass through it), one warm answer per endpoint, and the slowest
 * search re-run with the profile API.
 */
export async function profileElasticsearchMisses(
  repoRoot: string,
  logDir: string,
  node: ElasticsearchNode,
  env: Record<string, string>,
  run: BackendRun,
): Promise<ProfileNote[]> {
  const missed = missedEndpoints(run);
  if (missed.length === 0) return [];
  const proxy = await new RecordingProxy(node.url).start();
  const server = await startNextServer(repoRoot, { ...env, ES_URL: proxy.url }, path.join(logDir, `next-elasticsearch-${run.traces}-profile.log`));
  const notes: ProfileNote[] = [];
  try {
    for (const endpoint of missed) {
      try {
        // An answer over a minute is profiled without a warm-up answer first (Elasticsearch's caches are warm from the timed runs).
        const warmUp = (endpoint.warm?.medianMs ?? 0) < SLOW_ENDPOINT_MS;
        const text = await profileElasticsearchEndpoint(server.baseUrl, endpoint.path!, proxy, node.client, warmUp);
        notes.push({ traces: run.traces, backend: 'elasticsearch', endpoint: endpoint.label, text });
        console.log(`[profile] ${endpoint.label}: ${text.split('\n')[0]}`);
      } catch (error) {
        notes.push({ traces: run.traces, backend: 'elasticsearch', endpoint: endpoint.label, text: `profiling failed: ${(error as Error).message}` });
      }
    }
  } finally {
    await server.stop();
    await proxy.close();
  }
  return notes;
}
