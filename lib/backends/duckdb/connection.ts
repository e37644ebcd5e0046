import 'server-only';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { FieldNames, SourceAliases, TierFieldNames } from '@/lib/domain/field-names';
import { TIERS, type Tier } from '@/lib/domain/tiers';
import type { DuckdbConfig } from '@/lib/server/core/config';
import { AppError, requestCancelled } from '@/lib/server/core/errors';
import { buildFinishLoadSql, buildTraceIndexSql, buildUnreadableCountSql, rawTable, stagingTable, tierTable } from './sql/build-load';
import { buildTraceTableSql, TRACE_TABLE } from './sql/build-trace-table';
import { buildSnapshotCountsSql, buildSnapshotExportSql, buildSnapshotOpenSql, type SnapshotExportPlan } from './sql/build-snapshot-export';
import { buildGatherLinesSql, buildLineFileSql } from './sql/build-lines-store';
import { sqlString } from './sql/field-access';
import type { LoadProgressSink } from './load-progress';
import { discardConverted, loadTier, prepareTier, type TierFormat } from './load-tier';
import { resolveLogSources } from './log-sources';
import { LIST_MACRO_STATEMENTS, MACRO_STATEMENTS } from './sql/macros';
import { describeInputChange, dropManifest, readManifest, toStoreInputs, writeManifest, type StoreOrigin } from './store-manifest';
import type { SqlStatement } from './sql/sql-statement';
import { cancelOnExit, isProcessAlive, onExit } from '@/lib/backends/process-exit';

export type { TierFormat };

export type LoadedStore = {
  instance: DuckDBInstance;
  formats: Record<Tier, TierFormat>;
  lineCounts: Record<Tier, number>;
  /** Lines skipped at load because they are not JSON objects, not UTF-8 or not in the tier's log_format; they have no time. */
  unreadableLines: Record<Tier, number>;
  loadMs: number;
  /** Whether the tables were loaded now or reused from a persistent store, and why. */
  origin: StoreOrigin;
  /** Closes the database and removes the temporary folder the store created, if any. */
  close: () => void;
};

/**
 * DuckDB's memory for the store: what does not fit spills to the temporary directory. DuckDB's
 * threads, the load's JSON reader and the Next.js server (about 200 MB) come on top: at a million
 * traces the process peaked at 0.92 GB with 384MB and 1.04 GB with 448MB or 512MB, while the four
 * histograms took 0.8–1.0 s against 0.6–0.9 s (2 cores, bench/RESULTS.md).
 */
export const DEFAULT_MEMORY_LIMIT = '384MB';
/**
 * A slice's normalization streams answer by answer: one thread and a small memory (a 5,000-hit
 * answer of 3 MB normalized in 96MB). Several run at once beside the server.
 */
const LINE_FILE_MEMORY_MB = 160;

/** Worker threads: each holds its own buffers, so more threads mean more memory as well. */
export const DEFAULT_THREADS = Math.min(4, os.availableParallelism());

const FOLDER_PREFIX = 'hopscope-store-';

/**
 * A server killed by a signal runs no exit hook: its folder (as large as the data) is removed by
 * the next store that starts, once no process with the pid in its name is alive.
 */
function removeAbandonedFolders(): void {
  for (const name of readdirSync(os.tmpdir())) {
    const pid = Number(/^hopscope-store-(\d+)-/.exec(name)?.[1]);
    if (!pid || pid === process.pid || isProcessAlive(pid)) continue;
    rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
  }
}

/** The database file and its spill directory: the configured file, or one in a fresh temporary folder. */
function storeFiles(config: Pick<DuckdbConfig, 'databasePath'>, { removeAbandoned = true } = {}): { databasePath: string; tempDirectory: string; cleanup: () => void } {
  if (config.databasePath) {
    return { databasePath: config.databasePath, tempDirectory: `${config.databasePath}.tmp`, cleanup: () => {} };
  }
  if (removeAbandoned) removeAbandonedFolders();
  const dir = mkdtempSync(path.join(os.tmpdir(), `${FOLDER_PREFIX}${process.pid}-`));
  onExit(dir, () => rmSync(dir, { recursive: true, force: true }));
  const cleanup = () => {
    cancelOnExit(dir);
    rmSync(dir, { recursive: true, force: true });
  };
  return { databasePath: path.join(dir, 'store.duckdb'), tempDirectory: path.join(dir, 'spill'), cleanup };
}

