import type { ConnectTimelineOptions } from '@/lib/domain/connect-timeline';
import { NO_GROUP, OTHER_GROUP } from '@/lib/domain/connect-timeline';
import { choosesTraces, type TraceQuery } from '@/lib/domain/query';
import { tierTable } from './build-load';
import { buildTraceSetCtes } from './build-trace-set';
import { representativesSql } from './build-trace-table';
import { sqlString } from './field-access';
import type { SqlStatement } from './sql-statement';

/** What the timeline reads of an ingress line, and what choosing a trace's representative needs. */
const INGRESS_LINE_COLUMNS = 'trace_key, ts_ms, rt_ms, response_ms, doc_id, dup_count, connect_ms, connect_state, host, upstream_addr';

/**
 * The ingress lines an ingress timeline counts, one per trace (`line_rep`): the window's valid
 * lines by their own @timestamp and path; with app, a latency range or dimension filters (which
 * choose traces), only the trace set's traces, kept once each trace's representative is chosen
 * (a trace is kept or dropped whole, so the representatives are the same either way, and the
 * trace set is looked up once). Without those, no trace set at all. Nothing here is
 * materialized: the lines stream from the table (read twice by representativesSql, the second
 * time only the few with several lines) into the timeline's counts, where materializing them held
 * a million-trace window's lines three times over (~450 MB above the server's resting memory).
 */
function buildIngressLineCtes(query: TraceQuery): SqlStatement {
  const traceSet = choosesTraces(query) ? buildTraceSetCtes(query) : null;
  const params: SqlStatement['params'] = { ...traceSet?.params, fromMs: query.fromMs, toMs: query.toMs };
  // trace_key is NULL exactly when trace_id is (build-load.ts); a snapshot keeps trace ids in the trace rows only.
  const filters = ['ts_ms >= $fromMs::BIGINT', 'ts_ms < $toMs::BIGINT', 'trace_key IS NOT NULL', "rt_state = 'ok'"];
  if (query.path !== null) {
    filters.push('path = $path');
    params.path = query.path;
  }
  const chosen = traceSet ? `\n  WHERE trace_key IN (SELECT trace_key FROM ${traceSet.source})` : '';
  const sql = `${traceSet ? `${traceSet.sql},` : ''}
ingress_lines AS NOT MATERIALIZED (
  SELECT ${INGRESS_LINE_COLUMNS} FROM ${tierTable('ingress')} WHERE ${filters.join(' AND ')}
),
line_rep AS NOT MATERIALIZED (
  SELECT * FROM (${representativesSql('ingress_lines')}
  )${chosen}
)`;
  return { sql, params };
}

/** The edge timeline's lines: each trace's edge representative, under the trace set's own columns. */
function buildEdgeLineCtes(query: TraceQuery): SqlStatement {
  const traceSet = buildTraceSetCtes(query, { columns: ['e_connect_ms', 'e_connect_state', 'e_host', 'e_upstream_addr'] });
  const sql = `${traceSet.sql},
line_rep AS NOT MATERIALIZED (
  SELECT e_ts_ms AS ts_ms, e_connect_ms AS connect_ms, e_connect_state AS connect_state, e_host AS host, e_upstream_addr AS upstream_addr
  FROM ${traceSet.source}
)`;
  return { sql, params: traceSet.params };
}

/**
 * A tier's upstream_connect_time binned by each line's own @timestamp and grouped, with exact
 * nearest-rank p50/p99 per bin and group: the smallest value whose cumulative count reaches
 * p·n/100 (at_most·100 ≥ p·n), computed over per-millisecond counts, not rows. The largest
 * `maxGroups` groups keep their names, the rest become one "(other)" series. A row with
 * label NULL carries the count of lines without a connect time.
 *
 * The lines are counted by group, bin and millisecond in one streaming pass (`counted`), and
 * everything after reads those counts: a few thousand rows where the lines are a million.
 */
export function buildConnectTimelineSql(query: TraceQuery, options: ConnectTimelineOptions): SqlStatement {
  const traceSet = options.tier === 'edge' ? buildEdgeLineCtes(query) : buildIngressLineCtes(query);
  const groupColumn = options.groupBy === 'host' ? 'host' : 'upstream_addr';
  const sql = `
WITH ${traceSet.sql},
counted AS MATERIALIZED (
  SELECT grp, bin_start_ms, value_ms, is_measured, count(*) AS n FROM (
    SELECT r.connect_state = 'ok' AS is_measured,
      CASE WHEN is_measured THEN coalesce(r.${groupColumn}, ${sqlString(NO_GROUP)}) END AS grp,
      CASE WHEN is_measured THEN (r.ts_ms // $binMs::BIGINT) * $binMs::BIGINT END AS bin_start_ms,
      CASE WHEN is_measured THEN r.connect_ms END AS value_ms
    FROM line_rep r
  ) GROUP BY ALL
),
measured AS (SELECT grp, bin_start_ms, value_ms, n FROM counted WHERE is_measured),
group_sizes AS (SELECT grp, sum(n)::BIGINT AS n FROM measured GROUP BY grp),
labels AS (
  SELECT grp, CASE WHEN row_number() OVER (ORDER BY n DESC, grp ASC) <= $maxGroups::BIGINT THEN grp ELSE ${sqlString(OTHER_GROUP)} END AS label
  FROM group_sizes
),
value_counts AS (
  SELECT l.label, m.bin_start_ms, m.value_ms, sum(m.n)::BIGINT AS n
  FROM measured m JOIN labels l USING (grp)
  GROUP BY l.label, m.bin_start_ms, m.value_ms
),
cumulative AS (
  SELECT *,
    sum(n) OVER (PARTITION BY label, bin_start_ms ORDER BY value_ms ROWS UNBOUNDED PRECEDING) AS at_most,
    sum(n) OVER (PARTITION BY label, bin_start_ms) AS total
  FROM value_counts
)
SELECT label, bin_start_ms, any_value(total)::BIGINT AS n,
  min(value_ms) FILTER (WHERE at_most * 100 >= 50 * total) AS p50_ms,
  min(value_ms) FILTER (WHERE at_most * 100 >= 99 * total) AS p99_ms,
  max(value_ms) AS max_ms
FROM cumulative GROUP BY label, bin_start_ms
UNION ALL SELECT NULL, NULL, coalesce(sum(n), 0)::BIGINT, NULL, NULL, NULL FROM counted WHERE NOT is_measured`;
  return { sql, params: { ...traceSet.params, binMs: options.binMs, maxGroups: options.maxGroups } };
}
