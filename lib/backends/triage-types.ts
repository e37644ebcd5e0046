import type { TraceQuery } from '@/lib/domain/query';
import type { SlowRange } from '@/lib/domain/triage/slow-range';
import type {
  ConnectDistributions,
  CorrelationField,
  FieldValueCounts,
  SegmentStats,
} from '@/lib/domain/triage/triage-data';
import type { BackendKind } from '@/lib/domain/api-responses';
import type { NoticeSink } from '@/lib/domain/answer-notices';
import type { SampleStatement } from '@/lib/domain/trace-id-sample';

/**
 * What every call of either half of the backend interface may carry: the caller's abort signal and
 * where the answer's notices go. Defined here, the lower half, and re-exported by types.ts, so the
 * two halves do not import each other.
 */
export type CallOptions = { signal?: AbortSignal; onNotice?: NoticeSink; firstAnswer?: FirstAnswer };

/**
 * A request that accepts a sampled first answer (`sample=first`): on a cold Elasticsearch window
 * above the sample threshold, every call of the request answers from the same sample (one object
 * shared by the request's calls), and `sample` then says which; null when the answer is exact.
 */
export type FirstAnswer = { sample: SampleStatement | null };

export type { ConnectDistributions, CorrelationField, FieldValueCounts, SegmentStats, SlowRange };

/**
 * Triage verbs (issue 5), in domain types only. Like `fetchDistributions`, each verb aggregates in
 * the store over the query's trace set (the same trace set as the histograms: edge lines matching
 * the filters, joined to their ingress line) and returns small shapes; the statistics are pure
 * domain code (lib/domain/triage), so both stores give identical answers for the same data.
 * "Slow" means the examined requests: edge request_time in the SlowRange `[minMs, maxMs)` (usually
 * `≥ slow`; a band when a latency filter bounds it above, see toTriageComparison).
 */
export interface TriageBackend {
  readonly kind: BackendKind;
  /**
   * Per segment (SEGMENT_NAMES), per-millisecond counts over the attributable traces and over the
   * slow ones (in `slow`), the trace counts at each step, and the slow traces' dominant segments.
   */
  fetchSegmentStats(query: TraceQuery, slow: SlowRange, options?: CallOptions): Promise<SegmentStats>;
  /**
   * Over the joined traces: per field, the `limitPerField` values most frequent among slow traces
   * (in `slow`) with their slow and total counts, the field's number of distinct values, and the totals.
   */
  fetchFieldValueCounts(
    query: TraceQuery,
    slow: SlowRange,
    fields: readonly CorrelationField[],
    limitPerField: number,
    options?: CallOptions,
  ): Promise<FieldValueCounts>;
  /**
   * Per hop (edge→ingress: the edge lines' connect time; ingress→app: the joined ingress lines'),
   * per host and per upstream address, per-millisecond counts of upstream_connect_time summed over
   * attempts. The `maxGroups` largest groups of each grouping keep their names, the rest are merged.
   */
  fetchConnectDistributions(query: TraceQuery, maxGroups: number, options?: CallOptions): Promise<ConnectDistributions>;
}
