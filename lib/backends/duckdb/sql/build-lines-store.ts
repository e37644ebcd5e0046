import type { FieldNames } from '@/lib/domain/field-names';
import type { Tier } from '@/lib/domain/tiers';
import { buildLoadTierSql, rawTable, stagingTable } from './build-load';
import { sqlString } from './field-access';

/**
 * A store assembled from line files: each file holds one tier's normalized lines of a stretch of
 * time with their raw text (`doc`), as buildLineFileSql writes them. Elasticsearch's materialized
 * slices are such files (docs/ARCHITECTURE.md, "Materialized windows").
 */

/** Where a tier's staged lines are gathered before the raw text is split off. */
const gatheredTable = (tier: Tier) => `${tier}_gathered`;

const fileList = (files: readonly string[]) => `[${files.map(sqlString).join(', ')}]`;

/**
 * Normalizes one tier's NDJSON file with the embedded store's own load (buildLoadTierSql) and
 * writes the normalized lines with their raw text as one Parquet file, sorted by time. Run in a
 * scratch database: the tables it creates are dropped by the caller's database closing.
 */
export function buildLineFileSql(tier: Tier, ndjsonFile: string, fields: FieldNames, parquetFile: string): string[] {
  return [
    ...buildLoadTierSql(tier, [ndjsonFile], fields),
    `COPY (SELECT s.*, r.doc FROM ${stagingTable(tier)} s JOIN ${rawTable(tier)} r USING (doc_id) ORDER BY s.ts_ms, s.doc_id)
TO ${sqlString(parquetFile)} (FORMAT parquet, COMPRESSION zstd)`,
  ];
}

/**
 * Reads each tier's line files into the load's staging and raw tables, numbering the lines
 * afresh (each file numbers its own from 1), so the load's finishing statements
 * (buildFinishLoadSql, buildTraceTableSql) build the store exactly as a load of log files does.
 */
export function buildGatherLinesSql(files: Record<Tier, readonly string[]>): string[] {
  return (['edge', 'ingress'] as const).flatMap((tier) => [
    `CREATE OR REPLACE TABLE ${gatheredTable(tier)} AS
SELECT row_number() OVER () AS doc_id, * EXCLUDE (doc_id) FROM read_parquet(${fileList(files[tier])})`,
    `CREATE OR REPLACE TABLE ${rawTable(tier)} AS SELECT doc_id, doc FROM ${gatheredTable(tier)}`,
    `CREATE OR REPLACE TABLE ${stagingTable(tier)} AS SELECT * EXCLUDE (doc) FROM ${gatheredTable(tier)}`,
    `DROP TABLE ${gatheredTable(tier)}`,
  ]);
}
