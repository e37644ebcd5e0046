import { NO_GROUP, OTHER_GROUP } from '@/lib/domain/connect-timeline';
import type { TraceQuery } from '@/lib/domain/query';
import { buildTraceSetCtes } from '../build-trace-set';
import { sqlString } from '../field-access';
import type { SqlStatement } from '../sql-statement';

/**
 * Per hop, grouping (host, upstreamAddr) and group: per-millisecond counts of the connect time.
 * edgeToIngress reads every trace of the trace set, ingressToApp the joined ones (as
 * the connect timeline does). The `maxGroups` largest groups of each grouping keep their names,
 * the rest become OTHER_GROUP. Rows (hop, group_by, label, value_ms, n); rows with group_by NULL
 * count each hop's lines without a usable connect time.
 */
export function buildConnectDistributionsSql(query: TraceQuery, maxGroups: number): SqlStatement {
  const traceSet = buildTraceSetCtes(query, {
    ingress: true,
    columns: ['e_connect_ms', 'e_connect_state', 'e_host', 'e_upstream_addr', 'i_connect_ms', 'i_connect_state', 'i_host', 'i_upstream_addr'],
  });
  // Traces are counted per (hop, host, address, value) first: a few thousand rows to group, instead
  // of a row per trace and grouping.
  const sql = `
WITH ${traceSet.sql},
lines AS MATERIALIZED (
  SELECT 'edgeToIngress' AS hop, e_connect_ms AS value_ms, e_connect_state AS state, e_host AS host, e_upstream_addr AS upstream_addr, count(*) AS n
  FROM trace_set GROUP BY ALL
  UNION ALL
  SELECT 'ingressToApp', i_connect_ms, i_connect_state, i_host, i_upstream_addr, count(*)
  FROM trace_set WHERE i_rt_ms IS NOT NULL GROUP BY ALL
),
grouped AS MATERIALIZED (
  SELECT hop, 'host' AS group_by, coalesce(host, ${sqlString(NO_GROUP)}) AS grp, value_ms, sum(n) AS n FROM lines WHERE state = 'ok' GROUP BY ALL
  UNION ALL
  SELECT hop, 'upstreamAddr', coalesce(upstream_addr, ${sqlString(NO_GROUP)}), value_ms, sum(n) FROM lines WHERE state = 'ok' GROUP BY ALL
),
group_sizes AS (SELECT hop, group_by, grp, sum(n) AS n FROM grouped GROUP BY hop, group_by, grp),
labels AS (
  SELECT hop, group_by, grp,
    CASE WHEN row_number() OVER (PARTITION BY hop, group_by ORDER BY n DESC, grp ASC) <= $maxGroups::BIGINT
      THEN grp ELSE ${sqlString(OTHER_GROUP)} END AS label
  FROM group_sizes
)
SELECT g.hop, g.group_by, l.label, g.value_ms, sum(g.n)::BIGINT AS n
FROM grouped g JOIN labels l USING (hop, group_by, grp)
GROUP BY g.hop, g.group_by, l.label, g.value_ms
UNION ALL SELECT hop, NULL, NULL, NULL, sum(n)::BIGINT FROM lines WHERE state <> 'ok' GROUP BY hop`;
  return { sql, params: { ...traceSet.params, maxGroups } };
}
