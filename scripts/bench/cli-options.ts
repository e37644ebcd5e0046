import { parseArgs } from 'node:util';

/** The two stores a run can measure. */
export const BACKENDS = ['duckdb', 'elasticsearch'] as const;
export type BenchBackend = (typeof BACKENDS)[number];

/** The dataset sizes of issue 6 (traces; both tiers, so about twice as many log lines). */
export const DEFAULT_SIZES = [100_000, 1_000_000] as const;
export const DEFAULT_RUNS = 5;
export const DEFAULT_BASELINE_TRACES = 3_000;
export const DEFAULT_RESULTS_FILE = 'bench/RESULTS.md';
/** A partial run (other sizes or backends) must not overwrite the committed table by accident. */
export const PARTIAL_RESULTS_FILE = 'bench/data/RESULTS.partial.md';

export type BenchOptions = {
  sizes: number[];
  backends: BenchBackend[];
  /** Warm runs per endpoint (and browser navigations). */
  runs: number;
  baselineTraces: number;
  seed: number;
  dataDir: string;
  outFile: string;
  /** Reuse the existing production build instead of `next build`. */
  skipBuild: boolean;
  /** Primary shards of each benchmark index. */
  esShards: number;
  /** Keep the benchmark indices after the run (to profile by hand). */
  keepIndices: boolean;
  /** Keep the embedded store's database file of each size after the run (to query by hand). */
  keepStore: boolean;
  /** Profile the endpoints that miss a target (EXPLAIN ANALYZE, Elasticsearch request timings and profile API). */
  profiles: boolean;
};

export const BENCH_USAGE = `usage: npm run bench -- [options]
  --sizes 100000,1000000     dataset sizes in traces (default both)
  --backends duckdb,elasticsearch   which stores to measure (default both)
  --runs 5                   warm runs per endpoint and browser navigations (issue 6 asks for at least 5)
  --baseline-traces 3000     slow traces of the per-trace baseline (Elasticsearch only)
  --seed 1                   generator seed
  --data-dir bench/data      where datasets and raw results go (git-ignored)
  --out FILE                 results Markdown (default ${DEFAULT_RESULTS_FILE} for the full run,
                             ${PARTIAL_RESULTS_FILE} for a partial one)
  --skip-build               reuse the existing .next build
  --es-shards 1              primary shards of each benchmark index
  --keep-indices             leave the benchmark indices in Elasticsearch
  --keep-store               leave the embedded store's database files (DATA_DIR/store-<traces>.duckdb)
  --no-profiles              do not profile the endpoints that miss a target
Smoke run while developing: npm run bench -- --sizes 20000 --runs 2
Elasticsearch: ES_URL when set, else scripts/elasticsearch.sh start (and stop at the end).`;

export class BenchUsageError extends Error {}

const positiveInteger = (name: string, text: string): number => {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new BenchUsageError(`--${name} must be a positive integer, got "${text}"`);
  return Number(text);
};

function parseSizes(text: string): number[] {
  const sizes = text.split(',').map((part) => positiveInteger('sizes', part.trim().replaceAll('_', '')));
  return [...new Set(sizes)].sort((a, b) => a - b);
}

function parseBackends(text: string): BenchBackend[] {
  const names = text.split(',').map((part) => part.trim());
  for (const name of names) {
    if (!(BACKENDS as readonly string[]).includes(name)) throw new BenchUsageError(`--backends: unknown backend "${name}" (${BACKENDS.join(', ')})`);
  }
  return BACKENDS.filter((backend) => names.includes(backend));
}

/** Parses `process.argv.slice(2)`; null means --help. Throws BenchUsageError naming the option. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions | null {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        sizes: { type: 'string' },
        backends: { type: 'string' },
        runs: { type: 'string' },
        'baseline-traces': { type: 'string' },
        seed: { type: 'string' },
        'data-dir': { type: 'string' },
        out: { type: 'string' },
        'skip-build': { type: 'boolean' },
        'es-shards': { type: 'string' },
        'keep-indices': { type: 'boolean' },
        'keep-store': { type: 'boolean' },
        'no-profiles': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new BenchUsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return null;
  const text = (name: string): string | undefined => (typeof values[name] === 'string' ? (values[name] as string) : undefined);

  const sizes = text('sizes') !== undefined ? parseSizes(text('sizes')!) : [...DEFAULT_SIZES];
  const backends = text('backends') !== undefined ? parseBackends(text('backends')!) : [...BACKENDS];
  const seedText = text('seed') ?? '1';
  if (!/^\d+$/.test(seedText)) throw new BenchUsageError(`--seed must be a non-negative integer, got "${seedText}"`);
  const partial = sizes.join() !== DEFAULT_SIZES.join() || backends.length !== BACKENDS.length;
  return {
    sizes,
    backends,
    runs: positiveInteger('runs', text('runs') ?? String(DEFAULT_RUNS)),
    baselineTraces: positiveInteger('baseline-traces', text('baseline-traces') ?? String(DEFAULT_BASELINE_TRACES)),
    seed: Number(seedText),
    dataDir: text('data-dir') ?? 'bench/data',
    outFile: text('out') ?? (partial ? PARTIAL_RESULTS_FILE : DEFAULT_RESULTS_FILE),
    skipBuild: values['skip-build'] === true,
    esShards: positiveInteger('es-shards', text('es-shards') ?? '1'),
    keepIndices: values['keep-indices'] === true,
    keepStore: values['keep-store'] === true,
    profiles: values['no-profiles'] !== true,
  };
}
