import type { ConnectTimelineOptions } from '@/lib/domain/connect-timeline';
import { NO_GROUP, OTHER_GROUP } from '@/lib/domain/connect-timeline';
import type { TraceQuery } from '@/lib/domain/query';
import { buildTraceSetCtes } from './build-trace-set';
import { sqlString } from './field-access';
import type { SqlStatement } from './sql-statement';

/**
 * A tier's upstream_connect_time binned by the trace's edge @timestamp and grouped, with exact
 * nearest-rank p50/p99 per bin and group: the smallest value whose cumulative count reaches
 * p·n/100 (at_most·100 ≥ p·n), computed over per-millisecond counts, not rows. The largest
 * `maxGroups` groups keep their names, the rest become one "(other)" series. A row with
 * label NULL carries the count of lines without a connect time.
 */
export function buildConnectTimelineSql(query: TraceQuery, options: ConnectTimelineOptions): SqlStatement {
  const traceSet = buildTraceSetCtes(query);
  const line = options.tier === 'edge' ? 'e' : 'i';
  const join = options.tier === 'edge' ? '' : 'JOIN ingress_rep i USING (trace_key)';
  const groupColumn = options.groupBy === 'host' ? 'host' : 'upstream_addr';
  const sql = `
WITH ${traceSet.sql},
lines AS MATERIALIZED (
  SELECT (e.ts_ms // $binMs::BIGINT) * $binMs::BIGINT AS bin_start_ms, ${line}.connect_ms AS value_ms,
    ${line}.connect_state AS state, coalesce(${line}.${groupColumn}, ${sqlString(NO_GROUP)}) AS grp
  FROM edge_rep e ${join}
),
measured AS (SELECT * FROM lines WHERE state = 'ok'),
group_sizes AS (SELECT grp, count(*) AS n FROM measured GROUP BY grp),
labels AS (
  SELECT grp, CASE WHEN row_number() OVER (ORDER BY n DESC, grp ASC) <= $maxGroups::BIGINT THEN grp ELSE ${sqlString(OTHER_GROUP)} END AS label
  FROM group_sizes
),
value_counts AS (
  SELECT l.label, m.bin_start_ms, m.value_ms, count(*) AS n
  FROM measured m JOIN labels l USING (grp)
  GROUP BY l.label, m.bin_start_ms, m.value_ms
),
cumulative AS (
  SELECT *,
    sum(n) OVER (PARTITION BY label, bin_start_ms ORDER BY value_ms ROWS UNBOUNDED PRECEDING) AS at_most,
    sum(n) OVER (PARTITION BY label, bin_start_ms) AS total
  FROM value_counts
)
SELECT label, bin_start_ms, any_value(total) AS n,
  min(value_ms) FILTER (WHERE at_most * 100 >= 50 * total) AS p50_ms,
  min(value_ms) FILTER (WHERE at_most * 100 >= 99 * total) AS p99_ms,
  max(value_ms) AS max_ms
FROM cumulative GROUP BY label, bin_start_ms
UNION ALL SELECT NULL, NULL, count(*), NULL, NULL, NULL FROM lines WHERE state <> 'ok'`;
  return { sql, params: { ...traceSet.params, binMs: options.binMs, maxGroups: options.maxGroups } };
}
