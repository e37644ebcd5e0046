import type { TraceQuery } from '@/lib/domain/query';
import type { SlowRange } from '@/lib/domain/triage/slow-range';
import { SEGMENT_NAMES, type SegmentName } from '@/lib/domain/triage/segments';
import { buildTraceSetCtes } from '../build-trace-set';
import { sqlString } from '../field-access';
import type { SqlStatement } from '../sql-statement';
import { buildSlowCondition } from './slow-condition';

/**
 * Each segment over a trace set row (e_: edge representative, i_: ingress), as computeSegments in lib/domain/trace.ts
 * defines it. A missing time is NULL in the trace table, so a segment that cannot be computed is
 * NULL here and its trace is not attributable.
 */
export const SEGMENT_SQL: Readonly<Record<SegmentName, string>> = {
  edgeOwn: 'e_rt_ms - e_response_ms',
  edgeToIngress: 'e_response_ms - i_rt_ms',
  ingressOwn: 'i_rt_ms - i_response_ms',
  ingressConnect: 'i_connect_ms',
  app: 'i_response_ms - i_connect_ms',
};

const column = (name: SegmentName) => `seg_${name}`;

/** The segments that do not read the ingress connect time: a joined trace with all of them lacks only that. */
const CONNECT_FREE_SEGMENTS: readonly SegmentName[] = ['edgeOwn', 'edgeToIngress', 'ingressOwn'];

/**
 * One pass over the trace set returning rows (kind, name, slow, value_ms, n), slow meaning edge
 * request_time in `slow` (buildSlowCondition):
 * - count/traces|joined|attributable by slow, connect_missing: joined traces that lack only
 *   the ingress connect time (their log lines carry no upstream_connect_time), and
 *   edge_response_missing: joined traces whose edge line has no upstream response time;
 * - dist/<segment> per value and slow, over attributable traces;
 * - dominant/<segment> for slow attributable traces: the largest segment, the first in
 *   SEGMENT_NAMES order on a tie (CASE takes the first equal branch).
 */
export function buildSegmentStatsSql(query: TraceQuery, slow: SlowRange): SqlStatement {
  // Only the timings the segments read: copying every column into the materialized CTEs spills under the memory limit.
  const traceSet = buildTraceSetCtes(query, { ingress: true, columns: ['e_response_ms', 'i_response_ms', 'i_connect_ms'] });
  const isSlow = buildSlowCondition(slow);
  const columns = SEGMENT_NAMES.map((name) => `${SEGMENT_SQL[name]} AS ${column(name)}`).join(',\n    ');
  const largest = `greatest(${SEGMENT_NAMES.map(column).join(', ')})`;
  const dominant = `CASE ${largest} ${SEGMENT_NAMES.map((name) => `WHEN ${column(name)} THEN ${sqlString(name)}`).join(' ')} END`;
  const distributions = SEGMENT_NAMES.map(
    (name) =>
      `UNION ALL SELECT 'dist', ${sqlString(name)}, slow, ${column(name)}, count(*) FROM attributable GROUP BY slow, ${column(name)}`,
  ).join('\n');
  const sql = `
WITH ${traceSet.sql},
traces AS MATERIALIZED (
  SELECT ${isSlow.sql} AS slow, i_rt_ms IS NOT NULL AS joined, e_response_ms IS NULL AS edge_response_missing,
    ${columns}
  FROM trace_set
),
attributable AS MATERIALIZED (
  SELECT * FROM traces WHERE ${SEGMENT_NAMES.map((name) => `${column(name)} IS NOT NULL`).join(' AND ')}
)
SELECT 'count' AS kind, 'traces' AS name, slow, NULL::BIGINT AS value_ms, count(*) AS n FROM traces GROUP BY slow
UNION ALL SELECT 'count', 'joined', slow, NULL, count(*) FROM traces WHERE joined GROUP BY slow
UNION ALL SELECT 'count', 'attributable', slow, NULL, count(*) FROM attributable GROUP BY slow
UNION ALL SELECT 'count', 'connect_missing', slow, NULL, count(*) FROM traces
  WHERE joined AND ${column('ingressConnect')} IS NULL AND ${CONNECT_FREE_SEGMENTS.map((name) => `${column(name)} IS NOT NULL`).join(' AND ')} GROUP BY slow
UNION ALL SELECT 'count', 'edge_response_missing', slow, NULL, count(*) FROM traces WHERE joined AND edge_response_missing GROUP BY slow
${distributions}
UNION ALL SELECT 'dominant', ${dominant}, TRUE, NULL, count(*) FROM attributable WHERE slow GROUP BY 2`;
  return { sql, params: { ...traceSet.params, ...isSlow.params } };
}
