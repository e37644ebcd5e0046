import { describe, expect, it } from 'vitest';
import { BenchUsageError, parseBenchArgs, PARTIAL_RESULTS_FILE } from './cli-options';

describe('parseBenchArgs', () => {
  it('defaults to the full run of issue 6, written to the committed table', () => {
    expect(parseBenchArgs([])).toEqual({
      sizes: [100_000, 1_000_000],
      backends: ['duckdb', 'elasticsearch'],
      runs: 5,
      baselineTraces: 3_000,
      seed: 1,
      dataDir: 'bench/data',
      outFile: 'bench/RESULTS.md',
      skipBuild: false,
      esShards: 1,
      keepIndices: false,
      keepStore: false,
      profiles: true,
    });
  });

  it('reads the smoke run and sends a partial run to the partial file', () => {
    const options = parseBenchArgs(['--sizes', '20000', '--runs', '2', '--backends', 'duckdb']);
    expect(options).toMatchObject({ sizes: [20_000], runs: 2, backends: ['duckdb'], outFile: PARTIAL_RESULTS_FILE });
  });

  it('sorts and de-duplicates sizes, accepts underscores, keeps the backends in canonical order', () => {
    expect(parseBenchArgs(['--sizes', '1_000_000,100000,100000', '--backends', 'elasticsearch,duckdb'])).toMatchObject({
      sizes: [100_000, 1_000_000],
      backends: ['duckdb', 'elasticsearch'],
      outFile: 'bench/RESULTS.md',
    });
  });

  it('takes an explicit output file and the flags', () => {
    expect(parseBenchArgs(['--sizes', '20000', '--out', '/tmp/r.md', '--skip-build', '--keep-indices', '--keep-store', '--es-shards', '2', '--no-profiles'])).toMatchObject({
      outFile: '/tmp/r.md',
      skipBuild: true,
      keepIndices: true,
      keepStore: true,
      esShards: 2,
      profiles: false,
    });
  });

  it('answers --help with null', () => {
    expect(parseBenchArgs(['--help'])).toBeNull();
  });

  it.each([
    [['--sizes', '0'], /--sizes/],
    [['--sizes', 'many'], /--sizes/],
    [['--runs', '-1'], /--runs/],
    [['--backends', 'postgres'], /unknown backend "postgres"/],
    [['--seed', 'x'], /--seed/],
    [['--bogus'], /bogus/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseBenchArgs(argv)).toThrow(BenchUsageError);
    expect(() => parseBenchArgs(argv)).toThrow(message);
  });
});
