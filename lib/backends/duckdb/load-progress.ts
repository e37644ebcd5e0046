import type { Tier } from '@/lib/domain/tiers';

/**
 * How far the embedded store's load has come. Two stages, which can overlap (Node reads the
 * ingress text while DuckDB stores the edge tier):
 * - `read`: Node reading a tier's raw text logs into documents, counting lines; `totalBytes` counts
 *   the files as stored, so compressed files report compressed bytes read against it;
 * - `store`: DuckDB reading a tier's documents (JSON files, or the converted text) into its tables;
 *   `share` is DuckDB's own estimate of the work done (0 to 1), as it counts no lines.
 * Before a tier is read, `plan` gives its estimated lines (files' size over the first lines'
 * length; null for compressed files); after both, `build` says the trace table is being built.
 */
export type LoadProgress =
  | { stage: 'plan'; tier: Tier; estimatedLines: number | null }
  | { stage: 'read'; tier: Tier; linesRead: number; bytesRead: number; totalBytes: number; elapsedMs: number }
  | { stage: 'store'; tier: Tier; share: number; elapsedMs: number }
  | { stage: 'build'; tier: null; lines: number };

export type LoadProgressSink = (progress: LoadProgress) => void;