/**
 * Opens DuckDB and loads both tiers' files, normalizing them in SQL. Loading happens once per
 * process; every query then opens a short-lived connection of its own. The store lives in a
 * database file with a memory limit, so its memory is bounded by the settings, not by the data:
 * the raw lines (read only for drill-down pages and trace details) stay on disk, and large
 * intermediate results spill.
 */
export async function openStore(config: DuckdbConfig, fields: TierFieldNames, onProgress?: LoadProgressSink): Promise<LoadedStore> {
  const started = performance.now();
  const files = storeFiles(config);
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(files.databasePath, {
      memory_limit: config.memoryLimit ?? DEFAULT_MEMORY_LIMIT,
      threads: String(config.threads ?? DEFAULT_THREADS),
      temp_directory: files.tempDirectory,
    });
  } catch (error) {
    files.cleanup();
    throw new AppError('config_error', `could not open the embedded store at ${files.databasePath}: ${firstLine(error)}`, undefined, { cause: error });
  }
  const close = () => {
    instance.closeSync();
    files.cleanup();
  };
  const connection = await instance.connect();
  let loaded = false;
  try {
    await connection.run("SET TimeZone = 'UTC'");
    // DuckDB tracks a running query's progress only with its progress bar on; nothing is printed.
    if (onProgress) {
      await connection.run('SET enable_progress_bar = true');
      await connection.run('SET enable_progress_bar_print = false');
    }
    for (const statement of [...LIST_MACRO_STATEMENTS, ...MACRO_STATEMENTS]) await connection.run(statement);
    const edgeSources = await resolveLogSources(connection, 'edge', config.edgeFiles);
    const ingressSources = await resolveLogSources(connection, 'ingress', config.ingressFiles);
    const inputs = toStoreInputs(fields, { edge: config.edgeFormat, ingress: config.ingressFormat }, { edge: edgeSources, ingress: ingressSources });
    let reloadReason = 'no earlier load in this file';
    if (config.databasePath) {
      const stored = await readManifest(connection);
      const change = stored ? describeInputChange(stored.inputs, inputs) : null;
      if (stored && change === null) {
        loaded = true;
        const origin: StoreOrigin = { kind: 'reused', path: config.databasePath, loadedAt: stored.summary.loadedAt };
        const { formats, lineCounts, unreadableLines, loadMs } = stored.summary;
        return { instance, formats, lineCounts, unreadableLines, loadMs, origin, close };
      }
      if (change !== null) reloadReason = change;
      // Dropped first: a load cut short must not leave the previous inputs' manifest beside new tables.
      await dropManifest(connection);
    }
    // Node converts the ingress text while DuckDB loads the edge tier on its own threads.
    const edgePrepared = prepareTier('edge', edgeSources, config, fields.edge, files.tempDirectory, onProgress);
    const ingressPrepared = edgePrepared.then(() => prepareTier('ingress', ingressSources, config, fields.ingress, files.tempDirectory, onProgress));
    // It may fail while DuckDB still loads the edge tier, before anything awaits it: marked as
    // handled here (an unhandled rejection ends a Node process), it is still awaited and thrown below.
    ingressPrepared.catch(() => undefined);
    let formats: Record<Tier, TierFormat>;
    try {
      const edge = await loadTier(connection, await edgePrepared, config, fields.edge, files.tempDirectory, onProgress);
      const ingress = await loadTier(connection, await ingressPrepared, config, fields.ingress, files.tempDirectory, onProgress);
      formats = { edge: edge.format, ingress: ingress.format };
    } catch (error) {
      await ingressPrepared.then(discardConverted, () => undefined);
      throw error;
    }
    const stored = await connection.runAndReadAll(
      `SELECT (SELECT count(*) FROM ${rawTable('edge')}) + (SELECT count(*) FROM ${rawTable('ingress')}) AS n`,
    );
    onProgress?.({ stage: 'build', tier: null, lines: Number(stored.getRowObjects()[0]?.n ?? 0) });
    for (const statement of [...buildFinishLoadSql(), ...buildTraceTableSql(), ...TIERS.map(buildTraceIndexSql)]) await connection.run(statement);
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
    const loadMs = Math.round(performance.now() - started);
    let origin: StoreOrigin = { kind: 'temporary' };
    if (config.databasePath) {
      await writeManifest(connection, inputs, { formats, lineCounts, unreadableLines, loadMs, loadedAt: new Date().toISOString() });
      origin = { kind: 'loaded', path: config.databasePath, reason: reloadReason };
    }
    loaded = true;
    return { instance, formats, lineCounts, unreadableLines, loadMs, origin, close };
  } finally {
    connection.closeSync();
    if (!loaded) close();
  }
}

