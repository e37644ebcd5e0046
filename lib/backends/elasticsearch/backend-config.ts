import type { FieldNames } from '@/lib/domain/field-names';
import type { ElasticsearchConnection } from './client';
import type { RetryPolicy } from './retry';

/** Everything the Elasticsearch backend needs; tests build it directly to point at their own indices. */
export type ElasticsearchBackendConfig = ElasticsearchConnection & {
  /** Index patterns of the two tiers, e.g. `nginx-*` and `ingress-*`. */
  edgeIndex: string;
  ingressIndex: string;
  fields: FieldNames;
  /** Above this many traces the join-based distributions come from a uniform sample (default 200,000). */
  sampleThresholdTraces?: number;
  /** Traces per partition of the trace pass (default 20,000, at most 30,000). */
  partitionTraces?: number;
  /** How 429 and 503 answers are retried (default DEFAULT_RETRY_POLICY). */
  retry?: RetryPolicy;
};

export type TuningConfig = { sampleThresholdTraces: number; partitionTraces: number };

export const DEFAULT_SAMPLE_THRESHOLD_TRACES = 200_000;
/**
 * A partition's traces come back as one terms aggregation and their documents as one composite
 * page. Every partition reads the whole trace set once (to pick its traces by hash), so fewer,
 * larger partitions are cheaper; 20,000 keeps each answer a few MB and well inside the terms
 * aggregation's size (TRACE_IDS_SIZE) and `search.max_buckets` (65,536).
 */
export const DEFAULT_PARTITION_TRACES = 20_000;
/** Larger partitions would not fit one terms aggregation (hash partitions vary a little in size). */
const MAX_PARTITION_TRACES = 30_000;

export function toTuning(config: ElasticsearchBackendConfig): TuningConfig {
  return {
    sampleThresholdTraces: config.sampleThresholdTraces ?? DEFAULT_SAMPLE_THRESHOLD_TRACES,
    partitionTraces: Math.min(config.partitionTraces ?? DEFAULT_PARTITION_TRACES, MAX_PARTITION_TRACES),
  };
}
