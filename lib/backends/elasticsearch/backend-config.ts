import type { FieldNames } from '@/lib/domain/field-names';
import type { ElasticsearchConnection } from './client';

/** Everything the Elasticsearch backend needs; tests build it directly to point at their own indices. */
export type ElasticsearchBackendConfig = ElasticsearchConnection & {
  /** Index patterns of the two tiers, e.g. `nginx-*` and `ingress-*`. */
  edgeIndex: string;
  ingressIndex: string;
  fields: FieldNames;
  /** Above this many traces the join-based distributions come from a uniform sample (default 200,000). */
  sampleThresholdTraces?: number;
  /** Traces per partition of the trace pass (default 10,000). */
  partitionTraces?: number;
};

export type TuningConfig = { sampleThresholdTraces: number; partitionTraces: number };

export const DEFAULT_SAMPLE_THRESHOLD_TRACES = 200_000;
/**
 * A partition's traces come back as one terms aggregation and their documents as one composite
 * page: 10,000 keeps each response a few MB and far from `search.max_buckets` (65,536).
 */
export const DEFAULT_PARTITION_TRACES = 10_000;

export function toTuning(config: ElasticsearchBackendConfig): TuningConfig {
  return {
    sampleThresholdTraces: config.sampleThresholdTraces ?? DEFAULT_SAMPLE_THRESHOLD_TRACES,
    partitionTraces: config.partitionTraces ?? DEFAULT_PARTITION_TRACES,
  };
}
