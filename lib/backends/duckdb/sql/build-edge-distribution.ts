import type { TraceQuery } from '@/lib/domain/query';
import { buildEdgeTraceSetCtes } from './build-trace-set';
import type { SqlStatement } from './sql-statement';

/**
 * The edge rows of a distributions answer (kind, value_ms, n) over the edge CTEs: the edge
 * distribution, the edge trace and valid-line counts, and the edge lines left out. Shared by
 * buildDistributionsSql, so the edge answer and the full answer count the same way.
 */
export const EDGE_DISTRIBUTION_ROWS = `
SELECT 'dist:edge' AS kind, rt_ms AS value_ms, count(*) AS n FROM edge_rep GROUP BY rt_ms
UNION ALL SELECT 'count:edge', NULL, count(*) FROM edge_rep
UNION ALL SELECT 'count:edgeValid', NULL, count(*) FROM edge_valid
UNION ALL SELECT 'skip:edge:traceId:missing', NULL, count(*) FROM edge_window WHERE trace_id IS NULL
UNION ALL SELECT 'skip:edge:requestTime:' || rt_state, NULL, count(*) FROM edge_window
  WHERE trace_id IS NOT NULL AND rt_state <> 'ok' GROUP BY rt_state`;

/**
 * The edge side of buildDistributionsSql alone: the same edge CTEs and rows, no ingress line read,
 * so it answers before the join (docs/ARCHITECTURE.md, "Edge-first paint").
 */
export function buildEdgeDistributionSql(query: TraceQuery): SqlStatement {
  const edgeSet = buildEdgeTraceSetCtes(query);
  return { sql: `WITH ${edgeSet.sql}${EDGE_DISTRIBUTION_ROWS}`, params: edgeSet.params };
}
