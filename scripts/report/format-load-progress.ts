import type { LoadProgress } from '@/lib/backends/duckdb/load-progress';
import { countWords } from '@/lib/domain/triage/wording';

/** "12 s", "3 min 20 s": rounded up, so "0 s" is never promised while work remains. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** "about 12 s left" from the share done so far, assuming the rest goes at the same pace; null when done or unknown. */
function timeLeft(done: number, elapsedMs: number): string | null {
  if (done <= 0 || done >= 1 || elapsedMs <= 0) return null;
  return `about ${formatDuration(((1 - done) * elapsedMs) / done)} left`;
}

/**
 * One stage of one tier: "reading edge: 1,234,567 lines · 210,000 lines/s · 45 % · about 12 s
 * left" while Node reads raw text (the share and time left only when the files' size is known), or
 * "storing edge: 45 % · about 12 s left" while DuckDB stores the tier (its own estimate), then
 * "building the trace table from 1,992,904 lines".
 */
export function formatLoadProgress(progress: Exclude<LoadProgress, { stage: 'plan' }>): string {
  if (progress.stage === 'build') return `building the trace table from ${countWords(progress.lines)} lines`;
  if (progress.stage === 'store') {
    const parts = [`storing ${progress.tier}: ${Math.floor(Math.min(progress.share, 1) * 100)} %`];
    const left = timeLeft(progress.share, progress.elapsedMs);
    if (left) parts.push(left);
    return parts.join(' · ');
  }
  const parts = [`reading ${progress.tier}: ${countWords(progress.linesRead)} lines`];
  if (progress.elapsedMs > 0) parts.push(`${countWords(Math.round((progress.linesRead * 1000) / progress.elapsedMs))} lines/s`);
  if (progress.totalBytes > 0) {
    const done = Math.min(progress.bytesRead, progress.totalBytes) / progress.totalBytes;
    parts.push(`${Math.floor(done * 100)} %`);
    const left = timeLeft(done, progress.elapsedMs);
    if (left) parts.push(left);
  }
  return parts.join(' · ');
}
