import { describe, expect, it } from 'vitest';
import { digestDuckdbProfile, operatorTimes } from './duckdb-profile-digest';

// The shape DuckDB 1.5 writes with enable_profiling = 'json' (trimmed): timings in seconds.
const profile = {
  latency: 0.25,
  cpu_time: 0.4,
  children: [
    {
      operator_name: 'PROJECTION',
      operator_timing: 0.001,
      operator_cardinality: 7,
      extra_info: { Projections: '#0' },
      children: [
        {
          operator_name: 'HASH_GROUP_BY',
          operator_timing: 0.15,
          operator_cardinality: 7,
          extra_info: { Groups: '#0', Aggregates: 'count_star()' },
          children: [{ operator_name: 'SEQ_SCAN ', operator_timing: 0.049, operator_cardinality: 1_000_000, extra_info: { Table: 'edge_lines', Filters: 'x>5' }, children: [] }],
        },
      ],
    },
  ],
};

describe('operatorTimes', () => {
  it('lists every operator slowest first, in milliseconds', () => {
    expect(operatorTimes(profile).map((operator) => [operator.name, operator.ms, operator.rows])).toEqual([
      ['HASH_GROUP_BY', 150, 7],
      ['SEQ_SCAN ', 49, 1_000_000],
      ['PROJECTION', 1, 7],
    ]);
  });
});

describe('digestDuckdbProfile', () => {
  it('gives latency, CPU time and the slowest operators with their share of operator time', () => {
    const digest = digestDuckdbProfile(profile, 2);
    expect(digest.latencyMs).toBe(250);
    expect(digest.cpuMs).toBe(400);
    expect(digest.lines).toEqual([
      '   150.0 ms (75 %) HASH_GROUP_BY, 7 rows · Groups: #0; Aggregates: count_star()',
      '    49.0 ms (25 %) SEQ_SCAN , 1,000,000 rows · Table: edge_lines; Filters: x>5',
    ]);
  });
});
