import { dimensionTier, needsIngressJoin, type DimensionField, type DimensionFilter } from '@/lib/domain/dimension-filters';
import { JOIN_WINDOW_MARGIN_MS, type TraceQuery } from '@/lib/domain/query';
import { tierTable } from './build-load';
import { EDGE_COLUMNS, ingressTracesSql, REPRESENTATIVE_ORDER, SEVERAL_EDGE_LINES, SKIPPED_EDGE_LINES, TRACE_TABLE } from './build-trace-table';
import type { SqlStatement } from './sql-statement';
import type { TimeSlice } from './time-slices';

/** Each dimension field's column in the trace table and, for edge fields, in the edge lines. */
const DIMENSION_COLUMNS: Readonly<Record<DimensionField, { trace: string; line: string }>> = {
  'edge.host': { trace: 'e_host', line: 'host' },
  'edge.upstreamAddr': { trace: 'e_upstream_addr', line: 'upstream_addr' },
  'edge.status': { trace: 'e_status', line: 'status' },
  'edge.method': { trace: 'e_method', line: 'method' },
  'ingress.host': { trace: 'i_host', line: 'host' },
  'ingress.upstreamAddr': { trace: 'i_upstream_addr', line: 'upstream_addr' },
  'ingress.upstreamName': { trace: 'i_proxy_upstream_name', line: 'proxy_upstream_name' },
  'ingress.status': { trace: 'i_status', line: 'status' },
};

/** The columns every trace set carries, whatever the verb reads. */
const CORE_COLUMNS = ['trace_key', 'trace_id', 'e_ts_ms', 'e_rt_ms'];
/** What the ingress half needs to decide whether a trace's stored ingress side holds in the query's join window. */
const JOIN_COLUMNS = ['i_first_ts_ms', 'i_last_ts_ms'];

/**
 * The SQL conditions of a query's dimension filters of one tier over `column(field)`: includes of
 * a field are alternatives, excludes all hold, and a NULL value matches no include and every
 * exclude (dimension-filters.ts). Values are parameters, never SQL text.
 */
function dimensionConditions(
  filters: readonly DimensionFilter[],
  tier: 'edge' | 'ingress',
  column: (field: DimensionField) => string,
  params: SqlStatement['params'],
): string[] {
  const conditions: string[] = [];
  const includes = new Map<DimensionField, string[]>();
  filters.forEach((filter, index) => {
    if (dimensionTier(filter.field) !== tier) return;
    const name = `dim${index}`;
    params[name] = filter.value;
    if (filter.exclude) conditions.push(`${column(filter.field)} IS DISTINCT FROM $${name}`);
    else includes.set(filter.field, [...(includes.get(filter.field) ?? []), `$${name}`]);
  });
  for (const [field, names] of includes) conditions.push(`${column(field)} IN (${names.join(', ')})`);
  return conditions;
}

/** The conditions on an edge line or trace row that the query's window, app, path, latency range and edge filters put. */
function edgeConditions(query: TraceQuery, params: SqlStatement['params'], prefix: '' | 'e_'): string[] {
  const conditions = [`${prefix}ts_ms >= $fromMs::BIGINT`, `${prefix}ts_ms < $toMs::BIGINT`];
  params.fromMs = query.fromMs;
  params.toMs = query.toMs;
  if (query.app !== null) {
    conditions.push(`${prefix}app = $app`);
    params.app = query.app;
  }
  if (query.path !== null) {
    conditions.push(`${prefix}path = $path`);
    params.path = query.path;
  }
  if (query.latencyMinMs !== null) {
    conditions.push(`${prefix}rt_ms >= $latencyMinMs::BIGINT`);
    params.latencyMinMs = query.latencyMinMs;
  }
  if (query.latencyMaxMs !== null) {
    conditions.push(`${prefix}rt_ms < $latencyMaxMs::BIGINT`);
    params.latencyMaxMs = query.latencyMaxMs;
  }
  const column = (field: DimensionField) => (prefix === '' ? DIMENSION_COLUMNS[field].line : DIMENSION_COLUMNS[field].trace);
  return [...conditions, ...dimensionConditions(query.filters ?? [], 'edge', column, params)];
}

/**
 * Options of a trace set: the trace-table columns a verb reads, whether it reads the ingress side,
 * and a slice of edge @timestamp to keep (a drill-down page walks the window slice by slice; the
 * trace set stays the window's, so a trace's representative is chosen as in the whole window).
 */
export type TraceSetOptions = { columns?: readonly string[]; ingress?: boolean; slice?: TimeSlice };

const unique = (columns: readonly string[]) => [...new Set(columns)];

/**
 * The CTEs that define a query's trace set over the trace table, shared by every verb:
 * - edge_set: one row per trace whose edge representative matches the query (window, app, path,
 *   latency range, edge filters), with `e_lines`, its valid edge lines that match. A trace with
 *   one valid edge line is its trace-table row; the few with several (several_set) are re-chosen
 *   among their matching lines, as the lines' own rule says (the largest request_time, then the
 *   latest).
 * - with the ingress side (`ingress`, or any ingress filter): trace_set, the same rows with the
 *   ingress representative among the trace's ingress lines in the join window (the query window
 *   widened by JOIN_WINDOW_MARGIN_MS), then the ingress filters. The trace table holds each
 *   trace's ingress side over all its lines; the few traces with lines outside the join window
 *   (outside_set) are recomputed from the lines in it (outside_fixed).
 * edge_set and trace_set are views, not copies: each use scans the trace table again.
 * Only the columns asked for are carried: every copied column costs time and memory.
 */
