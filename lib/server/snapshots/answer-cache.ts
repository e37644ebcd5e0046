import 'server-only';
import { isRelativeTime } from '@/lib/domain/time-expression';

/** What the cache may hold in all: answers are kept as their JSON text's size, roughly. */
const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

/**
 * Answers of snapshots, by snapshot and request: a snapshot never changes, so an answer computed
 * once is the answer for every later request of the same URL (a link pasted into the incident
 * channel and opened by ten people is computed once). Bounded by size, oldest out first. A URL
 * with a relative time (`now-1h`) is not cached: it means another window each time.
 */
export class SnapshotAnswerCache {
  private readonly answers = new Map<string, { answer: unknown; bytes: number }>();
  private bytes = 0;

  constructor(private readonly maxBytes = DEFAULT_MAX_BYTES) {}

  /** The cache key of a request to a snapshot, or null when its answer may change. */
  static keyOf(snapshotId: string, url: URL): string | null {
    for (const name of ['from', 'to']) {
      const value = url.searchParams.get(name);
      if (value !== null && isRelativeTime(value)) return null;
    }
    const params = [...url.searchParams.entries()].sort(([a, x], [b, y]) => (a === b ? x.localeCompare(y) : a.localeCompare(b)));
    return `${snapshotId} ${url.pathname}?${new URLSearchParams(params).toString()}`;
  }

  /** The cached answer, or the computed one (kept when it succeeds). */
  async answer<T>(key: string | null, compute: () => Promise<T>): Promise<T> {
    if (key === null) return compute();
    const cached = this.answers.get(key);
    if (cached) return cached.answer as T;
    const answer = await compute();
    const bytes = JSON.stringify(answer).length;
    if (bytes > this.maxBytes / 4) return answer;
    this.answers.set(key, { answer, bytes });
    this.bytes += bytes;
    for (const [oldest, entry] of this.answers) {
      if (this.bytes <= this.maxBytes) break;
      this.answers.delete(oldest);
      this.bytes -= entry.bytes;
    }
    return answer;
  }

  /** Forgets a deleted snapshot's answers. */
  forget(snapshotId: string): void {
    for (const [key, entry] of this.answers) {
      if (!key.startsWith(`${snapshotId} `)) continue;
      this.answers.delete(key);
      this.bytes -= entry.bytes;
    }
  }
}
