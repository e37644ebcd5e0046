import { describe, expect, it } from 'vitest';
import { tierTable } from './build-load';
import { buildEdgeDistributionSql } from './build-edge-distribution';

describe('buildEdgeDistributionSql', () => {
  const query = { fromMs: 1_000, toMs: 2_000, app: 'shop', path: null, latencyMinMs: 100, latencyMaxMs: null };

  it('reads the edge table only: no ingress line, no join window', () => {
    const { sql, params } = buildEdgeDistributionSql(query);
    expect(sql).toContain(tierTable('edge'));
    expect(sql).not.toContain(tierTable('ingress'));
    expect(sql).not.toMatch(/ingress|joinFromMs|joinToMs/);
    expect(params).toEqual({ fromMs: 1_000, toMs: 2_000, app: 'shop', latencyMinMs: 100 });
  });
});
