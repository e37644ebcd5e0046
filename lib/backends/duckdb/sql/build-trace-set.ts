import { JOIN_WINDOW_MARGIN_MS, type TraceQuery } from '@/lib/domain/query';
import { tierTable } from './build-load';
import type { SqlStatement } from './sql-statement';

/** Which of a trace's valid lines in a tier represents it: the largest request_time, then the latest. */
export const REPRESENTATIVE_ORDER = 'rt_ms DESC, ts_ms DESC, coalesce(response_ms, -1) DESC, doc_id';

/** The columns the trace set's own CTEs read (filters, representative order, join key). */
const TRACE_SET_COLUMNS = ['trace_key', 'trace_id', 'ts_ms', 'rt_ms', 'rt_state', 'response_ms', 'doc_id', 'dup_count'];

/**
 * One line per trace of `source` (valid lines of one tier), the representative. Lines whose trace
 * has one valid line in the whole tier need no de-duplication (nearly all of them); the window
 * function runs only over the others.
 */
export const representativeSql = (source: string) => `
  SELECT * FROM ${source} WHERE dup_count = 1
  UNION ALL (SELECT * FROM ${source} WHERE dup_count > 1
    QUALIFY row_number() OVER (PARTITION BY trace_key ORDER BY ${REPRESENTATIVE_ORDER}) = 1)`;

/** A query's edge-line filters: the window (time, app, path) and validity (trace id, request_time, latency range). */
export type TraceSetFilters = { windowFilters: string[]; validFilters: string[]; params: SqlStatement['params'] };

/** The filters behind edge_window and edge_valid, with the join window's parameters. */
export function buildTraceSetFilters(query: TraceQuery): TraceSetFilters {
  const params: SqlStatement['params'] = {
    fromMs: query.fromMs,
    toMs: query.toMs,
    joinFromMs: query.fromMs - JOIN_WINDOW_MARGIN_MS,
    joinToMs: query.toMs + JOIN_WINDOW_MARGIN_MS,
  };
  const windowFilters = ['ts_ms >= $fromMs::BIGINT', 'ts_ms < $toMs::BIGINT'];
  if (query.app !== null) {
    windowFilters.push('app = $app');
    params.app = query.app;
  }
  if (query.path !== null) {
    windowFilters.push('path = $path');
    params.path = query.path;
  }
  const validFilters = ['trace_id IS NOT NULL', "rt_state = 'ok'"];
  if (query.latencyMinMs !== null) {
    validFilters.push('rt_ms >= $latencyMinMs::BIGINT');
    params.latencyMinMs = query.latencyMinMs;
  }
  if (query.latencyMaxMs !== null) {
    validFilters.push('rt_ms < $latencyMaxMs::BIGINT');
    params.latencyMaxMs = query.latencyMaxMs;
  }
  return { windowFilters, validFilters, params };
}

/** The columns a trace set's CTEs carry: their own plus `columns` (every column when absent). */
function selectedColumns(columns: readonly string[] | undefined): string {
  return columns === undefined ? '*' : [...new Set([...TRACE_SET_COLUMNS, ...columns])].join(', ');
}

/** Parameters only the ingress CTEs read: DuckDB refuses a statement given parameters it does not use. */
const JOIN_WINDOW_PARAMS = new Set(['joinFromMs', 'joinToMs']);

/**
 * The edge half of the trace set, which needs no ingress line:
 * - edge_window: edge lines in [from, to) matching app/path (all of them, to count what is skipped);
 * - edge_valid: those with a trace id and a request_time, within the latency range;
 * - edge_rep: one line per trace, the representative (largest request_time, then latest).
 */
export function buildEdgeTraceSetCtes(query: TraceQuery, columns?: readonly string[]): SqlStatement {
  const { windowFilters, validFilters, params } = buildTraceSetFilters(query);
  const sql = `
edge_window AS MATERIALIZED (
  SELECT ${selectedColumns(columns)} FROM ${tierTable('edge')} WHERE ${windowFilters.join(' AND ')}
),
edge_valid AS MATERIALIZED (
  SELECT * FROM edge_window WHERE ${validFilters.join(' AND ')}
),
edge_rep AS MATERIALIZED (${representativeSql('edge_valid')}
)`;
  return { sql, params: Object.fromEntries(Object.entries(params).filter(([name]) => !JOIN_WINDOW_PARAMS.has(name))) };
}

/**
 * The CTEs that define a query's trace set, shared by every query over it: the edge half
 * (buildEdgeTraceSetCtes), then
 * - ingress_candidates: ingress lines of those traces within the window widened by the margin;
 * - ingress_rep: one valid ingress line per joined trace.
 * The CTEs are materialized, so they carry only the columns the trace set needs plus `columns`
 * (all of the tier tables' columns when absent): every copied column costs time and memory.
 */
export function buildTraceSetCtes(query: TraceQuery, columns?: readonly string[]): SqlStatement {
  const edge = buildEdgeTraceSetCtes(query, columns);
  const sql = `${edge.sql},
ingress_candidates AS MATERIALIZED (
  SELECT ${selectedColumns(columns)} FROM ${tierTable('ingress')}
  WHERE ts_ms >= $joinFromMs::BIGINT AND ts_ms < $joinToMs::BIGINT AND trace_key IN (SELECT trace_key FROM edge_rep)
),
ingress_valid AS (
  SELECT * FROM ingress_candidates WHERE rt_state = 'ok'
),
ingress_rep AS MATERIALIZED (${representativeSql('ingress_valid')}
)`;
  return { sql, params: buildTraceSetFilters(query).params };
}
