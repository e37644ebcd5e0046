import type { BucketSelection, TracePageRequest } from '@/lib/domain/drill-down';
import type { HistogramName } from '@/lib/domain/histogram-names';
import type { TraceQuery } from '@/lib/domain/query';
import type { TierFieldNames } from '@/lib/domain/field-names';
import { rawTable, tierTable } from './build-load';
import { normalizedDocument } from './build-trace-lookup';
import { buildTraceSetCtes } from './build-trace-set';
import type { SqlStatement } from './sql-statement';
import type { TimeSlice } from './time-slices';

/** Each distribution's value over a trace set row, and which traces it covers. */
const DISTRIBUTION_SQL: Record<HistogramName, { value: string; where: string }> = {
  edge: { value: 'e_rt_ms', where: 'TRUE' },
  ingress: { value: 'i_rt_ms', where: 'i_rt_ms IS NOT NULL' },
  edgeMinusIngress: { value: 'e_rt_ms - i_rt_ms', where: 'i_rt_ms IS NOT NULL' },
  ingressMinusUpstream: { value: 'i_rt_ms - i_response_ms', where: "i_rt_ms IS NOT NULL AND i_response_state = 'ok'" },
};

/** The page's representative lines as stored: a store that keeps every raw line. */
const RAW_LINES = `SELECT page.trace_id, page.e_ts_ms AS ts_ms, page.i_ts_ms, er.doc AS edge_doc, ir.doc AS ingress_doc
FROM page
JOIN ${rawTable('edge')} er ON er.doc_id = page.e_doc_id
LEFT JOIN ${rawTable('ingress')} ir ON ir.doc_id = page.i_doc_id`;

/**
 * The page's representative lines in a snapshot, which keeps the raw text of some traces only:
 * the others are rebuilt from their normalized columns (build-trace-lookup.ts), so the page still
 * lists every trace the bar counts.
 */
const rawOrNormalizedLines = (fields: TierFieldNames) => `SELECT page.trace_id, page.e_ts_ms AS ts_ms, page.i_ts_ms,
  coalesce(er.doc, ${normalizedDocument(fields.edge, 'ed', 'page.trace_id')}) AS edge_doc,
  CASE WHEN page.i_doc_id IS NOT NULL THEN coalesce(ir.doc, ${normalizedDocument(fields.ingress, 'id', 'page.trace_id')}) END AS ingress_doc
FROM page
JOIN ${tierTable('edge')} ed ON ed.doc_id = page.e_doc_id
LEFT JOIN ${tierTable('ingress')} id ON id.doc_id = page.i_doc_id
LEFT JOIN ${rawTable('edge')} er ON er.doc_id = page.e_doc_id
LEFT JOIN ${rawTable('ingress')} ir ON ir.doc_id = page.i_doc_id`;

/**
 * One page of the traces counted in a histogram range whose edge representative lies in `slice`,
 * newest first (edge @timestamp desc, then trace id), after the cursor; `rowLimit` rows at most.
 * The trace set is the histograms' own (build-trace-set.ts), so a page lists exactly the traces a
 * bar counts; the caller walks slices from the newest end of the window and stops once the page
 * is full, so a dense bar reads a sliver of the trace table. Returns the raw representative
 * lines with their times as stored, which the caller normalizes with the domain code.
 */
export function buildBucketTracesSql(
  query: TraceQuery,
  selection: BucketSelection,
  page: TracePageRequest,
  slice: TimeSlice,
  rowLimit: number,
  normalizedFallback: TierFieldNames | null = null,
): SqlStatement {
  const traceSet = buildTraceSetCtes(query, { ingress: true, columns: ['e_doc_id', 'i_doc_id', 'i_ts_ms', 'i_response_ms', 'i_response_state'], slice });
  const params: SqlStatement['params'] = { ...traceSet.params, rowLimit };
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
    filters.push('(e_ts_ms < $cursorTsMs::BIGINT OR (e_ts_ms = $cursorTsMs::BIGINT AND trace_id > $cursorTraceId))');
    Object.assign(params, { cursorTsMs: page.cursor.timestampMs, cursorTraceId: page.cursor.traceId });
  }
  const sql = `
WITH ${traceSet.sql},
page AS (
  SELECT trace_id, e_ts_ms, e_doc_id, i_doc_id, i_ts_ms FROM trace_set
  WHERE ${filters.join(' AND ')}
  ORDER BY e_ts_ms DESC, trace_id ASC
  LIMIT $rowLimit::BIGINT
)
${normalizedFallback === null ? RAW_LINES : rawOrNormalizedLines(normalizedFallback)}
ORDER BY page.e_ts_ms DESC, page.trace_id ASC`;
  return { sql, params };
}
