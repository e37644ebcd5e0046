import 'server-only';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { FieldNames } from '@/lib/domain/field-names';
import { TIERS, type Tier } from '@/lib/domain/tiers';
import type { DuckdbConfig } from '@/lib/server/config';
import { AppError } from '@/lib/server/errors';
import { buildFinishLoadSql, buildLoadTierSql, buildTraceIndexSql, buildUnreadableCountSql, tierTable } from './sql/build-load';
import { LIST_MACRO_STATEMENTS, MACRO_STATEMENTS } from './sql/macros';
import type { SqlStatement } from './sql/sql-statement';

export type LoadedStore = {
  instance: DuckDBInstance;
  lineCounts: Record<Tier, number>;
  /** Lines skipped at load because they are not JSON objects or not UTF-8; they have no time. */
  unreadableLines: Record<Tier, number>;
  loadMs: number;
};

/**
 * Opens DuckDB and loads both tiers' files, normalizing them in SQL. Loading happens once per
 * process; every query then opens a short-lived connection of its own.
 */
export async function openStore(config: DuckdbConfig, fields: FieldNames): Promise<LoadedStore> {
  const started = performance.now();
  const instance = await DuckDBInstance.create(config.databasePath ?? ':memory:');
  const connection = await instance.connect();
  try {
    await connection.run("SET TimeZone = 'UTC'");
    for (const statement of [...LIST_MACRO_STATEMENTS, ...MACRO_STATEMENTS]) await connection.run(statement);
    for (const tier of TIERS) {
      const files = tier === 'edge' ? config.edgeFiles : config.ingressFiles;
      try {
        for (const statement of buildLoadTierSql(tier, files, fields)) await connection.run(statement);
      } catch (error) {
        throw new AppError('config_error', `could not load the ${tier} log files (${files.join(', ')}): ${firstLine(error)}`, undefined, {
          cause: error,
        });
      }
    }
    for (const statement of [...buildFinishLoadSql(), ...TIERS.map(buildTraceIndexSql)]) await connection.run(statement);
    const counts = await connection.runAndReadAll(
      `SELECT (SELECT count(*) FROM ${tierTable('edge')}) AS edge, (SELECT count(*) FROM ${tierTable('ingress')}) AS ingress`,
    );
    const row = counts.getRowObjects()[0];
    const lineCounts = { edge: Number(row?.edge ?? 0), ingress: Number(row?.ingress ?? 0) };
    const unreadableLines = { edge: 0, ingress: 0 };
    for (const tier of TIERS) {
      const unreadable = await connection.runAndReadAll(buildUnreadableCountSql(tier));
      unreadableLines[tier] = Number(unreadable.getRowObjects()[0]?.n ?? 0);
    }
    return { instance, lineCounts, unreadableLines, loadMs: Math.round(performance.now() - started) };
  } finally {
    connection.closeSync();
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
}

/** Runs one statement on a fresh connection; an abort interrupts the running query. */
export async function runStatement(
  instance: DuckDBInstance,
  statement: SqlStatement,
  signal?: AbortSignal,
): Promise<Record<string, unknown>[]> {
  if (signal?.aborted) throw new AppError('backend_timeout', 'the request was cancelled');
  const connection: DuckDBConnection = await instance.connect();
  const interrupt = () => connection.interrupt();
  signal?.addEventListener('abort', interrupt, { once: true });
  try {
    const reader = await connection.runAndReadAll(statement.sql, statement.params);
    return reader.getRowObjects() as Record<string, unknown>[];
  } catch (error) {
    if (signal?.aborted) throw new AppError('backend_timeout', 'the request was cancelled', undefined, { cause: error });
    throw new AppError('backend_error', `embedded store query failed: ${firstLine(error)}`, undefined, { cause: error });
  } finally {
    signal?.removeEventListener('abort', interrupt);
    connection.closeSync();
  }
}
