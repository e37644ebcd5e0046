import os from 'node:os';
import path from 'node:path';
import type { TierFieldNames } from '@/lib/domain/field-names';
import type { TierFilter } from '@/lib/domain/tier-filter';
import type { Tier } from '@/lib/domain/tiers';
import type { ElasticsearchConnection } from './client';
import type { RetryPolicy } from './retry';

/** Everything the Elasticsearch backend needs; tests build it directly to point at their own indices. */
export type ElasticsearchBackendConfig = ElasticsearchConnection & {
  /** Index patterns of the two tiers, e.g. `nginx-*` and `ingress-*`. */
  edgeIndex: string;
  ingressIndex: string;
  /** Each tier's field names (HOPSCOPE_FIELDS and the tiers' own variables). */
  fields: TierFieldNames;
  /** Which documents of each tier's pattern are its lines, when the pattern holds others too (tier-filter.ts). */
  tierFilters?: Partial<Record<Tier, TierFilter>>;
  /** A slice of lines that ended longer ago than this is read once and reused (default 10 minutes). */
  lateMarginMs?: number;
  /** Where materialized slices are kept (default: a folder in the system's temporary directory). */
  cacheDir?: string;
  /** Bytes the materialized slices may take on disk (default 4 GiB). */
  cacheBytes?: number;
  /**
   * Lines left to read from Elasticsearch above which a request accepting a sample (`sample=first`)
   * answers first from one (docs/ARCHITECTURE.md, "Sampled first answers"); absent: never.
   */
  sampleThresholdLines?: number;
  /** Edge lines a sample aims at (default DEFAULT_SAMPLE_TARGET_LINES, HOPSCOPE_ES_SAMPLE_LINES). */
  sampleTargetLines?: number;
  /** Lines the open window engines may hold together (default 3,000,000: a window of a million traces). */
  maxOpenLines?: number;
  /** The engines' DuckDB memory limit and threads (the embedded store's defaults; a window's build is bounded lower unless a limit is set: index.ts, WINDOW_BUILD_MEMORY_LIMIT). */
  memoryLimit?: string;
  threads?: number;
  /** How 429 and 503 answers are retried (default DEFAULT_RETRY_POLICY). */
  retry?: RetryPolicy;
};

export const DEFAULT_LATE_MARGIN_MS = 10 * 60_000;
export const DEFAULT_CACHE_BYTES = 4096 * 1024 * 1024;
export const DEFAULT_MAX_OPEN_LINES = 3_000_000;
export const defaultCacheDir = (): string => path.join(os.tmpdir(), 'hopscope-es-cache');
