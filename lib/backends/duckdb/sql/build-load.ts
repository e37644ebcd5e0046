import type { FieldNames, LogicalField, SourceAliases } from '@/lib/domain/field-names';
import type { Tier } from '@/lib/domain/tiers';
import { fieldPointers, sqlString } from './field-access';

/** Narrow table of normalized lines per tier: what every aggregation reads. */
export const tierTable = (tier: Tier): string => `${tier}_docs`;
/** Normalized lines before trace keys and duplicate counts are attached. */
export const stagingTable = (tier: Tier): string => `${tier}_staging`;
/** The raw lines as stored, by doc_id: read only for drill-down pages and trace details. */
export const rawTable = (tier: Tier): string => `${tier}_raw`;

const LOADED_FIELDS: readonly LogicalField[] = [
  'traceId', 'timestamp', 'requestTime', 'upstreamConnectTime', 'upstreamResponseTime', 'upstreamAddr', 'host', 'appName', 'path',
  'status', 'method', 'proxyUpstreamName',
];

/**
 * The normalized lines of `documents` (a relation with a JSON column `doc`, objects only): each
 * document parsed twice in all, for every path's JSON type and for every path's text (macros.ts
 * takes a value as these two), then the macros turn values into integer milliseconds. `carried`
 * columns of `documents` come along first. `timestampMs`, when given, is the SQL of each line's
 * time, known already (Elasticsearch's own parse of it): the document's time is then not read.
 */
function normalizedLinesSql(documents: string, fields: FieldNames, carried: readonly string[], timestampMs?: string, aliases: SourceAliases = {}): string {
  const pointers: string[] = [];
  const valueOf = new Map<LogicalField, string>();
  for (const field of LOADED_FIELDS) {
    if (field === 'timestamp' && timestampMs !== undefined) continue;
    // Where the field may be, in the order readField tries them: the configured name (a dotted one
    // nested, then flat), then each alias path. The first present wins (a JSON null there is a value).
    const at = [fields[field], ...(aliases[field] ?? [])].flatMap(fieldPointers).map((pointer) => pointers.push(pointer));
    if (at.length === 1) {
      valueOf.set(field, `t[${at[0]}], s[${at[0]}]`);
    } else {
      const present = at.map((index) => `WHEN t[${index}] IS NOT NULL THEN s[${index}]`).join(' ');
      valueOf.set(field, `coalesce(${at.map((index) => `t[${index}]`).join(', ')}), CASE ${present} END`);
    }
  }
  const value = (field: LogicalField) => valueOf.get(field)!;
  const carry = carried.map((column) => `${column}, `).join('');
  const paths = `[${pointers.map(sqlString).join(', ')}]`;
  const known = timestampMs === undefined ? '' : `${timestampMs} AS known_ts_ms, `;
  return `WITH extracted AS (
  SELECT ${carry}${known}json_type(doc, ${paths}) AS t, json_extract_string(doc, ${paths}) AS s FROM ${documents}
),
normalized AS (
  SELECT ${carry}
    hs_trace_id(${value('traceId')}) AS trace_id,
    ${timestampMs === undefined ? `hs_timestamp_ms(${value('timestamp')})` : 'known_ts_ms'} AS ts_ms,
    hs_time(${value('requestTime')}) AS rt,
    hs_time(${value('upstreamConnectTime')}) AS connect,
    hs_time(${value('upstreamResponseTime')}) AS response,
    hs_list_text(${value('upstreamAddr')}) AS upstream_addr,
    hs_text(${value('host')}) AS host,
    hs_text(${value('appName')}) AS app,
    hs_text(${value('path')}) AS path,
    hs_text(${value('status')}) AS status,
    hs_text(${value('method')}) AS method,
    hs_text(${value('proxyUpstreamName')}) AS proxy_upstream_name
  FROM extracted
)
SELECT ${carry}trace_id, ts_ms,
  rt.total AS rt_ms, rt.state AS rt_state,
  connect.total AS connect_ms, connect.state AS connect_state,
  response.total AS response_ms, response.state AS response_state,
  upstream_addr, host, app, path, status, method, proxy_upstream_name
FROM normalized`;
}

/**
 * Loads a tier's NDJSON files (plain or compressed, globs allowed) and normalizes every line in
 * one SQL pass (normalizedLinesSql). File paths come from server configuration, never from a
 * request. The narrow table is sorted by time so window filters skip whole row groups.
 *
 * A line that is not JSON or not UTF-8 would make DuckDB's reader refuse the whole file; with
 * `ignore_errors` it becomes a raw row whose doc is NULL (as does a JSON line that is no object), left out of the normalized table and
 * counted by buildUnreadableCountSql (such a line has no time, so no window can own it).
 */
export function buildLoadTierSql(tier: Tier, files: readonly string[], fields: FieldNames): string[] {
  const fileList = `[${files.map(sqlString).join(', ')}]`;
  return [
    `CREATE OR REPLACE TABLE ${rawTable(tier)} AS
SELECT row_number() OVER () AS doc_id, CASE WHEN json_type(json) = 'OBJECT' THEN json END AS doc
FROM read_ndjson_objects(${fileList}, format = 'newline_delimited', ignore_errors = true)`,
    `CREATE OR REPLACE TEMP TABLE ${stagingTable(tier)} AS
${normalizedLinesSql(`${rawTable(tier)} WHERE doc IS NOT NULL`, fields, ['doc_id'])}`,
  ];
}

