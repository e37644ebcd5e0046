import type { FieldNames, SourceAliases } from '@/lib/domain/field-names';
import type { Tier } from '@/lib/domain/tiers';
import { buildSearchPagesLinesSql, rawTable, stagingTable, tierTable, VALID_LINE } from './build-load';
import { sqlString } from './field-access';

/**
 * A store assembled from line files: each file holds one tier's normalized lines of a stretch of
 * time with their raw text (`doc`) and ids unique across files, as buildLineFileSql writes them.
 * Elasticsearch's materialized slices are such files (docs/ARCHITECTURE.md, "Materialized windows").
 */

const fileList = (files: readonly string[]) => `[${files.map(sqlString).join(', ')}]`;

/**
 * Normalizes Elasticsearch search answers (one a file, `pagesGlob`, named by their number:
 * 000000.json, 000001.json, …, each of at most `pageHits` hits) as the embedded store's load
 * normalizes log lines, and writes the normalized lines with their raw text (`doc`) as one Parquet
 * file, in one streaming statement (the store sorts the lines when built). A line's id is
 * `firstDocId` + its answer's number × `pageHits` + its place in the answer: in reading order,
 * unique across the files of a store when the caller makes `firstDocId` so. zstd at level 1: on a
 * window's answers both smaller and cheaper than the default level (116 against 125 MB).
 */
export function buildLineFileSql(pagesGlob: string, fields: FieldNames, aliases: SourceAliases, parquetFile: string, firstDocId: number, pageHits: number): string {
  if (!Number.isSafeInteger(firstDocId) || firstDocId < 0) throw new Error(`a line file's first id must be a safe non-negative integer, got ${firstDocId}`);
  if (!Number.isSafeInteger(pageHits) || pageHits < 1) throw new Error(`a page's hits must be a positive integer, got ${pageHits}`);
  return `COPY (SELECT ${firstDocId}::BIGINT + page_no * ${pageHits} + hit_no AS doc_id, * EXCLUDE (page_no, hit_no) FROM (${buildSearchPagesLinesSql(pagesGlob, fields, aliases)}))
TO ${sqlString(parquetFile)} (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1, ROW_GROUP_SIZE 32768)`;
}

/**
 * Gives each tier's line files as the load's staging relation (their normalized columns only):
 * what the store's tier tables are made from (buildHashedTierTablesSql, or buildFinishLoadSql
 * with 'VIEW' when hashed keys collide). A view, not a table: the statements read the columns
 * they need straight from the files (copying them first cost a tenth of the build). The raw text
 * stays in the files, a view too: it is read only for the few lines a drill-down page or a
 * snapshot shows, and copying it cost more than the rest of the build. The files must outlive the
 * store.
 */
export function buildGatherLinesSql(files: Record<Tier, readonly string[]>): string[] {
  return (['edge', 'ingress'] as const).flatMap((tier) => [
    `CREATE OR REPLACE TEMP VIEW ${stagingTable(tier)} AS SELECT * EXCLUDE (doc) FROM read_parquet(${fileList(files[tier])})`,
    `CREATE OR REPLACE VIEW ${rawTable(tier)} AS SELECT doc_id, doc FROM read_parquet(${fileList(files[tier])})`,
  ]);
}

/**
 * How a store of line files keys a trace id (SQL of an expression over it): DuckDB's 64-bit hash,
 * computed where the lines are read, so no table over both tiers' ids is built (numbering them
 * and joining every line to its number by text was a third of a window's build). Two ids of a
 * window sharing a hash (fewer than one window in ten million at a million traces) would read as
 * one trace: buildHashedKeyCollisionsSql finds them first, and such a store is keyed by numbering
 * instead. Tests give a weak hash to make ids collide.
 */
export type TraceIdHash = (traceId: string) => string;
export const TRACE_ID_HASH: TraceIdHash = (traceId) => `hash(${traceId})`;

/** A line's hashed trace key: NULL without a trace id, as a numbered key is. */
const hashedTraceKey = (hashId: TraceIdHash, traceId = 'trace_id') => `CASE WHEN ${traceId} IS NOT NULL THEN ${hashId(traceId)} END`;

/**
 * Hashed keys (TraceIdHash) that two different trace ids of the staged lines share, in either
 * tier or across them. Ids are told apart by a second hash, of the id reversed, so no text is
 * compared (grouping a million ids by their text cost as much as the numbering this replaces):
 * two ids sharing both hashes go unseen, a chance of one in 2^64 for each pair already sharing
 * the first (a pair of palindromic ids aside, whose reversed hashes are their hashes).
 */
export function buildHashedKeyCollisionsSql(hashId: TraceIdHash = TRACE_ID_HASH): string {
  const keyed = (tier: Tier) => `SELECT ${hashId('trace_id')} AS trace_key, hash(reverse(trace_id)) AS id_check FROM ${stagingTable(tier)} WHERE trace_id IS NOT NULL`;
  return `SELECT count(*) AS collisions FROM (
  SELECT trace_key FROM (${keyed('edge')} UNION ALL ${keyed('ingress')}) GROUP BY trace_key HAVING min(id_check) <> max(id_check)
)`;
}

/**
 * The tier tables of a store of line files when no hashed keys collide: each line with its hashed
 * trace key and the number of valid lines its trace has in its tier, as buildFinishLoadSql gives
 * them (the same columns in the same order), with `trace_keys` a view (read only by a snapshot).
 * Tables, not views of the files: the answers that read lines (drill-down pages, connect
 * timelines, the traces straddling a join window) scan them, and from the files each took 2–5×
 * longer. Drops the staging views once read.
 */
export function buildHashedTierTablesSql(hashId: TraceIdHash = TRACE_ID_HASH): string[] {
  // The key computed where it is used rather than in a shared subquery, which DuckDB kept whole (slower).
  const key = hashedTraceKey(hashId);
  const lineKey = hashedTraceKey(hashId, 's.trace_id');
  return [
    ...(['edge', 'ingress'] as const).flatMap((tier) => [
      `CREATE OR REPLACE TABLE ${tierTable(tier)} AS
WITH duplicated AS (
  SELECT ${key} AS trace_key, count(*) AS dup_count FROM ${stagingTable(tier)} WHERE ${VALID_LINE} GROUP BY 1 HAVING count(*) > 1
)
SELECT s.*, ${lineKey} AS trace_key, coalesce(d.dup_count, 1) AS dup_count
FROM ${stagingTable(tier)} s LEFT JOIN duplicated d ON d.trace_key = ${lineKey}`,
      `DROP VIEW ${stagingTable(tier)}`,
    ]),
    `CREATE OR REPLACE VIEW trace_keys AS
SELECT DISTINCT trace_id, trace_key FROM (
  SELECT trace_id, trace_key FROM ${tierTable('edge')} WHERE trace_id IS NOT NULL
  UNION ALL SELECT trace_id, trace_key FROM ${tierTable('ingress')} WHERE trace_id IS NOT NULL
)`,
  ];
}
