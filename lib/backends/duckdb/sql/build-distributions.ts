import type { TraceQuery } from '@/lib/domain/query';
import { buildEdgeDistributionRows } from './build-edge-distribution';
import { buildTraceSetCtes } from './build-trace-set';
import type { SqlStatement } from './sql-statement';

/**
 * One pass over the trace set that returns rows (kind, value_ms, n): per-millisecond counts of the
 * four distributions, the trace counts, and skipped lines by field and reason.
 */
export function buildDistributionsSql(query: TraceQuery): SqlStatement {
  const traceSet = buildTraceSetCtes(query, { ingress: true, columns: ['i_response_ms', 'i_response_state'] });
  const params = { ...traceSet.params };
  const sql = `
WITH ${traceSet.sql},
joined AS MATERIALIZED (
  SELECT e_rt_ms AS edge_ms, i_rt_ms AS ingress_ms, i_response_ms AS response_ms, i_response_state AS response_state
  FROM trace_set WHERE i_rt_ms IS NOT NULL
)
${buildEdgeDistributionRows(query, 'trace_set', params)}
UNION ALL SELECT 'dist:ingress', ingress_ms, count(*) FROM joined GROUP BY ingress_ms
UNION ALL SELECT 'dist:edgeMinusIngress', edge_ms - ingress_ms, count(*) FROM joined GROUP BY edge_ms - ingress_ms
UNION ALL SELECT 'dist:ingressMinusUpstream', ingress_ms - response_ms, count(*) FROM joined
  WHERE response_state = 'ok' GROUP BY ingress_ms - response_ms
UNION ALL SELECT 'count:joined', NULL, count(*) FROM joined
UNION ALL SELECT 'count:ingressValid', NULL, coalesce(sum(i_valid_n), 0) FROM trace_set
UNION ALL SELECT 'skip:ingress:requestTime:' || state, NULL, count(*) FROM (SELECT unnest(i_invalid_states) AS state FROM trace_set)
  GROUP BY state
UNION ALL SELECT 'skip:ingress:upstreamResponseTime:' || response_state, NULL, count(*) FROM joined
  WHERE response_state <> 'ok' GROUP BY response_state`;
  return { sql, params };
}
