import type { LoadProgress, LoadProgressSink } from '@/lib/backends/duckdb/load-progress';
import { formatLoadProgress } from './format-load-progress';

export type ProgressStream = { write: (text: string) => void; isTTY: boolean };

export type LoadProgressPrinter = {
  onLoadProgress: LoadProgressSink;
  /** Ends the progress display with one line (the load's outcome). */
  finish: (line: string) => void;
};

/** A terminal line is redrawn at most this often; a log gets a line at most this often. */
const TTY_INTERVAL_MS = 100;
export const LOG_INTERVAL_MS = 5_000;

const CLEAR_LINE = '\r\u001b[K';

/**
 * Prints load progress to stderr as one line holding every stage under way ("storing edge: 40 % |
 * reading ingress: …": Node reads the ingress text while DuckDB stores the edge tier): on a
 * terminal redrawn in place, elsewhere a line every few seconds. A stage that finished leaves it.
 */
export function createLoadProgressPrinter(stream: ProgressStream, nowMs: () => number = Date.now): LoadProgressPrinter {
  const underWay = new Map<string, Exclude<LoadProgress, { stage: 'plan' }>>();
  let lastPrintMs = Number.NEGATIVE_INFINITY;
  let lineOpen = false;

  const onLoadProgress = (progress: LoadProgress) => {
    // An estimate alone is nothing to show; building the trace table follows every tier's stage.
    if (progress.stage === 'plan') return;
    if (progress.stage === 'build') underWay.clear();
    const key = `${progress.stage} ${progress.tier}`;
    const finished =
      progress.stage === 'build' ? false : progress.stage === 'store' ? progress.share >= 1 : progress.totalBytes > 0 && progress.bytesRead >= progress.totalBytes;
    // A tier being stored has been read.
    if (progress.stage === 'store') underWay.delete(`read ${progress.tier}`);
    if (finished) underWay.delete(key);
    else underWay.set(key, progress);
    const now = nowMs();
    if (underWay.size === 0 || now - lastPrintMs < (stream.isTTY ? TTY_INTERVAL_MS : LOG_INTERVAL_MS)) return;
    const line = [...underWay.values()].map(formatLoadProgress).join(' | ');
    stream.write(stream.isTTY ? `${CLEAR_LINE}${line}` : `${line}\n`);
    lineOpen = stream.isTTY;
    lastPrintMs = now;
  };

  const finish = (line: string) => {
    stream.write(`${lineOpen ? CLEAR_LINE : ''}${line}\n`);
    lineOpen = false;
  };

  return { onLoadProgress, finish };
}
