import type { FieldNames, LogicalField } from '@/lib/domain/field-names';
import type { Tier } from '@/lib/domain/tiers';
import { rawTable, tierTable } from './build-load';
import { sqlString } from './field-access';
import { TRACE_TABLE } from './build-trace-table';
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
export function normalizedDocument(fields: FieldNames, alias: string, traceId: string): string {
  const d = alias;
  const entries: [LogicalField, string][] = [
    ['traceId', traceId],
    ['timestamp', `strftime(make_timestamp(${d}.ts_ms * 1000), '%Y-%m-%dT%H:%M:%S.%gZ')`],
    ['requestTime', timing(`${d}.rt_ms`, `${d}.rt_state`)],
    ['upstreamConnectTime', timing(`${d}.connect_ms`, `${d}.connect_state`)],
    ['upstreamResponseTime', timing(`${d}.response_ms`, `${d}.response_state`)],
    ['upstreamAddr', `${d}.upstream_addr`],
    ['host', `${d}.host`],
    ['appName', `${d}.app`],
    ['path', `${d}.path`],
    ['status', `${d}.status`],
    ['method', `${d}.method`],
    ['proxyUpstreamName', `${d}.proxy_upstream_name`],
  ];
  const pairs = entries.map(([field, value]) => `${sqlString(fields[field])}, ${value}`);
  return `json_object(${pairs.join(', ')}, ${sqlString(NORMALIZED_LINE_KEY)}, ${sqlString(NORMALIZED_LINE_NOTE)})::VARCHAR`;
}

/** Every line of one trace in one tier, at any time, in load order, as stored, with its time as stored. */
export function buildTraceLookupSql(tier: Tier, traceId: string): SqlStatement {
  return {
    sql: `SELECT r.doc, d.ts_ms, false AS normalized
FROM (SELECT doc_id, ts_ms FROM ${tierTable(tier)} WHERE trace_id = $traceId) d JOIN ${rawTable(tier)} r USING (doc_id)
ORDER BY r.doc_id`,
    params: { traceId },
  };
}

/**
 * The lines of one trace in one tier in a snapshot: its raw text, or, for a trace whose raw lines
 * the snapshot did not keep, the document rebuilt from its normalized columns (`normalized`). A
 * snapshot's lines carry no trace id (the trace rows and `trace_keys` do): a trace is found by its key.
 */
export function buildSnapshotTraceLookupSql(tier: Tier, traceId: string, fields: FieldNames): SqlStatement {
  return {
    sql: `SELECT coalesce(r.doc, ${normalizedDocument(fields, 'd', '$traceId')}) AS doc, d.ts_ms, r.doc_id IS NULL AS normalized
FROM ${tierTable(tier)} d LEFT JOIN ${rawTable(tier)} r USING (doc_id)
WHERE d.trace_key IN (SELECT trace_key FROM ${TRACE_TABLE} WHERE trace_id = $traceId UNION ALL SELECT trace_key FROM trace_keys WHERE trace_id = $traceId)
ORDER BY d.doc_id`,
    params: { traceId },
  };
}