/**
 * A fresh database in a temporary folder (removed by `close`), with the store's memory bounds,
 * UTC and the macros: what snapshots, line files and window stores open (`inMemory`: no database
 * file, only the folder to spill into). The live store's housekeeping (removing a killed
 * server's folder, as large as its data) is not theirs to do: it would hold up the first bar.
 */
async function openTemporaryDatabase(
  options: { memoryLimit: string; threads: string; preserveInsertionOrder?: boolean; inMemory?: boolean },
): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection; close: () => void }> {
  const files = storeFiles({}, { removeAbandoned: false });
  const instance = await DuckDBInstance.create(options.inMemory ? ':memory:' : files.databasePath, {
    memory_limit: options.memoryLimit,
    threads: options.threads,
    temp_directory: files.tempDirectory,
    ...(options.preserveInsertionOrder === false ? { preserve_insertion_order: 'false' } : {}),
  });
  const close = () => {
    instance.closeSync();
    files.cleanup();
  };
  const connection = await instance.connect();
  try {
    await connection.run("SET TimeZone = 'UTC'");
    for (const statement of [...LIST_MACRO_STATEMENTS, ...MACRO_STATEMENTS]) await connection.run(statement);
  } catch (error) {
    connection.closeSync();
    close();
    throw error;
  }
  return { instance, connection, close };
}

const storeBounds = (settings: Pick<DuckdbConfig, 'memoryLimit' | 'threads'>) => ({
  memoryLimit: settings.memoryLimit ?? DEFAULT_MEMORY_LIMIT,
  threads: String(settings.threads ?? DEFAULT_THREADS),
});

/**
 * Opens a snapshot's Parquet files as a store (buildSnapshotOpenSql): the same tables a load
 * builds, restricted to the frozen window, in a fresh temporary database with the same memory
 * bounds. `summary` is what the load had found when the snapshot was taken.
 */
export async function openSnapshotStore(
  dir: string,
  summary: Pick<LoadedStore, 'formats' | 'lineCounts' | 'unreadableLines'>,
  settings: Pick<DuckdbConfig, 'memoryLimit' | 'threads'> = {},
): Promise<LoadedStore> {
  const started = performance.now();
  const { instance, connection, close } = await openTemporaryDatabase(storeBounds(settings));
  try {
    for (const statement of buildSnapshotOpenSql(dir)) await connection.run(statement);
  } catch (error) {
    close();
    throw new AppError('backend_error', `could not open the snapshot in ${dir}: ${firstLine(error)}`, undefined, { cause: error });
  } finally {
    connection.closeSync();
  }
  const loadMs = Math.round(performance.now() - started);
  return { instance, ...summary, loadMs, origin: { kind: 'snapshot', path: dir }, close };
}

/**
 * The scratch database slice normalizations share while a window is read, closed once idle for
 * LINE_FILE_IDLE_MS: a fresh one a slice cost its creation, its macros and a cold allocator, a
 * fifth of the slice's normalization. In memory (spilling to its folder): the statements keep no
 * table, and a database file's creation and closing blocked the server's thread for ~30 ms.
 */