export function buildTraceSetCtes(query: TraceQuery, options: TraceSetOptions = {}): SqlStatement & { source: string } {
  const withIngress = options.ingress === true || needsIngressJoin(query.filters);
  const params: SqlStatement['params'] = {};
  const wanted = options.columns ?? [];
  const ingressFilterColumns = (query.filters ?? [])
    .filter((filter) => dimensionTier(filter.field) === 'ingress')
    .map((filter) => DIMENSION_COLUMNS[filter.field].trace);
  const ingressWanted = withIngress ? unique(['i_rt_ms', 'i_valid_n', 'i_invalid_states', ...wanted.filter((c) => c.startsWith('i_')), ...ingressFilterColumns]) : [];
  const edgeWanted = unique([...CORE_COLUMNS, ...wanted.filter((c) => !c.startsWith('i_'))]);
  const edgeLineColumns = edgeWanted.filter((c) => c.startsWith('e_') && EDGE_COLUMNS.includes(c));
  const storedColumns = withIngress ? [...ingressWanted, ...JOIN_COLUMNS] : [];

  const traceFilters = edgeConditions(query, params, 'e_');
  const lineFilters = edgeConditions(query, params, '');
  const inSlice: string[] = [];
  if (options.slice) {
    inSlice.push('e_ts_ms >= $sliceFromMs::BIGINT', 'e_ts_ms < $sliceToMs::BIGINT');
    Object.assign(params, { sliceFromMs: options.slice.fromMs, sliceToMs: options.slice.toMs });
  }
  // Only the few traces that need work are materialized (several edge lines, ingress lines
  // outside the join window); the bulk streams from the trace table into each aggregation, since
  // copying a million rows of text columns costs more than scanning the table again.
  const edgeSql = `
edge_several AS MATERIALIZED (
  SELECT trace_key, trace_id, ${edgeLineColumns.map((c) => `${c.slice(2)} AS ${c}`).join(', ')}, count(*) OVER (PARTITION BY trace_key) AS e_lines
  FROM ${SEVERAL_EDGE_LINES} WHERE ${lineFilters.join(' AND ')}
  QUALIFY row_number() OVER (PARTITION BY trace_key ORDER BY ${REPRESENTATIVE_ORDER}) = 1
),
several_set AS MATERIALIZED (
  SELECT s.*${storedColumns.map((c) => `, t.${c}`).join('')} FROM edge_several s LEFT JOIN ${TRACE_TABLE} t USING (trace_key)${
    inSlice.length > 0 ? `
  WHERE ${inSlice.map((condition) => `s.${condition}`).join(' AND ')}` : ''
  }
),
edge_set AS NOT MATERIALIZED (
  SELECT ${[...edgeWanted, ...storedColumns].join(', ')}, 1::BIGINT AS e_lines
  FROM ${TRACE_TABLE} WHERE e_valid_n = 1 AND ${[...traceFilters, ...inSlice].join(' AND ')}
  UNION ALL BY NAME
  SELECT * FROM several_set
)`;
  if (!withIngress) return { sql: edgeSql, params, source: 'edge_set' };

  params.joinFromMs = query.fromMs - JOIN_WINDOW_MARGIN_MS;
  params.joinToMs = query.toMs + JOIN_WINDOW_MARGIN_MS;
  const outside = `coalesce(i_first_ts_ms < $joinFromMs::BIGINT OR i_last_ts_ms >= $joinToMs::BIGINT, FALSE)`;
  const ingressConditions = dimensionConditions(query.filters ?? [], 'ingress', (field) => DIMENSION_COLUMNS[field].trace, params);
  const edgeOut = edgeWanted.join(', ');
  const sql = `${edgeSql},
outside_set AS MATERIALIZED (
  SELECT ${edgeOut}, e_lines FROM edge_set WHERE ${outside}
),
outside_lines AS MATERIALIZED (
  SELECT * FROM ${tierTable('ingress')}
  WHERE trace_key IN (SELECT trace_key FROM outside_set)
    AND ts_ms >= $joinFromMs::BIGINT AND ts_ms < $joinToMs::BIGINT
),
${ingressTracesSql('outside_lines')},
outside_fixed AS MATERIALIZED (
  SELECT ${edgeWanted.map((c) => `s.${c}`).join(', ')}, s.e_lines, ${ingressWanted.map((c) => `r.${c}`).join(', ')}
  FROM outside_set s LEFT JOIN ingress_side r USING (trace_key)
),
trace_set AS NOT MATERIALIZED (
  SELECT * FROM (
    SELECT ${edgeOut}, e_lines, ${ingressWanted.join(', ')} FROM edge_set WHERE NOT ${outside}
    UNION ALL BY NAME
    SELECT * FROM outside_fixed
  )${ingressConditions.length > 0 ? ` WHERE ${ingressConditions.join(' AND ')}` : ''}
)`;
  return { sql, params, source: 'trace_set' };
}


/**
 * Edge lines of the window (app, path, edge filters) that no trace set contains, by field and
 * reason: without a trace id, or with a trace id and no valid request_time. The latency range
 * does not apply: such a line has no request_time to compare.
 */
export function buildEdgeSkippedRowsSql(query: TraceQuery, params: SqlStatement['params']): string {
  const lineFilters = edgeConditions({ ...query, latencyMinMs: null, latencyMaxMs: null }, params, '');
  return `
SELECT 'skip:edge:traceId:missing' AS kind, NULL::BIGINT AS value_ms, count(*) AS n FROM ${SKIPPED_EDGE_LINES}
  WHERE ${lineFilters.join(' AND ')} AND trace_id IS NULL
UNION ALL SELECT 'skip:edge:requestTime:' || rt_state, NULL, count(*) FROM ${SKIPPED_EDGE_LINES}
  WHERE ${lineFilters.join(' AND ')} AND trace_id IS NOT NULL AND rt_state <> 'ok' GROUP BY rt_state`;
}
