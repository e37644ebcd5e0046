import type { BucketSelection, TracePageRequest } from '@/lib/domain/drill-down';
import type { HistogramName } from '@/lib/domain/histogram-names';
import type { TraceQuery } from '@/lib/domain/query';
import { rawTable } from './build-load';
import { buildTraceSetCtes } from './build-trace-set';
import type { SqlStatement } from './sql-statement';

/** Each distribution's value over (e: edge_rep, i: ingress_rep), and which traces it covers. */
const DISTRIBUTION_SQL: Record<HistogramName, { value: string; where: string }> = {
  edge: { value: 'e.rt_ms', where: 'TRUE' },
  ingress: { value: 'i.rt_ms', where: 'i.trace_id IS NOT NULL' },
  edgeMinusIngress: { value: 'e.rt_ms - i.rt_ms', where: 'i.trace_id IS NOT NULL' },
  ingressMinusUpstream: { value: 'i.rt_ms - i.response_ms', where: "i.trace_id IS NOT NULL AND i.response_state = 'ok'" },
};

/**
 * One page of the traces counted in a histogram range, newest first (edge @timestamp desc, then
 * trace id), after the cursor; one extra row tells whether another page follows. Returns the raw
 * representative lines, which the caller normalizes with the domain code.
 */
export function buildBucketTracesSql(query: TraceQuery, selection: BucketSelection, page: TracePageRequest): SqlStatement {
  const traceSet = buildTraceSetCtes(query);
  const params = { ...traceSet.params, rowLimit: page.limit + 1 };
  const distribution = DISTRIBUTION_SQL[selection.histogram];
  const filters = [distribution.where];
  if (selection.fromMs !== null) {
    filters.push(`${distribution.value} >= $selectionFromMs::BIGINT`);
    Object.assign(params, { selectionFromMs: selection.fromMs });
  }
  if (selection.toMs !== null) {
    filters.push(`${distribution.value} < $selectionToMs::BIGINT`);
    Object.assign(params, { selectionToMs: selection.toMs });
  }
  if (page.cursor !== null) {
    filters.push('(e.ts_ms < $cursorTsMs::BIGINT OR (e.ts_ms = $cursorTsMs::BIGINT AND e.trace_id > $cursorTraceId))');
    Object.assign(params, { cursorTsMs: page.cursor.timestampMs, cursorTraceId: page.cursor.traceId });
  }
  const sql = `
WITH ${traceSet.sql},
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
