import { execFile, execFileSync, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from '@elastic/elasticsearch';
import { seedElasticsearch } from '../seed-elasticsearch';
import { onCleanup } from './cleanup';

const execFileAsync = promisify(execFile);

/** The benchmark's own index prefixes: never the `nginx-*` / `ingress-*` other suites seed. */
export const BENCH_EDGE_PREFIX = 'bench-nginx-access-';
export const BENCH_INGRESS_PREFIX = 'bench-ingress-';
export const BENCH_EDGE_INDEX = `${BENCH_EDGE_PREFIX}*`;
export const BENCH_INGRESS_INDEX = `${BENCH_INGRESS_PREFIX}*`;

export type ElasticsearchNode = { url: string; startedByUs: boolean; client: Client };

const urlFrom = (output: string): string | null => /^ES_URL=(\S+)$/m.exec(output)?.[1] ?? null;

/** Runs a command in a new process group; resolves with its standard output, rejects on failure. */
function startDetached(command: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}

/** Credentials from the environment, as the seeding script reads them. */
function authFromEnv(): { apiKey: string } | { username: string; password: string } | undefined {
  if (process.env.ES_API_KEY) return { apiKey: process.env.ES_API_KEY };
  if (process.env.ES_USERNAME) return { username: process.env.ES_USERNAME, password: process.env.ES_PASSWORD ?? '' };
  return undefined;
}

/**
 * ES_URL when set; else the node scripts/elasticsearch.sh already runs (shared: left running);
 * else one started now and stopped when the benchmark ends (also on Ctrl-C).
 */
export async function ensureElasticsearch(repoRoot: string): Promise<ElasticsearchNode> {
  const script = `${repoRoot}/scripts/elasticsearch.sh`;
  let url = process.env.ES_URL?.trim() || null;
  let startedByUs = false;
  if (!url) {
    try {
      url = urlFrom(execFileSync('bash', [script, 'status'], { cwd: repoRoot, encoding: 'utf8' }));
    } catch {
      url = null; // exit 3: not running
    }
  }
  if (!url) {
    console.log('bench: starting Elasticsearch (scripts/elasticsearch.sh start)…');
    // In its own process group: a Ctrl-C of the benchmark must not reach the node before the
    // cleanup has deleted the benchmark's indices and stopped it.
    const stdout = await startDetached('bash', [script, 'start'], repoRoot);
    url = urlFrom(stdout);
    if (!url) throw new Error(`scripts/elasticsearch.sh start did not print ES_URL:\n${stdout}`);
    startedByUs = true;
    onCleanup({
      name: 'Elasticsearch node',
      run: async () => {
        console.log('bench: stopping the Elasticsearch node it started');
        await execFileAsync('bash', [script, 'stop'], { cwd: repoRoot });
      },
      runSync: () => execFileSync('bash', [script, 'stop'], { cwd: repoRoot, stdio: 'ignore' }),
    });
  }
  const client = new Client({ node: url, auth: authFromEnv(), requestTimeout: 600_000, maxRetries: 0 });
  return { url, startedByUs, client };
}

/** curl's options for the node's credentials (the synchronous cleanup runs curl). */
function curlAuth(): string[] {
  if (process.env.ES_API_KEY) return ['-H', `Authorization: ApiKey ${process.env.ES_API_KEY}`];
  if (process.env.ES_USERNAME) return ['-u', `${process.env.ES_USERNAME}:${process.env.ES_PASSWORD ?? ''}`];
  return [];
}

/** Index templates seed-elasticsearch.ts puts for the benchmark's prefixes. */
const BENCH_TEMPLATES = [BENCH_EDGE_PREFIX, BENCH_INGRESS_PREFIX].map((prefix) => `hopscope-${prefix.replace(/[^a-z0-9_-]/gi, '_')}template`);
const registered = new Set<string>();

/**
 * Deletes the benchmark's indices (by name: clusters with action.destructive_requires_name
 * refuse wildcards) and templates when the benchmark ends, also on Ctrl-C. Once per node.
 */
function registerIndexCleanup(node: ElasticsearchNode): void {
  if (registered.has(node.url)) return;
  registered.add(node.url);
  const patterns = `${BENCH_EDGE_INDEX},${BENCH_INGRESS_INDEX}`;
  onCleanup({
    name: 'benchmark indices',
    run: async () => {
      const indices = Object.keys(await node.client.indices.get({ index: patterns, allow_no_indices: true, ignore_unavailable: true }));
      if (indices.length > 0) await node.client.indices.delete({ index: indices.join(',') });
      for (const name of BENCH_TEMPLATES) await node.client.indices.deleteIndexTemplate({ name }, { ignore: [404] });
    },
    runSync: () => {
      const listed = execFileSync('curl', [...curlAuth(), '-fsS', `${node.url}/_cat/indices/${patterns}?h=index&allow_no_indices=true`], { encoding: 'utf8' });
      const indices = listed.split('\n').map((line) => line.trim()).filter(Boolean);
      if (indices.length > 0) execFileSync('curl', [...curlAuth(), '-fsS', '-o', '/dev/null', '-X', 'DELETE', `${node.url}/${indices.join(',')}`]);
      for (const name of BENCH_TEMPLATES) execFileSync('curl', [...curlAuth(), '-sS', '-o', '/dev/null', '-X', 'DELETE', `${node.url}/_index_template/${name}`]);
    },
  });
}

export type SeedResult = { ms: number; documents: { edge: number; ingress: number }; rejected: number; storeBytes: number | null };

/**
 * Bulk-loads a dataset with the project's seeding (5,000 documents per bulk request, one request
 * at a time, daily indices by template) into the benchmark's indices, replacing earlier ones.
 * The indices are deleted when the benchmark ends unless `keep`.
 */
export async function seedBenchIndices(node: ElasticsearchNode, files: { edge: string; ingress: string }, shards: number, keep: boolean): Promise<SeedResult> {
  if (!keep) registerIndexCleanup(node);
  const started = performance.now();
  const summary = await seedElasticsearch({
    client: node.client,
    recreate: true,
    shards,
    edge: { indexPrefix: BENCH_EDGE_PREFIX, documents: files.edge },
    ingress: { indexPrefix: BENCH_INGRESS_PREFIX, documents: files.ingress },
  });
  const ms = performance.now() - started;
  const stats = await node.client.indices.stats({ index: `${BENCH_EDGE_INDEX},${BENCH_INGRESS_INDEX}`, metric: ['store'] });
  const storeBytes = stats._all.primaries?.store?.size_in_bytes ?? null;
  return { ms, documents: { edge: summary.edge.indexed, ingress: summary.ingress.indexed }, rejected: summary.errors.length, storeBytes };
}

/**
 * The nodes' version and heap, e.g. "8.19.18, 1 node, heap 1.00 GiB". Read from the nodes info
 * API: the minimal distribution scripts/elasticsearch.sh runs has no root endpoint (`GET /`).
 */
export async function describeElasticsearch(node: ElasticsearchNode): Promise<{ version: string; nodes: number; heapBytes: number }> {
  const info = await node.client.nodes.info({ metric: ['jvm'], filter_path: ['nodes.*.version', 'nodes.*.jvm.mem.heap_max_in_bytes'] });
  const nodes = Object.values(info.nodes ?? {});
  const versions = [...new Set(nodes.map((item) => item.version))];
  const heapBytes = nodes.reduce((sum, item) => sum + (item.jvm?.mem?.heap_max_in_bytes ?? 0), 0);
  return { version: versions.join(', ') || 'unknown', nodes: nodes.length, heapBytes };
}
