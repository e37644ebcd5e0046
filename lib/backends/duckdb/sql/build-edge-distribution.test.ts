import { describe, expect, it } from 'vitest';
import { tierTable } from './build-load';
import { SEVERAL_EDGE_LINES, SKIPPED_EDGE_LINES, TRACE_TABLE } from './build-trace-table';
import { buildEdgeDistributionSql } from './build-edge-distribution';

describe('buildEdgeDistributionSql', () => {
  const query = { fromMs: 1_000, toMs: 2_000, app: 'shop', path: null, latencyMinMs: 100, latencyMaxMs: null };

  it('reads the edge side only: the trace table\'s edge columns and the edge lines kept apart, no ingress line, no join window', () => {
    const { sql, params } = buildEdgeDistributionSql(query);
    for (const table of [TRACE_TABLE, SEVERAL_EDGE_LINES, SKIPPED_EDGE_LINES]) expect(sql).toContain(table);
    expect(sql).not.toMatch(/\bi_\w+/);
    expect(sql).not.toContain(tierTable('ingress'));
    expect(sql).not.toMatch(/ingress|joinFromMs|joinToMs/);
    expect(params).toEqual({ fromMs: 1_000, toMs: 2_000, app: 'shop', latencyMinMs: 100 });
  });
});
