import 'server-only';
import type { BackendHealth, BackendKind, CallOptions, FrozenWindow, LatencyBackend, TierFormat, TimeExtent } from '@/lib/backends/types';
import { compareRepresentative, type TierDocument } from '@/lib/domain/tier-document';
import { toTraceDetail, toTraceSummary } from '@/lib/domain/trace';
import type { LogicalField, SourceAliases, TierFieldNames } from '@/lib/domain/field-names';
import { TIERS, type Tier } from '@/lib/domain/tiers';
import type { DuckdbConfig } from '@/lib/server/core/config';
import { freezeStore, openLineFilesStore, openSnapshotStore, openStore, runStatement, type LineFilesSettings, type LoadedStore } from './connection';
import type { LoadProgress, LoadProgressSink } from './load-progress';
import { LoadTracker } from './load-tracker';
import { toMissingFieldNotices, toUntimedLineNotices } from './missing-field-notices';
import { PassScheduler } from './pass-scheduler';
import { parseConnectTimeline, type ConnectTimelineRow } from './parse/parse-connect-timeline';
import { parseDistributions, type DistributionRow } from './parse/parse-distributions';
import { parseEdgeDistribution } from './parse/parse-edge-distribution';
import { parseTierDocument } from './parse/parse-tier-document';
import { toNumber, toNumberOrNull } from './parse/to-number';
import { buildBucketTracesSql } from './sql/build-bucket-traces';
import { buildConnectTimelineSql } from './sql/build-connect-timeline';
import { buildDistributionsSql } from './sql/build-distributions';
import { buildEdgeDistributionSql } from './sql/build-edge-distribution';
import { buildExtentSql } from './sql/build-extent';
import { buildUntimedCountSql } from './sql/build-load';
import { buildSuggestionsSql } from './sql/build-suggestions';
import { buildSnapshotTraceLookupSql, buildTraceLookupSql, NORMALIZED_LINE_KEY } from './sql/build-trace-lookup';
import type { SqlStatement } from './sql/sql-statement';
import { timeSlices } from './sql/time-slices';
import { createDuckdbTriage } from './triage';

export type DuckdbBackendConfig = DuckdbConfig & { fields: TierFieldNames; onLoadProgress?: LoadProgressSink };

/** Where the engine's tables come from: a load of log files, or a snapshot's frozen window. */
type StoreSource = {
  fields: TierFieldNames;
  /** Where each tier's raw lines keep fields whose configured names are aliases (Elasticsearch's lines only). */
  sourceAliases?: Record<Tier, SourceAliases>;
  open: (onProgress: LoadProgressSink) => Promise<LoadedStore>;
  onLoadProgress?: LoadProgressSink;
  /** The lines' origin, as a snapshot records it. */
  sources: Record<Tier, string>;
  /** A snapshot keeps the raw text of some lines only: the others are rebuilt from their normalized columns. */
  partialRawLines?: boolean;
};

/**
 * Passes over the whole trace set run one at a time, in this order of priority (PassScheduler);
 * the edge histogram, drill-down pages and trace details interrupt them, since someone is looking
 * at an empty chart or table meanwhile. Suggestions and the data's extent are cheap and simply run.
 */
const PASS_PRIORITY = { histograms: 0, timeline: 1, triage: 2 } as const;

/** What the four histograms read from each tier; lines that cannot fill one of them get a notice. */
const HISTOGRAM_FIELDS = [
  ['edge', 'timestamp'],
  ['edge', 'traceId'],
  ['edge', 'requestTime'],
  ['ingress', 'timestamp'],
  ['ingress', 'traceId'],
  ['ingress', 'requestTime'],
  ['ingress', 'upstreamResponseTime'],
] as const;
const EDGE_HISTOGRAM_FIELDS = [
  ['edge', 'timestamp'],
  ['edge', 'requestTime'],
] as const;

