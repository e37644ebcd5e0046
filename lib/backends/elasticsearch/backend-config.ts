import type { FieldNames } from '@/lib/domain/field-names';
import type { ElasticsearchConnection } from './client';
import type { RetryPolicy } from './retry';

/** Everything the Elasticsearch backend needs; tests build it directly to point at their own indices. */
export type ElasticsearchBackendConfig = ElasticsearchConnection & {
  /** Index patterns of the two tiers, e.g. `nginx-*` and `ingress-*`. */
  edgeIndex: string;
  ingressIndex: string;
  fields: FieldNames;
  /** Above this many traces the join-based distributions come from a uniform sample of at least as many (default 100,000). */
  sampleThresholdTraces?: number;
  /** Traces per partition of the trace pass (default and most: 55,000). */
  partitionTraces?: number;
  /** How 429 and 503 answers are retried (default DEFAULT_RETRY_POLICY). */
  retry?: RetryPolicy;
};

export type TuningConfig = { sampleThresholdTraces: number; partitionTraces: number };

/**
 * 100,000: the smallest sample issue 6 accepts for the gap histograms. Every sampled partition
 * costs one pass over the window's lines, so a larger sample costs passes (200,000 took 16.9 s
 * warm at 1 M traces with partitions of 20,000).
 */
export const DEFAULT_SAMPLE_THRESHOLD_TRACES = 100_000;
/**
 * A partition's traces come back as one terms aggregation and their documents as composite
 * pages. Every partition reads the whole trace set once (to pick its traces by hash), so fewer,
 * larger partitions are cheaper: 55,000 traces keep each answer a few MB and inside the terms
 * aggregation's size (TRACE_IDS_SIZE, 60,000, under `search.max_buckets`); larger ones would
 * not fit it (hash partitions vary by about √n). Two of them hold a sample of 100,000.
 */
export const MAX_PARTITION_TRACES = 55_000;
export const DEFAULT_PARTITION_TRACES = MAX_PARTITION_TRACES;

export function toTuning(config: ElasticsearchBackendConfig): TuningConfig {
  return {
    sampleThresholdTraces: config.sampleThresholdTraces ?? DEFAULT_SAMPLE_THRESHOLD_TRACES,
    partitionTraces: Math.min(config.partitionTraces ?? DEFAULT_PARTITION_TRACES, MAX_PARTITION_TRACES),
  };
}
