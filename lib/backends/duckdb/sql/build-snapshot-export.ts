import { JOIN_WINDOW_MARGIN_MS } from '@/lib/domain/query';
import { rawTable, tierTable } from './build-load';
import { sqlString } from './field-access';
import { SEVERAL_EDGE_LINES, SKIPPED_EDGE_LINES, TRACE_TABLE } from './build-trace-table';

/**
 * The tables a snapshot freezes (docs/ARCHITECTURE.md, "Snapshots"), each one Parquet file of the
 * same name. Together they are the store the engine reads, restricted to one window: a snapshot
 * opens as an embedded store and every verb answers from it unchanged.
 */
export const SNAPSHOT_TABLES = [
  'trace_keys',
  tierTable('edge'),
  tierTable('ingress'),
  rawTable('edge'),
  rawTable('ingress'),
  TRACE_TABLE,
  SEVERAL_EDGE_LINES,
  SKIPPED_EDGE_LINES,
] as const;
export type SnapshotTable = (typeof SNAPSHOT_TABLES)[number];

/** The traces whose raw lines a snapshot keeps, chosen before the tables are written. */
const KEPT_TRACES = 'snapshot_kept_traces';

export type SnapshotExportPlan = {
  /** The frozen window `[fromMs, toMs)` of edge @timestamp. */
  fromMs: number;
  toMs: number;
  /** How many traces keep their raw lines. */
  rawTraces: number;
  /** Edge request_time (ms) from which a trace is in the slow tail, whose raw lines are kept first. */
  slowMs: number;
  /** Folder the Parquet files are written to (a server path, never a request's). */
  dir: string;
};

/**
 * The lines' trace ids are left out: the trace rows hold them once, `trace_keys` those of the few
 * traces without a trace row (lines of one tier, or only skipped edge lines), and queries join
 * lines by trace_key. Random ids barely compress: they were a third of a snapshot's size.
 */
const NO_TRACE_ID = 'NULL::VARCHAR AS trace_id';

const parquetFile = (dir: string, table: SnapshotTable) => sqlString(`${dir}/${table}.parquet`);

/**
 * Statements that write a window's tables as Parquet, in order. Edge lines of the window and the
 * ingress lines of its join window `[from − 5 min, to + 5 min)`: every line a query inside the
 * window can reach, so answers inside the snapshot equal the live store's. Trace rows are copied
 * as built from all lines (the trace set re-chooses from the lines for the few traces that need
 * it). Raw lines are kept for the slow tail first (slowest first), then a uniform sample of the
 * other traces (by a hash of the trace id), `rawTraces` in all; the others answer from their
 * normalized columns (build-trace-lookup.ts).
 */
export function buildSnapshotExportSql(plan: SnapshotExportPlan): string[] {
  const { fromMs, toMs, dir } = plan;
  const edgeWindow = `ts_ms >= ${fromMs} AND ts_ms < ${toMs}`;
  const joinWindow = `ts_ms >= ${fromMs - JOIN_WINDOW_MARGIN_MS} AND ts_ms < ${toMs + JOIN_WINDOW_MARGIN_MS}`;
  const windowTraces = `(SELECT DISTINCT trace_key FROM ${tierTable('edge')} WHERE ${edgeWindow} AND trace_key IS NOT NULL)`;
  const copy = (table: SnapshotTable, select: string) => `COPY (${select}) TO ${parquetFile(dir, table)} (FORMAT parquet, COMPRESSION zstd)`;
  const keptDocs = (tier: 'edge' | 'ingress', window: string) =>
    `SELECT r.* FROM ${rawTable(tier)} r SEMI JOIN (SELECT doc_id FROM ${tierTable(tier)} WHERE ${window} AND trace_key IN (SELECT trace_key FROM ${KEPT_TRACES})) d USING (doc_id) ORDER BY r.doc_id`;
  return [
    `CREATE OR REPLACE TEMP TABLE ${KEPT_TRACES} AS
WITH window_traces AS (
  SELECT trace_key, e_rt_ms, hash(trace_id) AS draw FROM ${TRACE_TABLE} WHERE trace_key IN ${windowTraces}
),
slow AS (SELECT trace_key FROM window_traces WHERE e_rt_ms >= ${plan.slowMs} ORDER BY e_rt_ms DESC, draw LIMIT ${plan.rawTraces}),
sample AS (
  SELECT trace_key FROM window_traces WHERE trace_key NOT IN (SELECT trace_key FROM slow)
  ORDER BY draw LIMIT greatest(${plan.rawTraces} - (SELECT count(*) FROM slow), 0)
)
SELECT trace_key FROM slow UNION ALL SELECT trace_key FROM sample`,
    copy(
      'trace_keys',
      `SELECT * FROM trace_keys WHERE trace_key IN (SELECT trace_key FROM ${tierTable('edge')} WHERE ${edgeWindow} UNION SELECT trace_key FROM ${tierTable('ingress')} WHERE ${joinWindow})
  AND trace_key NOT IN ${windowTraces} ORDER BY trace_key`,
    ),
    copy(tierTable('edge'), `SELECT * REPLACE (${NO_TRACE_ID}) FROM ${tierTable('edge')} WHERE ${edgeWindow} ORDER BY ts_ms`),
    copy(tierTable('ingress'), `SELECT * REPLACE (${NO_TRACE_ID}) FROM ${tierTable('ingress')} WHERE ${joinWindow} ORDER BY ts_ms`),
    copy(rawTable('edge'), keptDocs('edge', edgeWindow)),
    copy(rawTable('ingress'), keptDocs('ingress', joinWindow)),
    copy(TRACE_TABLE, `SELECT * FROM ${TRACE_TABLE} WHERE trace_key IN ${windowTraces} ORDER BY e_ts_ms`),
    copy(SEVERAL_EDGE_LINES, `SELECT * FROM ${SEVERAL_EDGE_LINES} WHERE ${edgeWindow} ORDER BY ts_ms`),
    copy(SKIPPED_EDGE_LINES, `SELECT * FROM ${SKIPPED_EDGE_LINES} WHERE ${edgeWindow} ORDER BY ts_ms`),
  ];
}

/** What the written snapshot holds: its traces and how many kept their raw lines. */
export const buildSnapshotCountsSql = (): string =>
  `SELECT (SELECT count(*) FROM ${KEPT_TRACES}) AS raw_traces`;

/**
 * Opening a snapshot: each table a view of its Parquet file, so a snapshot opens at once, whatever
 * its size, and queries read only the columns and row groups they need (the files are sorted by
 * time like the tables).
 */
export function buildSnapshotOpenSql(dir: string): string[] {
  return SNAPSHOT_TABLES.map((table) => `CREATE VIEW ${table} AS SELECT * FROM read_parquet(${parquetFile(dir, table)})`);
}
