import type { FieldNames } from '@/lib/domain/field-names';
import type { Tier } from '@/lib/domain/tiers';
import { buildFieldAccess, sqlString } from './field-access';

/** Table of normalized documents for a tier; `doc` keeps the raw line for trace details. */
export const tierTable = (tier: Tier): string => `${tier}_docs`;

/**
 * Loads a tier's NDJSON files (plain or compressed, globs allowed) and normalizes every line in
 * one SQL pass. File paths come from server configuration, not from requests.
 */
export function buildLoadTierSql(tier: Tier, files: readonly string[], fields: FieldNames): string {
  const field = (name: Parameters<typeof buildFieldAccess>[1]) => buildFieldAccess(fields, name, 'doc');
  const fileList = `[${files.map(sqlString).join(', ')}]`;
  return `
CREATE OR REPLACE TABLE ${tierTable(tier)} AS
WITH raw AS (
  SELECT row_number() OVER () AS doc_id, json AS doc
  FROM read_ndjson_objects(${fileList}, format = 'newline_delimited', ignore_errors = false)
),
timed AS (
  SELECT doc_id, doc,
    hs_trace_id(${field('traceId')}) AS trace_id,
    hs_timestamp_ms(${field('timestamp')}) AS ts_ms,
    hs_time(${field('requestTime')}) AS rt,
    hs_time(${field('upstreamConnectTime')}) AS connect,
    hs_time(${field('upstreamResponseTime')}) AS response,
    hs_list_text(${field('upstreamAddr')}) AS upstream_addr,
    hs_text(${field('host')}) AS host,
    hs_text(${field('appName')}) AS app,
    hs_text(${field('path')}) AS path
  FROM raw
)
SELECT doc_id, CAST(doc AS VARCHAR) AS doc, trace_id, ts_ms,
  rt.total AS rt_ms, rt.state AS rt_state,
  connect.total AS connect_ms, connect.state AS connect_state,
  response.total AS response_ms, response.state AS response_state,
  upstream_addr, host, app, path
FROM timed
ORDER BY ts_ms`;
}

/** Point lookups by trace id (trace details) use an ART index instead of a scan. */
export function buildTraceIndexSql(tier: Tier): string {
  return `CREATE INDEX IF NOT EXISTS ${tier}_trace_id_idx ON ${tierTable(tier)} (trace_id)`;
}
