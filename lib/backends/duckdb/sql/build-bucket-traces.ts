import type { BucketSelection, TracePageRequest } from '@/lib/domain/drill-down';
import type { HistogramName } from '@/lib/domain/histogram-names';
import type { TraceQuery } from '@/lib/domain/query';
import { rawTable, tierTable } from './build-load';
import { buildTraceSetFilters, REPRESENTATIVE_ORDER } from './build-trace-set';
import type { SqlStatement } from './sql-statement';

/** Each distribution's value over (e: edge_rep, i: ingress_rep), and which traces it covers. */
const DISTRIBUTION_SQL: Record<HistogramName, { value: string; where: string }> = {
  edge: { value: 'e.rt_ms', where: 'TRUE' },
  ingress: { value: 'i.rt_ms', where: 'i.trace_key IS NOT NULL' },
  edgeMinusIngress: { value: 'e.rt_ms - i.rt_ms', where: 'i.trace_key IS NOT NULL' },
  ingressMinusUpstream: { value: 'i.rt_ms - i.response_ms', where: "i.trace_key IS NOT NULL AND i.response_state = 'ok'" },
};

/**
 * A necessary condition on an edge line for its trace to be in the range, when the value bounds
 * the edge request_time (an ingress request_time is never negative, so edge − ingress ≥ from
 * implies edge ≥ from): it keeps a sparse bar from joining every trace of a slice.
 */
function edgeLineBound(selection: BucketSelection): string[] {
  const bounds: string[] = [];
  if (selection.histogram === 'edge' || selection.histogram === 'edgeMinusIngress') {
    if (selection.fromMs !== null) bounds.push('rt_ms >= $selectionFromMs::BIGINT');
  }
  if (selection.histogram === 'edge' && selection.toMs !== null) bounds.push('rt_ms < $selectionToMs::BIGINT');
  return bounds;
}

/** The only columns a page reads: the representative's order, the distributions' values and the raw line. */
const EDGE_COLUMNS = 'trace_key, trace_id, ts_ms, rt_ms, response_ms, doc_id, dup_count';
const INGRESS_COLUMNS = 'trace_key, ts_ms, rt_ms, response_ms, response_state, doc_id';

/** A range of edge @timestamp, [fromMs, toMs): the traces whose representative line falls in it. */
export type TimeSlice = { fromMs: number; toMs: number };

/**
 * One page of the traces counted in a histogram range whose edge representative's @timestamp lies
 * in `slice`, newest first (edge @timestamp desc, then trace id), after the cursor; `rowLimit` rows
 * at most. The caller walks slices from the newest end of the window and stops once the page is
 * full, so a page joins the ingress lines of a slice's traces, not of every trace in the window.
 *
 * Same trace set as build-trace-set.ts: a trace's representative is chosen among all its valid
 * lines in the window (a trace with several valid lines is looked up across the whole window, then
 * kept only when its representative falls in the slice; a bound on the edge line only skips lines
 * that cannot be in the range); its ingress line among the valid ingress
 * lines of the widened join window. Returns the raw representative lines, which the caller
 * normalizes with the domain code.
 */
export function buildBucketTracesSql(
  query: TraceQuery,
  selection: BucketSelection,
  page: TracePageRequest,
  slice: TimeSlice,
  rowLimit: number,
): SqlStatement {
  const { windowFilters, validFilters, params: filterParams } = buildTraceSetFilters(query);
  const params: SqlStatement['params'] = { ...filterParams, rowLimit, sliceFromMs: slice.fromMs, sliceToMs: slice.toMs };
  const distribution = DISTRIBUTION_SQL[selection.histogram];
  const filters = [distribution.where];
  if (selection.fromMs !== null) {
    filters.push(`${distribution.value} >= $selectionFromMs::BIGINT`);
    params.selectionFromMs = selection.fromMs;
  }
  if (selection.toMs !== null) {
    filters.push(`${distribution.value} < $selectionToMs::BIGINT`);
    params.selectionToMs = selection.toMs;
  }
  if (page.cursor !== null) {
    filters.push('(e.ts_ms < $cursorTsMs::BIGINT OR (e.ts_ms = $cursorTsMs::BIGINT AND e.trace_id > $cursorTraceId))');
    Object.assign(params, { cursorTsMs: page.cursor.timestampMs, cursorTraceId: page.cursor.traceId });
  }
  const edgeLines = `${tierTable('edge')} WHERE ${[...windowFilters, ...validFilters].join(' AND ')}`;
  const inSlice = 'ts_ms >= $sliceFromMs::BIGINT AND ts_ms < $sliceToMs::BIGINT';
  const sql = `
WITH slice_lines AS MATERIALIZED (
  SELECT ${EDGE_COLUMNS} FROM ${edgeLines} AND ${[inSlice, ...edgeLineBound(selection)].join(' AND ')}
),
edge_rep AS MATERIALIZED (
  SELECT * FROM slice_lines WHERE dup_count = 1
  UNION ALL
  SELECT * FROM (
    SELECT ${EDGE_COLUMNS} FROM ${edgeLines}
      AND dup_count > 1 AND trace_key IN (SELECT trace_key FROM slice_lines WHERE dup_count > 1)
    QUALIFY row_number() OVER (PARTITION BY trace_key ORDER BY ${REPRESENTATIVE_ORDER}) = 1
  ) WHERE ${inSlice}
),
ingress_rep AS MATERIALIZED (
  SELECT ${INGRESS_COLUMNS} FROM ${tierTable('ingress')}
  WHERE ts_ms >= $joinFromMs::BIGINT AND ts_ms < $joinToMs::BIGINT AND rt_state = 'ok'
    AND trace_key IN (SELECT trace_key FROM edge_rep)
  QUALIFY row_number() OVER (PARTITION BY trace_key ORDER BY ${REPRESENTATIVE_ORDER}) = 1
),
page AS (
  SELECT e.trace_id, e.ts_ms, e.doc_id AS edge_doc_id, i.doc_id AS ingress_doc_id
  FROM edge_rep e LEFT JOIN ingress_rep i USING (trace_key)
  WHERE ${filters.join(' AND ')}
  ORDER BY e.ts_ms DESC, e.trace_id ASC
  LIMIT $rowLimit::BIGINT
)
SELECT page.trace_id, page.ts_ms, er.doc AS edge_doc, ir.doc AS ingress_doc
FROM page
JOIN ${rawTable('edge')} er ON er.doc_id = page.edge_doc_id
LEFT JOIN ${rawTable('ingress')} ir ON ir.doc_id = page.ingress_doc_id
ORDER BY page.ts_ms DESC, page.trace_id ASC`;
  return { sql, params };
}
