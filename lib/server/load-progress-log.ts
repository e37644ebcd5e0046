import 'server-only';
import type { LoadProgress } from '@/lib/backends/duckdb/load-progress';
import { LoadTracker } from '@/lib/backends/duckdb/load-tracker';
import { formatLoadStatusDetail } from '@/lib/domain/load-status';

/** A server log gets a progress line at most this often. */
const LOG_INTERVAL_MS = 5_000;

/**
 * The embedded store's load on the server console (stderr) every few seconds: "hopscope: loading
 * 1.2 M of ~2.0 M lines (edge 0.9 M, ingress 0.3 M; 40,000 lines/s), about 20 s left", and the
 * trace table's build when it starts.
 */
export function createLoadProgressLog(write: (line: string) => void = (line) => process.stderr.write(`${line}\n`), nowMs: () => number = Date.now) {
  const tracker = new LoadTracker(nowMs);
  let lastMs = Number.NEGATIVE_INFINITY;
  return (progress: LoadProgress) => {
    tracker.record(progress);
    // An estimate alone is no progress to report.
    if (progress.stage === 'plan') return;
    const now = nowMs();
    if (progress.stage !== 'build' && now - lastMs < LOG_INTERVAL_MS) return;
    lastMs = now;
    write(`hopscope: ${formatLoadStatusDetail(tracker.status())}`);
  };
}
