import type { TraceQuery } from '@/lib/domain/query';
import { EDGE_DISTRIBUTION_ROWS } from './build-edge-distribution';
import { buildTraceSetCtes } from './build-trace-set';
import type { SqlStatement } from './sql-statement';

/**
 * One pass over the trace set that returns rows (kind, value_ms, n): per-millisecond counts of the
 * four distributions, the trace counts, and skipped lines by field and reason.
 */
export function buildDistributionsSql(query: TraceQuery): SqlStatement {
  const traceSet = buildTraceSetCtes(query, ['response_state']);
  const sql = `
WITH ${traceSet.sql},
joined AS MATERIALIZED (
  SELECT e.rt_ms AS edge_ms, i.rt_ms AS ingress_ms, i.response_ms, i.response_state
  FROM edge_rep e JOIN ingress_rep i USING (trace_key)
)
${EDGE_DISTRIBUTION_ROWS}
UNION ALL SELECT 'dist:ingress', ingress_ms, count(*) FROM joined GROUP BY ingress_ms
UNION ALL SELECT 'dist:edgeMinusIngress', edge_ms - ingress_ms, count(*) FROM joined GROUP BY edge_ms - ingress_ms
UNION ALL SELECT 'dist:ingressMinusUpstream', ingress_ms - response_ms, count(*) FROM joined
  WHERE response_state = 'ok' GROUP BY ingress_ms - response_ms
UNION ALL SELECT 'count:joined', NULL, count(*) FROM joined
UNION ALL SELECT 'count:ingressValid', NULL, count(*) FROM ingress_candidates WHERE rt_state = 'ok'
UNION ALL SELECT 'skip:ingress:requestTime:' || rt_state, NULL, count(*) FROM ingress_candidates
  WHERE rt_state <> 'ok' GROUP BY rt_state
UNION ALL SELECT 'skip:ingress:upstreamResponseTime:' || response_state, NULL, count(*) FROM joined
  WHERE response_state <> 'ok' GROUP BY response_state`;
  return { sql, params: traceSet.params };
}