const lineFileDatabase = {
  opened: null as Promise<{ instance: DuckDBInstance; close: () => void }> | null,
  active: 0,
  idleTimer: null as NodeJS.Timeout | null,
};
const LINE_FILE_IDLE_MS = 5_000;
/** Slices normalized at once (window-engines.ts reads two), each within LINE_FILE_MEMORY_MB. */
const LINE_FILES_AT_ONCE = 2;

/** A connection to the shared scratch database; every call is matched by one releaseLineFileConnection, whatever happens. */
async function lineFileConnection(): Promise<DuckDBConnection> {
  if (lineFileDatabase.idleTimer) clearTimeout(lineFileDatabase.idleTimer);
  lineFileDatabase.idleTimer = null;
  lineFileDatabase.active += 1;
  if (!lineFileDatabase.opened) {
    const opening = openTemporaryDatabase({
      memoryLimit: `${LINE_FILES_AT_ONCE * LINE_FILE_MEMORY_MB}MB`,
      threads: '1',
      preserveInsertionOrder: false,
      inMemory: true,
    }).then(({ instance, connection, close }) => {
      connection.closeSync();
      return { instance, close };
    });
    // One that failed to open is opened anew by the next slice.
    opening.catch(() => {
      if (lineFileDatabase.opened === opening) lineFileDatabase.opened = null;
    });
    lineFileDatabase.opened = opening;
  }
  const opened = lineFileDatabase.opened;
  const connection = await (await opened).instance.connect();
  try {
    await connection.run("SET TimeZone = 'UTC'");
  } catch (error) {
    connection.closeSync();
    throw error;
  }
  return connection;
}

function releaseLineFileConnection(connection: DuckDBConnection | null): void {
  connection?.closeSync();
  lineFileDatabase.active -= 1;
  if (lineFileDatabase.active > 0) return;
  lineFileDatabase.idleTimer = setTimeout(() => {
    const opened = lineFileDatabase.opened;
    if (lineFileDatabase.active > 0 || !opened) return;
    lineFileDatabase.opened = null;
    void opened.then(({ close }) => close(), () => undefined);
  }, LINE_FILE_IDLE_MS);
  lineFileDatabase.idleTimer.unref();
}

/**
 * Normalizes a tier's Elasticsearch search answers (one a file, `pagesGlob`) into a line file
 * (buildLineFileSql), what Elasticsearch's slices are stored as. Returns the number of lines
 * written (the COPY's own count).
 */
export async function writeLineFile(
  tier: Tier,
  pagesGlob: string,
  fields: FieldNames,
  aliases: SourceAliases,
  parquetFile: string,
  firstDocId: number,
  pageHits: number,
): Promise<number> {
  let connection: DuckDBConnection | null = null;
  try {
    connection = await lineFileConnection();
    const written = await connection.runAndReadAll(buildLineFileSql(pagesGlob, fields, aliases, parquetFile, firstDocId, pageHits));
    return Number(written.getRows()[0]?.[0] ?? 0);
  } catch (error) {
    throw new AppError('backend_error', `could not store the ${tier} lines read from Elasticsearch: ${firstLine(error)}`, undefined, { cause: error });
  } finally {
    releaseLineFileConnection(connection);
  }
}

/** A line-files store's bounds; `buildMemoryLimit`, when set, bounds DuckDB while its tables are built. */
export type LineFilesSettings = Pick<DuckdbConfig, 'memoryLimit' | 'threads'> & { buildMemoryLimit?: string };

/**
 * A store assembled from line files (writeLineFile): the lines are read back and the trace table
 * built by the same statements as a load of log files, in a fresh temporary database with the same
 * memory bounds; the raw lines stay in the files, which must outlive the store. `onProgress` hears
 * when the trace table is being built.
 */
