import type { LoadProgress, LoadProgressSink } from '@/lib/backends/duckdb/load-progress';
import type { Tier } from '@/lib/domain/tiers';
import { formatLoadProgress } from './format-load-progress';

export type ProgressStream = { write: (text: string) => void; isTTY: boolean };

export type LoadProgressPrinter = {
  onLoadProgress: LoadProgressSink;
  /** Ends the progress display with one line (the load's outcome). */
  finish: (line: string) => void;
};

/** A terminal line is redrawn at most this often; a log file gets a line at most this often. */
const TTY_INTERVAL_MS = 100;
export const LOG_INTERVAL_MS = 5_000;

const CLEAR_LINE = '\r\u001b[K';

/**
 * Prints load progress to stderr: on a terminal one line redrawn in place (each tier's last state
 * kept when the next tier starts), elsewhere a line every few seconds and whenever the tier changes.
 */
export function createLoadProgressPrinter(stream: ProgressStream, nowMs: () => number = Date.now): LoadProgressPrinter {
  let lastTier: Tier | null = null;
  let lastPrintMs = Number.NEGATIVE_INFINITY;
  let lineOpen = false;

  const onLoadProgress = (progress: LoadProgress) => {
    const now = nowMs();
    const tierChanged = progress.tier !== lastTier;
    const interval = stream.isTTY ? TTY_INTERVAL_MS : LOG_INTERVAL_MS;
    if (!tierChanged && now - lastPrintMs < interval) return;
    const line = formatLoadProgress(progress);
    if (stream.isTTY) {
      stream.write(`${tierChanged && lineOpen ? '\n' : CLEAR_LINE}${line}`);
      lineOpen = true;
    } else {
      stream.write(`${line}\n`);
    }
    lastTier = progress.tier;
    lastPrintMs = now;
  };

  const finish = (line: string) => {
    stream.write(`${lineOpen ? '\n' : ''}${line}\n`);
    lineOpen = false;
  };

  return { onLoadProgress, finish };
}
