import 'server-only';
import type { SlowRange } from '@/lib/domain/triage/slow-range';
import { SharedCalls } from '../shared-calls';

/** One key per range: the same bounds always give the same text, whatever built the object. */
const rangeKey = (slow: SlowRange) => JSON.stringify([slow.minMs, slow.maxMs]);

/**
 * Concurrent triage calls on the same query and slow range share one join: the triage summary asks
 * for the segment stats, the field values and the connect distributions at once, and each is a
 * view of the same pass over the trace set. The range is part of the key because the join counts
 * which traces are slow as it goes (a band [1 s, 1.1 s) and a threshold ≥ 1 s are two joins).
 * Callers share whatever their abort signals (SharedCalls): one caller's abort only stops its own
 * wait, and the join is cancelled when every caller has left. Nothing is kept once the join
 * settles, so a later call always reads the store afresh.
 */
export class SharedJoins<T> {
  private readonly calls = new SharedCalls();
  /** Per query, the slow ranges of the joins in flight, by rangeKey. */
  private readonly ranges = new Map<string, Map<string, SlowRange>>();

  /**
   * The join of `queryKey` at `slow` in flight, or a new one from `start`, which must stop when
   * the signal it is given aborts. `slow` null takes any slow range in flight (for answers that do
   * not depend on it), else `fallback`.
   */
  share(
    queryKey: string,
    slow: SlowRange | null,
    fallback: SlowRange,
    signal: AbortSignal | undefined,
    start: (slow: SlowRange, signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const range = slow ?? this.ranges.get(queryKey)?.values().next().value ?? fallback;
    const key = rangeKey(range);
    return this.calls.run(JSON.stringify([queryKey, key]), { signal }, (shared) => {
      const inFlight = this.ranges.get(queryKey) ?? new Map<string, SlowRange>();
      inFlight.set(key, range);
      this.ranges.set(queryKey, inFlight);
      return start(range, shared.signal!).finally(() => {
        inFlight.delete(key);
        if (inFlight.size === 0 && this.ranges.get(queryKey) === inFlight) this.ranges.delete(queryKey);
      });
    });
  }
}
