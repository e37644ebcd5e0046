import type { ConnectTimeline, ConnectTimelineOptions } from '@/lib/domain/connect-timeline';
import type { BucketSelection, TracePage, TracePageRequest } from '@/lib/domain/drill-down';
import type { HistogramName } from '@/lib/domain/histogram-names';
import type { ValueCount } from '@/lib/domain/histogram';
import type { TraceQuery } from '@/lib/domain/query';
import type { EdgeTraceCounts, TraceCounts } from '@/lib/domain/trace-counts';
import type { TraceDetail } from '@/lib/domain/trace';
import type { BackendKind, Suggestion, SuggestionField } from '@/lib/domain/api-responses';
import type { CallOptions, FirstAnswer, TriageBackend } from '@/lib/backends/triage-types';
import type { StoreLoadStatus } from '@/lib/domain/load-status';
import type { LogEnvelope } from '@/lib/domain/access-log/log-envelope';
import type { LogicalField, SourceAliases, TierFieldNames } from '@/lib/domain/field-names';
import type { Tier } from '@/lib/domain/tiers';

export type { BackendKind, Suggestion, SuggestionField };

/** The four distributions as per-millisecond counts, aggregated in the store. */
export type Distributions = {
  counts: TraceCounts;
  distributions: Record<HistogramName, ValueCount[]>;
};

/**
 * The edge side of Distributions alone: equal to `fetchDistributions`' edge distribution and the
 * edge parts of its counts (`toEdgeTraceCounts`), computed without the join, so it answers in a
 * fraction of the time.
 */
export type EdgeDistribution = {
  counts: EdgeTraceCounts;
  distribution: ValueCount[];
};

export type TimeExtent = { fromMs: number; toMs: number };

/**
 * How a tier's lines were read (the format, and the container runtime's wrapping when the lines
 * had one), and the fields the lines cannot fill, each with what to do: the nginx variable to add
 * to a log_format, or for JSON lines the field names to set (json-field-check.ts).
 */
export type TierFormat = {
  format: string;
  envelope?: Exclude<LogEnvelope, 'none'>;
  missing: Partial<Record<LogicalField, string>>;
  /** JSON lines from an nginx template that is not always JSON (unquoted variables, `\xHH` escapes) were repaired (lib/domain/access-log/nginx-json-repair.ts). */
  repairedJson?: true;
  /** Why a line of this tier can be unreadable, as the answers say it. */
  unreadable: string;
};

/** What a snapshot freezes (lib/server/snapshots): a window, written as Parquet files into `dir`. */
export type FreezePlan = {
  fromMs: number;
  toMs: number;
  /** A new, empty folder of the server's choosing. */
  dir: string;
  /** Traces whose raw lines are kept: the slow tail first, then a uniform sample. */
  rawTraces: number;
  /** Edge request_time (ms) from which a trace is in the slow tail. */
  slowMs: number;
};

/** What was frozen, and what the snapshot needs to answer as the store did. */
export type FrozenWindow = {
  traces: number;
  rawTraces: number;
  fields: TierFieldNames;
  /** Where raw lines keep fields whose configured names are mapping aliases (Elasticsearch's lines), when any. */
  sourceAliases?: Record<Tier, SourceAliases>;
  formats: Record<Tier, TierFormat>;
  lineCounts: Record<Tier, number>;
  unreadableLines: Record<Tier, number>;
  /** Where the lines were read: index patterns or log files. */
  sources: Record<Tier, string>;
};

export type BackendHealth = { backend: BackendKind; ok: boolean; message: string; details: Record<string, unknown> };

/**
 * Options every call accepts: an abort signal tied to the browser request, and where to report
 * what makes the answer incomplete (failed shards, an index pattern matching nothing).
 */
export type { CallOptions, FirstAnswer };

/**
 * The one interface both stores implement, in domain types only. Each implementation builds a
 * request (pure), executes it, and parses the response into these shapes; for the same data both
 * must return identical values.
 */
export interface LatencyBackend {
  readonly kind: BackendKind;
  /** A snapshot's frozen window: queries must stay inside it, and open on it by default. Absent for live data. */
  readonly frozenWindow?: TimeExtent;
  /** The triage verbs (docs/TRIAGE.md) over the same store and trace set. */
  readonly triage: TriageBackend;
  /** The trace set's counts and the four distributions as per-millisecond counts. */
  fetchDistributions(query: TraceQuery, options?: CallOptions): Promise<Distributions>;
  /** The edge distribution and the edge parts of the counts, exact, without joining ingress. */
  fetchEdgeDistribution(query: TraceQuery, options?: CallOptions): Promise<EdgeDistribution>;
  /** The traces counted in one histogram range, newest first, one page at a time. */
  fetchBucketTraces(query: TraceQuery, selection: BucketSelection, page: TracePageRequest, options?: CallOptions): Promise<TracePage>;
  /** One trace in full, both tiers, or null when no tier has it. */
  fetchTrace(traceId: string, options?: CallOptions): Promise<TraceDetail | null>;
  /** A tier's upstream_connect_time over time, binned and grouped in the store. */
  fetchConnectTimeline(query: TraceQuery, timeline: ConnectTimelineOptions, options?: CallOptions): Promise<ConnectTimeline>;
  /** The most frequent values of app or path among edge lines of the window (ignoring that field's own filter). */
  fetchSuggestions(query: TraceQuery, field: SuggestionField, prefix: string | null, limit: number, options?: CallOptions): Promise<Suggestion[]>;
  /** First and last edge @timestamp in the store (toMs exclusive), or null when it is empty. */
  fetchExtent(options?: CallOptions): Promise<TimeExtent | null>;
  checkHealth(options?: CallOptions): Promise<BackendHealth>;
  /** Writes a window's traces as a snapshot's files (plan.dir); the one write hopscope makes, to its own disk. */
  freezeWindow(plan: FreezePlan, options?: CallOptions): Promise<FrozenWindow>;
  /** How far a load still under way has come (the embedded store); null when nothing is loading. Never waits. */
  loadStatus(): StoreLoadStatus | null;
  /**
   * Forgets what the backend keeps of the window `[fromMs, toMs)` (Elasticsearch's materialized
   * slices), so the next answers read it again; absent where nothing is kept.
   */
  refreshWindow?(fromMs: number, toMs: number): void;
  /**
   * Whether the window `[fromMs, toMs)` answers from what the backend keeps now (Elasticsearch: a
   * materialized window), so no request over it gets a sampled first answer; absent where no
   * answer is ever sampled.
   */
  isWindowReady?(fromMs: number, toMs: number): boolean;
  close(): Promise<void>;
}
