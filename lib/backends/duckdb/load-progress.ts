import type { Tier } from '@/lib/domain/tiers';

/**
 * How far the embedded store's load has come, reported while raw text logs are read (JSON files
 * are read by DuckDB in one statement, which reports nothing until it ends). `totalBytes` counts
 * the files as stored, so compressed files report compressed bytes read against it.
 */
export type LoadProgress = {
  tier: Tier;
  linesRead: number;
  bytesRead: number;
  totalBytes: number;
  elapsedMs: number;
};

export type LoadProgressSink = (progress: LoadProgress) => void;
