import type { TraceQuery } from '@/lib/domain/query';
import { buildEdgeSkippedRowsSql, buildTraceSetCtes } from './build-trace-set';
import type { SqlStatement } from './sql-statement';

/**
 * The edge rows of a distributions answer (kind, value_ms, n) over a trace set (`source`): the
 * edge distribution, the edge trace and valid-line counts, and the edge lines left out. Shared by
 * buildDistributionsSql, so the edge answer and the full answer count the same way.
 */
export function buildEdgeDistributionRows(query: TraceQuery, source: string, params: SqlStatement['params']): string {
  return `
SELECT 'dist:edge' AS kind, e_rt_ms AS value_ms, count(*) AS n FROM ${source} GROUP BY e_rt_ms
UNION ALL SELECT 'count:edge', NULL, count(*) FROM ${source}
UNION ALL SELECT 'count:edgeValid', NULL, coalesce(sum(e_lines), 0) FROM ${source}
UNION ALL ${buildEdgeSkippedRowsSql(query, params)}`;
}

/**
 * The edge side of buildDistributionsSql alone: the same rows over the edge half of the trace
 * set, no ingress line read unless an ingress filter chooses the traces, so it answers before the
 * join (docs/ARCHITECTURE.md, "Edge-first paint").
 */
export function buildEdgeDistributionSql(query: TraceQuery): SqlStatement {
  const traceSet = buildTraceSetCtes(query);
  const params = { ...traceSet.params };
  const rows = buildEdgeDistributionRows(query, traceSet.source, params);
  return { sql: `WITH ${traceSet.sql}${rows}`, params };
}
