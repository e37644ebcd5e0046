import { orderByTime, tierTable, type TableOrder } from './build-load';

/** One row per trace with a valid edge line: what every analytic verb reads (docs/ARCHITECTURE.md, "The trace table"). */
export const TRACE_TABLE = 'traces';
/**
 * The valid edge lines of traces that have several: the few a query re-chooses a representative
 * among (build-trace-set.ts), kept apart so no query scans every edge line to find them.
 */
export const SEVERAL_EDGE_LINES = 'edge_several_lines';
/** Edge lines no trace set contains (no trace id, or no valid request_time): counted as skipped, kept apart for the same reason. */
export const SKIPPED_EDGE_LINES = 'edge_skipped_lines';
/** One row per trace with an ingress line: its representative, its valid lines and the invalid ones by reason. */
const INGRESS_TRACE_TABLE = 'ingress_traces';

/** Which of a trace's valid lines in a tier represents it: the largest request_time, then the latest. */
export const REPRESENTATIVE_ORDER = 'rt_ms DESC, ts_ms DESC, coalesce(response_ms, -1) DESC, doc_id';

/** A representative line's columns, as the trace table names them with the tier's prefix (`e_`, `i_`). */
const LINE_COLUMNS = [
  'doc_id', 'ts_ms', 'rt_ms', 'connect_ms', 'connect_state', 'response_ms', 'response_state',
  'upstream_addr', 'host', 'status', 'method',
] as const;
const EDGE_ONLY_COLUMNS = ['app', 'path'] as const;
const INGRESS_ONLY_COLUMNS = ['proxy_upstream_name'] as const;

/** The edge columns of a trace row (besides trace_key and trace_id). */
export const EDGE_COLUMNS: readonly string[] = [...LINE_COLUMNS, ...EDGE_ONLY_COLUMNS].map((column) => `e_${column}`).concat('e_valid_n');
/**
 * The ingress columns of a trace row: the representative (NULL when the trace has no valid
 * ingress line), the number of valid lines, the invalid lines' request_time states, and the
 * first and last @timestamp of all its ingress lines, which tell whether a query's join window
 * holds every one of them.
 */
const INGRESS_COLUMNS: readonly string[] = [...LINE_COLUMNS, ...INGRESS_ONLY_COLUMNS]
  .map((column) => `i_${column}`)
  .concat('i_valid_n', 'i_invalid_states', 'i_first_ts_ms', 'i_last_ts_ms');

const prefixed = (alias: string, prefix: string, columns: readonly string[]) =>
  columns.map((column) => `${alias}.${column} AS ${prefix}${column}`).join(', ');

/**
 * The representative of each trace among `lines` (valid lines of one tier), with `valid_n`:
 * how many valid lines it has there. Traces with one valid line in the whole tier (nearly all)
 * skip the window function.
 */
export const representativesSql = (lines: string) => `
  SELECT *, 1::BIGINT AS valid_n FROM ${lines} WHERE dup_count = 1
  UNION ALL BY NAME (SELECT *, count(*) OVER (PARTITION BY trace_key) AS valid_n FROM ${lines} WHERE dup_count > 1
    QUALIFY row_number() OVER (PARTITION BY trace_key ORDER BY ${REPRESENTATIVE_ORDER}) = 1)`;

/**
 * The ingress side of the traces of `lines` (ingress lines carrying a trace id): representative,
 * valid line count, invalid lines' states and the lines' time span. Used at load over every line,
 * and by a query over the lines of its join window for the few traces whose lines straddle it.
 */
export const ingressTracesSql = (lines: string) => `
ingress_counts AS (
  SELECT trace_key, count(*) FILTER (WHERE rt_state = 'ok') AS i_valid_n, min(ts_ms) AS i_first_ts_ms, max(ts_ms) AS i_last_ts_ms
  FROM ${lines} GROUP BY trace_key
),
-- Ordered lists only for the few traces with invalid lines: an ordered aggregate over every
-- trace cost most of the ingress side's build.
ingress_invalid AS (
  SELECT trace_key, list(rt_state ORDER BY doc_id) AS i_invalid_states FROM ${lines} WHERE rt_state <> 'ok' GROUP BY trace_key
),
ingress_stats AS (
  SELECT c.*, v.i_invalid_states FROM ingress_counts c LEFT JOIN ingress_invalid v USING (trace_key)
),
ingress_valid_rep AS (${representativesSql(`(SELECT * FROM ${lines} WHERE rt_state = 'ok')`)}
),
ingress_side AS (
  SELECT s.trace_key, ${prefixed('r', 'i_', [...LINE_COLUMNS, ...INGRESS_ONLY_COLUMNS])},
    s.i_valid_n, coalesce(s.i_invalid_states, []::VARCHAR[]) AS i_invalid_states, s.i_first_ts_ms, s.i_last_ts_ms
  FROM ingress_stats s LEFT JOIN ingress_valid_rep r USING (trace_key)
)`;

/**
 * Builds the trace table once the tier tables exist. Each trace's edge representative is chosen
 * among all its valid edge lines and its ingress representative among all its valid ingress
 * lines; a query whose window or filters would choose differently (a trace with several valid
 * edge lines, or ingress lines outside the join window) recomputes those few traces from the
 * lines (build-trace-set.ts), so answers are exactly the lines' own. `order` as the tier tables'.
 */
export function buildTraceTableSql(order: TableOrder = 'by-time'): string[] {
  return [
    `CREATE OR REPLACE TEMP TABLE ${INGRESS_TRACE_TABLE} AS
WITH ${ingressTracesSql(`(SELECT * FROM ${tierTable('ingress')} WHERE trace_key IS NOT NULL)`)}
SELECT * FROM ingress_side`,
    `CREATE OR REPLACE TABLE ${TRACE_TABLE} AS
WITH edge_rep AS (${representativesSql(`(SELECT * FROM ${tierTable('edge')} WHERE trace_key IS NOT NULL AND rt_state = 'ok')`)}
)
SELECT e.trace_key, e.trace_id, ${prefixed('e', 'e_', [...LINE_COLUMNS, ...EDGE_ONLY_COLUMNS])}, e.valid_n AS e_valid_n,
  ${INGRESS_COLUMNS.map((column) => `i.${column}`).join(', ')}
FROM edge_rep e LEFT JOIN ${INGRESS_TRACE_TABLE} i USING (trace_key)${orderByTime(order, 'e.ts_ms')}`,
    `DROP TABLE ${INGRESS_TRACE_TABLE}`,
    `CREATE OR REPLACE TABLE ${SEVERAL_EDGE_LINES} AS
SELECT * FROM ${tierTable('edge')} WHERE dup_count > 1 AND trace_id IS NOT NULL AND rt_state = 'ok'${orderByTime(order, 'ts_ms')}`,
    `CREATE OR REPLACE TABLE ${SKIPPED_EDGE_LINES} AS
SELECT * FROM ${tierTable('edge')} WHERE trace_id IS NULL OR rt_state <> 'ok'${orderByTime(order, 'ts_ms')}`,
  ];
}
