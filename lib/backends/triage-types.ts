import type { TraceQuery } from '@/lib/domain/query';
import type {
  ConnectDistributions,
  CorrelationField,
  FieldValueCounts,
  SegmentStats,
} from '@/lib/domain/triage/triage-data';
import type { BackendKind, CallOptions } from '@/lib/backends/types';

export type { ConnectDistributions, CorrelationField, FieldValueCounts, SegmentStats };

/**
 * Triage verbs (issue 5), in domain types only. Like `fetchDistributions`, each verb aggregates in
 * the store over the query's trace set (the same trace set as the histograms: edge lines matching
 * the filters, joined to their ingress line) and returns small shapes; the statistics are pure
 * domain code (lib/domain/triage), so both stores give identical answers for the same data.
 * "Slow" always means edge request_time ≥ slowMs.
 */
export interface TriageBackend {
  readonly kind: BackendKind;
  /**
   * Per segment (SEGMENT_NAMES), per-millisecond counts over the attributable traces and over the
   * slow ones, the trace counts at each step, and the slow traces' dominant segments.
   */
  fetchSegmentStats(query: TraceQuery, slowMs: number, options?: CallOptions): Promise<SegmentStats>;
  /**
   * Over the joined traces: per field, the `limitPerField` values most frequent among slow traces
   * with their slow and total counts, the field's number of distinct values, and the totals.
   */
  fetchFieldValueCounts(
    query: TraceQuery,
    slowMs: number,
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