export async function openLineFilesStore(
  files: Record<Tier, readonly string[]>,
  settings: LineFilesSettings,
  summary: Pick<LoadedStore, 'formats'>,
  onProgress?: LoadProgressSink,
): Promise<LoadedStore> {
  const started = performance.now();
  const bounds = storeBounds(settings);
  const { instance, connection, close } = await openTemporaryDatabase(settings.buildMemoryLimit ? { ...bounds, memoryLimit: settings.buildMemoryLimit } : bounds);
  try {
    for (const statement of buildGatherLinesSql(files)) await connection.run(statement);
    const stored = await connection.runAndReadAll(`SELECT (SELECT count(*) FROM ${stagingTable('edge')}) AS edge, (SELECT count(*) FROM ${stagingTable('ingress')}) AS ingress`);
    const row = stored.getRowObjects()[0];
    const lineCounts = { edge: Number(row?.edge ?? 0), ingress: Number(row?.ingress ?? 0) };
    onProgress?.({ stage: 'build', tier: null, lines: lineCounts.edge + lineCounts.ingress });
    // No trace-id index: the trace details of these stores are read from where the lines came from.
    // Tables left as read need no insertion order kept while they are built: DuckDB then buffers
    // less (its own advice against running out of memory); answers get it back.
    await connection.run('SET preserve_insertion_order = false');
    for (const statement of [...buildFinishLoadSql('VIEW', 'as-read'), ...buildTraceTableSql('as-read')]) await connection.run(statement);
    await connection.run('RESET preserve_insertion_order');
    // Its answers get the store's own limit once it is built.
    if (settings.buildMemoryLimit) await connection.run(`SET memory_limit = ${sqlString(bounds.memoryLimit)}`);
    const loadMs = Math.round(performance.now() - started);
    return { instance, formats: summary.formats, lineCounts, unreadableLines: { edge: 0, ingress: 0 }, loadMs, origin: { kind: 'temporary' }, close };
  } catch (error) {
    close();
    throw new AppError('backend_error', `could not build the window's trace table: ${firstLine(error)}`, undefined, { cause: error });
  } finally {
    connection.closeSync();
  }
}

/** What freezeStore wrote: how many traces the window holds and how many kept their raw lines. */
export type FrozenTables = { traces: number; rawTraces: number };

/** Writes a window of a loaded store as a snapshot's Parquet files (buildSnapshotExportSql). */
export async function freezeStore(instance: DuckDBInstance, plan: SnapshotExportPlan, signal?: AbortSignal): Promise<FrozenTables> {
  if (signal?.aborted) throw requestCancelled();
  const connection = await instance.connect();
  const interrupt = () => connection.interrupt();
  signal?.addEventListener('abort', interrupt, { once: true });
  try {
    for (const statement of buildSnapshotExportSql(plan)) await connection.run(statement);
    const counts = await connection.runAndReadAll(
      `SELECT (SELECT raw_traces FROM (${buildSnapshotCountsSql()})) AS raw_traces, (SELECT count(*) FROM read_parquet(${sqlString(`${plan.dir}/${TRACE_TABLE}.parquet`)})) AS traces`,
    );
    const row = counts.getRowObjects()[0];
    return { traces: Number(row?.traces ?? 0), rawTraces: Number(row?.raw_traces ?? 0) };
  } catch (error) {
    if (signal?.aborted) throw requestCancelled(error);
    throw new AppError('backend_error', `could not write the snapshot: ${firstLine(error)}`, undefined, { cause: error });
  } finally {
    signal?.removeEventListener('abort', interrupt);
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
  if (signal?.aborted) throw requestCancelled();
  const connection: DuckDBConnection = await instance.connect();
  const interrupt = () => connection.interrupt();
  signal?.addEventListener('abort', interrupt, { once: true });
  try {
    const reader = await connection.runAndReadAll(statement.sql, statement.params);
    return reader.getRowObjects() as Record<string, unknown>[];
  } catch (error) {
    if (signal?.aborted) throw requestCancelled(error);
    throw new AppError('backend_error', `embedded store query failed: ${firstLine(error)}`, undefined, { cause: error });
  } finally {
    signal?.removeEventListener('abort', interrupt);
    connection.closeSync();
  }
}
