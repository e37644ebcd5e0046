import type { LoadProgress } from '@/lib/backends/duckdb/load-progress';
import { countWords } from '@/lib/domain/triage/wording';

/** "12 s", "3 min 20 s": rounded up, so "0 s" is never promised while work remains. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/**
 * "loading edge: 1,234,567 lines · 210,000 lines/s · 45 % · about 12 s left". The share and the
 * time left appear only when the files' size is known, and assume the rest reads at the rate so far.
 */
export function formatLoadProgress(progress: LoadProgress): string {
  const parts = [`loading ${progress.tier}: ${countWords(progress.linesRead)} lines`];
  if (progress.elapsedMs > 0) parts.push(`${countWords(Math.round((progress.linesRead * 1000) / progress.elapsedMs))} lines/s`);
  if (progress.totalBytes > 0) {
    parts.push(`${Math.floor((Math.min(progress.bytesRead, progress.totalBytes) * 100) / progress.totalBytes)} %`);
    if (progress.bytesRead > 0 && progress.elapsedMs > 0 && progress.bytesRead < progress.totalBytes) {
      parts.push(`about ${formatDuration(((progress.totalBytes - progress.bytesRead) * progress.elapsedMs) / progress.bytesRead)} left`);
    }
  }
  return parts.join(' · ');
}
