import type { TraceQuery } from '@/lib/domain/query';
import { buildEdgeSkippedRowsSql, buildTraceSetCtes } from './build-trace-set';
import type { SqlStatement } from './sql-statement';

/**
 * One pass over the trace set that returns rows (kind, value_ms, n): per-millisecond counts of the
 * four distributions, the trace counts, and skipped lines by field and reason. Each distribution's
 * value is NULL for the traces it does not cover, and one grouping set per value counts them all
 * in a single scan of the trace table (a pass per distribution cost twice the time).
 */
export function buildDistributionsSql(query: TraceQuery): SqlStatement {
  const traceSet = buildTraceSetCtes(query, { ingress: true, columns: ['i_response_ms', 'i_response_state'] });
  const params = { ...traceSet.params };
  const sql = `
WITH ${traceSet.sql},
valued AS NOT MATERIALIZED (
  SELECT e_rt_ms AS edge_ms, i_rt_ms AS ingress_ms, e_rt_ms - i_rt_ms AS gap_ms,
    CASE WHEN i_response_state = 'ok' THEN i_rt_ms - i_response_ms END AS upstream_gap_ms,
    CASE WHEN i_rt_ms IS NOT NULL AND i_response_state <> 'ok' THEN i_response_state END AS response_skip,
    i_invalid_states AS invalid_states, e_lines, i_valid_n
  FROM trace_set
),
grouped AS (
  SELECT GROUPING(edge_ms, ingress_ms, gap_ms, upstream_gap_ms, response_skip, invalid_states) AS set_id,
    edge_ms, ingress_ms, gap_ms, upstream_gap_ms, response_skip, invalid_states,
    count(*) AS n, count(ingress_ms) AS joined_n, sum(e_lines) AS edge_lines, sum(i_valid_n) AS ingress_valid_n
  FROM valued
  GROUP BY GROUPING SETS ((edge_ms), (ingress_ms), (gap_ms), (upstream_gap_ms), (response_skip), (invalid_states), ())
)
SELECT 'dist:edge' AS kind, edge_ms AS value_ms, n FROM grouped WHERE set_id = 31
UNION ALL SELECT 'dist:ingress', ingress_ms, n FROM grouped WHERE set_id = 47 AND ingress_ms IS NOT NULL
UNION ALL SELECT 'dist:edgeMinusIngress', gap_ms, n FROM grouped WHERE set_id = 55 AND gap_ms IS NOT NULL
UNION ALL SELECT 'dist:ingressMinusUpstream', upstream_gap_ms, n FROM grouped WHERE set_id = 59 AND upstream_gap_ms IS NOT NULL
UNION ALL SELECT 'count:edge', NULL, n FROM grouped WHERE set_id = 63
UNION ALL SELECT 'count:edgeValid', NULL, coalesce(edge_lines, 0) FROM grouped WHERE set_id = 63
UNION ALL SELECT 'count:joined', NULL, joined_n FROM grouped WHERE set_id = 63
UNION ALL SELECT 'count:ingressValid', NULL, coalesce(ingress_valid_n, 0) FROM grouped WHERE set_id = 63
UNION ALL SELECT 'skip:ingress:upstreamResponseTime:' || response_skip, NULL, n FROM grouped WHERE set_id = 61 AND response_skip IS NOT NULL
UNION ALL SELECT 'skip:ingress:requestTime:' || state, NULL, sum(n) FROM (
  SELECT unnest(invalid_states) AS state, n FROM grouped WHERE set_id = 62 AND len(invalid_states) > 0
) GROUP BY state
UNION ALL ${buildEdgeSkippedRowsSql(query, params)}`;
  return { sql, params };
}