/** The embedded store: log files loaded into DuckDB; joins and aggregations run in SQL. */
export function createDuckdbBackend(config: DuckdbBackendConfig): LatencyBackend {
  return createEngineBackend({
    fields: config.fields,
    open: (onProgress) => openStore(config, config.fields, onProgress),
    onLoadProgress: config.onLoadProgress,
    sources: { edge: config.edgeFiles.join(', '), ingress: config.ingressFiles.join(', ') },
  });
}

/**
 * A snapshot's frozen window as a backend: the same engine over the tables read back from its
 * folder, answering with the field names and load summary recorded when it was taken.
 */
export function createSnapshotBackend(
  dir: string,
  origin: { kind: BackendKind; window: TimeExtent },
  frozen: Pick<FrozenWindow, 'fields' | 'sourceAliases' | 'formats' | 'lineCounts' | 'unreadableLines' | 'sources'>,
  settings: Pick<DuckdbConfig, 'memoryLimit' | 'threads'> = {},
): LatencyBackend {
  const engine = createEngineBackend({
    fields: frozen.fields,
    sourceAliases: frozen.sourceAliases,
    open: () => openSnapshotStore(dir, frozen, settings),
    sources: frozen.sources,
    partialRawLines: true,
  });
  // Answers name the store the lines were read from; the window says they are frozen.
  return { ...engine, kind: origin.kind, frozenWindow: origin.window };
}

/** A line file's lines are Elasticsearch `_source` objects, read as the embedded store reads JSON lines. */
const LINE_FILE_FORMAT: TierFormat = { format: 'json', missing: {}, unreadable: 'not a JSON object' };

/**
 * The engine over line files (writeLineFile) gathered into a store of their own: how a window
 * materialized from Elasticsearch is answered.
 */
export function createLineFilesBackend(
  files: Record<Tier, readonly string[]>,
  source: Pick<StoreSource, 'fields' | 'sourceAliases' | 'sources' | 'onLoadProgress'>,
  settings: LineFilesSettings = {},
): LatencyBackend {
  return createEngineBackend({
    fields: source.fields,
    sourceAliases: source.sourceAliases,
    open: (onProgress) => openLineFilesStore(files, settings, { formats: { edge: LINE_FILE_FORMAT, ingress: LINE_FILE_FORMAT } }, onProgress),
    onLoadProgress: source.onLoadProgress,
    sources: source.sources,
  });
}

