import type { FieldNames, LogicalField } from '@/lib/domain/field-names';
import type { Tier } from '@/lib/domain/tiers';
import { rawTable, tierTable } from './build-load';
import { sqlString } from './field-access';
import type { SqlStatement } from './sql-statement';

/** The key a line rebuilt from its normalized columns carries, saying so where the raw line would be read. */
export const NORMALIZED_LINE_KEY = 'hopscope_note';
export const NORMALIZED_LINE_NOTE = 'raw line not kept in this snapshot: normalized fields only';

/** A timing column as nginx writes it: seconds with milliseconds, "-" when nginx wrote none, absent when the value was invalid. */
const timing = (column: string, state: string) =>
  `CASE WHEN ${state} = 'ok' THEN printf('%.3f', ${column} / 1000) WHEN ${state} = 'missing' THEN '-' END`;

/**
 * A line's document rebuilt from its normalized columns, under the configured field names: what a
 * snapshot answers for a line whose raw text it did not keep (the live store keeps every raw line,
 * so it never needs it). Lists of upstream attempts come back as their sums.
 */
function normalizedDocument(fields: FieldNames): string {
  const entries: [LogicalField, string][] = [
    ['traceId', 'd.trace_id'],
    ['timestamp', `strftime(make_timestamp(d.ts_ms * 1000), '%Y-%m-%dT%H:%M:%S.%gZ')`],
    ['requestTime', timing('d.rt_ms', 'd.rt_state')],
    ['upstreamConnectTime', timing('d.connect_ms', 'd.connect_state')],
    ['upstreamResponseTime', timing('d.response_ms', 'd.response_state')],
    ['upstreamAddr', 'd.upstream_addr'],
    ['host', 'd.host'],
    ['appName', 'd.app'],
    ['path', 'd.path'],
    ['status', 'd.status'],
    ['method', 'd.method'],
    ['proxyUpstreamName', 'd.proxy_upstream_name'],
  ];
  const pairs = entries.map(([field, value]) => `${sqlString(fields[field])}, ${value}`);
  return `json_object(${pairs.join(', ')}, ${sqlString(NORMALIZED_LINE_KEY)}, ${sqlString(NORMALIZED_LINE_NOTE)})::VARCHAR`;
}

/**
 * Every line of one trace in one tier, at any time, in load order: its raw text, or, in a
 * snapshot that did not keep it, the document rebuilt from its normalized columns (`normalized`).
 */
export function buildTraceLookupSql(tier: Tier, traceId: string, fields: FieldNames): SqlStatement {
  return {
    sql: `SELECT coalesce(r.doc, ${normalizedDocument(fields)}) AS doc, r.doc_id IS NULL AS normalized
FROM ${tierTable(tier)} d LEFT JOIN ${rawTable(tier)} r USING (doc_id)
WHERE d.trace_id = $traceId
ORDER BY d.doc_id`,
    params: { traceId },
  };
}
