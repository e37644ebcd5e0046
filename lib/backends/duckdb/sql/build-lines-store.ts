import type { FieldNames, SourceAliases } from '@/lib/domain/field-names';
import type { Tier } from '@/lib/domain/tiers';
import { buildSearchPagesLinesSql, rawTable, stagingTable } from './build-load';
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
 * Gives each tier's line files as the load's staging relation (their normalized columns only), so
 * the load's finishing statements (buildFinishLoadSql with 'VIEW', buildTraceTableSql) build the
 * store exactly as a load of log files does. A view, not a table: the finishing statements read
 * the files' columns they need straight from them (copying them first cost a tenth of the build).
 * The raw text stays in the files, a view too: it is read only for the few lines a drill-down page
 * or a snapshot shows, and copying it cost more than the rest of the build. The files must
 * outlive the store.
 */
export function buildGatherLinesSql(files: Record<Tier, readonly string[]>): string[] {
  return (['edge', 'ingress'] as const).flatMap((tier) => [
    `CREATE OR REPLACE TEMP VIEW ${stagingTable(tier)} AS SELECT * EXCLUDE (doc) FROM read_parquet(${fileList(files[tier])})`,
    `CREATE OR REPLACE VIEW ${rawTable(tier)} AS SELECT doc_id, doc FROM read_parquet(${fileList(files[tier])})`,
  ]);
}