/**
 * The documents of Elasticsearch search answers, one answer a file (as
 * lib/backends/elasticsearch/materialize writes them; `files` a glob), normalized as a load
 * normalizes log lines, each with its `_source` as `doc`: one streaming pass holding one answer at
 * a time. Each answer is read whole (read_text): DuckDB's line reader buffered several times a
 * multi-megabyte line and ran out of a small memory limit.
 *
 * A line's time is the one Elasticsearch parsed: each hit's time field as a doc value in epoch
 * milliseconds (`docvalue_fields`, read-slice.ts), so a mapping's own date format (epoch_second,
 * `yyyy/MM/dd HH:mm:ss`, …) places the line where Elasticsearch's slices and ranges put it.
 * `aliases`: where `_source` keeps a field whose configured name the mapping declares an alias.
 */
export function buildSearchPagesLinesSql(files: string, fields: FieldNames, aliases: SourceAliases = {}): string {
  if (fields.timestamp.includes('"')) throw new Error(`a time field name cannot hold a double quote: ${fields.timestamp}`);
  // Only objects are documents: json_extract writes a value's JSON compactly, so an object's text
  // starts with its brace (cheaper than parsing each document once more for its type).
  // Each hit with where it is: the answer's number (its file is named by it, 000042.json) and its
  // place in the answer, so lines are numbered as they stream (no window over a whole slice).
  // A wildcard path skips the hits that lack the key: every hit of a slice has the doc value (it
  // was chosen by a range on it) and should have its _source, so a count that differs is an error
  // (an index that keeps no _source, most likely), never shifted times.
  const times = `json_extract_string(content, ${sqlString(`$.hits.hits[*].fields."${fields.timestamp}"[0]`)})`;
  const unpaired = sqlString(
    `a document came back without its _source (or its time field ${fields.timestamp} as a doc value): hopscope reads lines from _source`,
  );
  const documents = `(SELECT page_no, hit_no, doc, es_time FROM (
  SELECT page_no, unnest(sources) AS doc, unnest(times) AS es_time, unnest(range(len(sources))) AS hit_no FROM (
    SELECT sources, page_no,
      CASE WHEN len(times) = len(sources) THEN times
        ELSE error(${unpaired}) END AS times
    FROM (
      SELECT json_extract(content, '$.hits.hits[*]._source') AS sources, ${times} AS times,
        coalesce(TRY_CAST(regexp_extract(filename, '(\\d+)\\.json$', 1) AS BIGINT), 0) AS page_no
      FROM read_text(${sqlString(files)})
    )
  )
) WHERE starts_with(doc, '{'))`;
  // epoch_millis of a date_nanos field has a fraction ("1605780000000.123456"): truncated, as a text time's extra digits are.
  return normalizedLinesSql(documents, fields, ['page_no', 'hit_no', 'doc'], `TRY_CAST(split_part(es_time, '.', 1) AS BIGINT)`, aliases);
}

/**
 * How a store's tables are laid out: sorted by time, so window filters skip whole row groups (a
 * store of log files, loaded once and asked about any part of it), or as the lines were read (a
 * materialized Elasticsearch window, built on every cold read and asked mostly about the whole of
 * it: the sorts were a quarter of its build, and a narrower view scans all of its rows in a few
 * milliseconds more).
 */
export type TableOrder = 'by-time' | 'as-read';

export const orderByTime = (order: TableOrder, column: string): string => (order === 'by-time' ? `\nORDER BY ${column}` : '');

/**
 * After both tiers are staged: every trace id gets a numeric key shared by both tiers (joins on
 * integers, not strings), and every line the number of valid lines its trace has in its tier, so
 * queries de-duplicate only the few traces that need it. `staged` says what the staging relations
 * are: tables a load computed, or views over line files (build-lines-store.ts), dropped alike once
 * read.
 */
export function buildFinishLoadSql(staged: 'TABLE' | 'VIEW' = 'TABLE', order: TableOrder = 'by-time'): string[] {
  const valid = "trace_id IS NOT NULL AND rt_state = 'ok'";
  return [
    `CREATE OR REPLACE TABLE trace_keys AS
SELECT trace_id, row_number() OVER () AS trace_key
FROM (SELECT trace_id FROM ${stagingTable('edge')} WHERE trace_id IS NOT NULL
      UNION SELECT trace_id FROM ${stagingTable('ingress')} WHERE trace_id IS NOT NULL)`,
    ...(['edge', 'ingress'] as const).flatMap((tier) => [
      `CREATE OR REPLACE TABLE ${tierTable(tier)} AS
WITH duplicated AS (
  SELECT trace_id, count(*) AS dup_count FROM ${stagingTable(tier)} WHERE ${valid} GROUP BY trace_id HAVING count(*) > 1
)
SELECT s.*, k.trace_key, coalesce(d.dup_count, 1) AS dup_count
FROM ${stagingTable(tier)} s
LEFT JOIN trace_keys k USING (trace_id)
LEFT JOIN duplicated d USING (trace_id)${orderByTime(order, 's.ts_ms')}`,
      `DROP ${staged} ${stagingTable(tier)}`,
    ]),
  ];
}

/** Point lookups by trace id (trace details) use an ART index instead of a scan. */
export function buildTraceIndexSql(tier: Tier): string {
  return `CREATE INDEX IF NOT EXISTS ${tier}_trace_id_idx ON ${tierTable(tier)} (trace_id)`;
}

/** Lines of the tier's files that could not be read as a JSON object (invalid JSON or invalid UTF-8). */
export function buildUnreadableCountSql(tier: Tier): string {
  return `SELECT count(*) AS n FROM ${rawTable(tier)} WHERE doc IS NULL`;
}

/** Lines of each tier whose time could not be read (ts_ms NULL): in no window, so in no answer. */
export function buildUntimedCountSql(): string {
  return `SELECT (SELECT count(*) FROM ${tierTable('edge')} WHERE ts_ms IS NULL) AS edge, (SELECT count(*) FROM ${tierTable('ingress')} WHERE ts_ms IS NULL) AS ingress`;
}