/** Every verb over the tables of one store (docs/ARCHITECTURE.md, "The trace table"). */
function createEngineBackend(config: StoreSource): LatencyBackend {
  let loading: Promise<LoadedStore> | null = null;
  /** The load under way, if any: set when a load starts, cleared when it settles. */
  let tracker: LoadTracker | null = null;
  const store = (): Promise<LoadedStore> => {
    if (loading) return loading;
    const current = new LoadTracker();
    tracker = current;
    const onProgress = (progress: LoadProgress) => {
      current.record(progress);
      config.onLoadProgress?.(progress);
    };
    loading = config.open(onProgress).then(
      (loaded) => {
        tracker = null;
        return loaded;
      },
      (error: unknown) => {
        tracker = null;
        loading = null;
        throw error;
      },
    );
    return loading;
  };
  const run = async (statement: SqlStatement, signal?: AbortSignal) => runStatement((await store()).instance, statement, signal);
  const scheduler = new PassScheduler();
  const runPass = (pass: keyof typeof PASS_PRIORITY, statement: SqlStatement, signal?: AbortSignal) =>
    scheduler.pass((attemptSignal) => run(statement, attemptSignal), PASS_PRIORITY[pass], signal);
  const runUrgent = (statement: SqlStatement, signal?: AbortSignal) => scheduler.urgent(() => run(statement, signal));
  /** Counted once per store: its lines do not change. */
  const untimedCounts = new WeakMap<LoadedStore, Promise<Record<Tier, number>>>();
  const untimedLines = async (): Promise<Record<Tier, number>> => {
    const loaded = await store();
    let counts = untimedCounts.get(loaded);
    if (!counts) {
      counts = runStatement(loaded.instance, { sql: buildUntimedCountSql(), params: {} }).then(([row]) => ({ edge: toNumber(row?.edge), ingress: toNumber(row?.ingress) }));
      counts.catch(() => untimedCounts.delete(loaded));
      untimedCounts.set(loaded, counts);
    }
    return counts;
  };
  /**
   * What the lines cannot give an answer that reads `needed` of `tiers`: fields they lack, and
   * lines whose time cannot be read (not told again for a tier whose lines lack the time field).
   */
  const tellLineNotices = async (needed: readonly (readonly [Tier, LogicalField])[], tiers: readonly Tier[], options: CallOptions | undefined) => {
    const missing = toMissingFieldNotices((await store()).formats, config.fields, needed);
    const timeless = new Set(missing.flatMap((notice) => (notice.code === 'missing_field' && notice.field === 'timestamp' ? [notice.tier] : [])));
    const untimed = toUntimedLineNotices(await untimedLines(), config.fields).filter((notice) => tiers.includes(notice.tier) && !timeless.has(notice.tier));
    for (const notice of [...missing, ...untimed]) options?.onNotice?.(notice);
  };

  const readDocuments = async (tier: Tier, traceId: string, options?: CallOptions): Promise<TierDocument[]> => {
    const lookup = config.partialRawLines ? buildSnapshotTraceLookupSql(tier, traceId, config.fields[tier]) : buildTraceLookupSql(tier, traceId);
    const rows = await runUrgent(lookup, options?.signal);
    if (rows.some((row) => row.normalized === true)) {
      const message = `The ${tier} lines of this trace were not kept in full in this snapshot: shown from their normalized fields (${NORMALIZED_LINE_KEY}).`;
      options?.onNotice?.({ code: 'raw_lines_not_kept', tier, message });
    }
    return rows
      .map((row) => parseTierDocument(row.doc, tier, config.fields[tier], row.ts_ms, config.sourceAliases?.[tier]))
      .filter((doc): doc is TierDocument => doc !== null)
      .sort(compareRepresentative);
  };

  return {
    kind: 'duckdb',
    triage: createDuckdbTriage({ run: (statement, signal) => runPass('triage', statement, signal), tellNotices: (options) => tellLineNotices([], TIERS, options) }),

    async fetchDistributions(query, options) {
      const result = parseDistributions((await runPass('histograms', buildDistributionsSql(query), options?.signal)) as DistributionRow[]);
      const { unreadableLines, formats } = await store();
      await tellLineNotices(HISTOGRAM_FIELDS, TIERS, options);
      if (unreadableLines.edge + unreadableLines.ingress === 0) return result;
      const unreadableReasons = Object.fromEntries(TIERS.filter((tier) => unreadableLines[tier] > 0).map((tier) => [tier, formats[tier].unreadable]));
      return { ...result, counts: { ...result.counts, unreadableLines, unreadableReasons } };
    },

    async fetchEdgeDistribution(query, options) {
      const result = parseEdgeDistribution((await runUrgent(buildEdgeDistributionSql(query), options?.signal)) as DistributionRow[]);
      const { unreadableLines, formats } = await store();
      await tellLineNotices(EDGE_HISTOGRAM_FIELDS, ['edge'], options);
      if (unreadableLines.edge === 0) return result;
      const counts = { ...result.counts, unreadableLines: { edge: unreadableLines.edge }, unreadableReasons: { edge: formats.edge.unreadable } };
      return { ...result, counts };
    },

    async fetchBucketTraces(query, selection, page, options) {
      // One extra row tells whether another page follows. Rows at the cursor's own millisecond
      // may still follow it (by trace id), so the walk starts just above it.
      const wanted = page.limit + 1;
      const upperMs = page.cursor === null ? query.toMs : Math.min(query.toMs, page.cursor.timestampMs + 1);
      const rows: Record<string, unknown>[] = [];
      for (const slice of timeSlices(query.fromMs, upperMs)) {
        const statement = buildBucketTracesSql(query, selection, page, slice, wanted - rows.length, config.partialRawLines ? config.fields : null);
        rows.push(...(await runUrgent(statement, options?.signal)));
        if (rows.length >= wanted) break;
      }
      const pageRows = rows.slice(0, page.limit);
      const traces = pageRows.flatMap((row) => {
        const edge = parseTierDocument(row.edge_doc, 'edge', config.fields.edge, row.ts_ms, config.sourceAliases?.edge);
        return edge ? [toTraceSummary(edge, parseTierDocument(row.ingress_doc, 'ingress', config.fields.ingress, row.i_ts_ms, config.sourceAliases?.ingress))] : [];
      });
      const last = pageRows.at(-1);
      const nextCursor =
        rows.length > page.limit && last ? { timestampMs: toNumber(last.ts_ms), traceId: String(last.trace_id) } : null;
      return { traces, nextCursor };
    },

    async fetchTrace(traceId, options) {
      const [edgeDocs, ingressDocs] = await Promise.all([
        readDocuments('edge', traceId, options),
        readDocuments('ingress', traceId, options),
      ]);
      if (edgeDocs.length === 0 && ingressDocs.length === 0) return null;
      return toTraceDetail(traceId, edgeDocs[0] ?? null, ingressDocs[0] ?? null, {
        edge: Math.max(0, edgeDocs.length - 1),
        ingress: Math.max(0, ingressDocs.length - 1),
      });
    },

    async fetchConnectTimeline(query, timeline, options) {
      const rows = await runPass('timeline', buildConnectTimelineSql(query, timeline), options?.signal);
      for (const notice of toMissingFieldNotices((await store()).formats, config.fields, [[timeline.tier, 'upstreamConnectTime']])) options?.onNotice?.(notice);
      return parseConnectTimeline(rows as ConnectTimelineRow[], query, timeline);
    },

    async fetchSuggestions(query, field, prefix, limit, options) {
      const rows = await run(buildSuggestionsSql(query, field, prefix, limit), options?.signal);
      return rows.map((row) => ({ value: String(row.value), count: toNumber(row.n) }));
    },

    async fetchExtent(options) {
      const [row] = await run(buildExtentSql(), options?.signal);
      const fromMs = toNumberOrNull(row?.from_ms);
      const toMs = toNumberOrNull(row?.to_ms);
      return fromMs === null || toMs === null ? null : { fromMs, toMs };
    },

    loadStatus: () => tracker?.status() ?? null,

    async checkHealth(): Promise<BackendHealth> {
      try {
        const loaded = await store();
        return {
          backend: 'duckdb',
          ok: true,
          message: `embedded store: ${loaded.lineCounts.edge} edge and ${loaded.lineCounts.ingress} ingress lines`,
          details: { lines: loaded.lineCounts, unreadableLines: loaded.unreadableLines, linesWithoutTime: await untimedLines(), loadMs: loaded.loadMs, formats: loaded.formats, store: loaded.origin },
        };
      } catch (error) {
        return { backend: 'duckdb', ok: false, message: error instanceof Error ? error.message : String(error), details: {} };
      }
    },

    async freezeWindow(plan, options) {
      const loaded = await store();
      const frozen = await freezeStore(loaded.instance, plan, options?.signal);
      const { formats, lineCounts, unreadableLines } = loaded;
      return { ...frozen, fields: config.fields, ...(config.sourceAliases ? { sourceAliases: config.sourceAliases } : {}), formats, lineCounts, unreadableLines, sources: config.sources };
    },

    async close() {
      const current = loading;
      loading = null;
      if (current) (await current.catch(() => null))?.close();
    },
  };
}
