import 'server-only';
import { SharedCalls } from '../shared-calls';

/**
 * Concurrent triage calls on the same query share one join: the triage summary asks for the
 * segment stats, the field values and the connect distributions at once, and each is a view of
 * the same pass over the trace set. Callers share whatever their abort signals (SharedCalls): one
 * caller's abort only stops its own wait, and the join is cancelled when every caller has left.
 * Nothing is kept once the join settles, so a later call always reads the store afresh.
 */
export class SharedJoins<T> {
  private readonly calls = new SharedCalls();
  /** Per query, the slow thresholds of the joins in flight. */
  private readonly thresholds = new Map<string, Set<number>>();

  /**
   * The join of `queryKey` at `slowMs` in flight, or a new one from `start`, which must stop when
   * the signal it is given aborts. `slowMs` null takes any slow threshold in flight (for answers
   * that do not depend on it), else `fallbackSlowMs`.
   */
  share(
    queryKey: string,
    slowMs: number | null,
    fallbackSlowMs: number,
    signal: AbortSignal | undefined,
    start: (slowMs: number, signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const inFlight = this.thresholds.get(queryKey);
    const threshold = slowMs ?? inFlight?.values().next().value ?? fallbackSlowMs;
    return this.calls.run(JSON.stringify([queryKey, threshold]), { signal }, (shared) => {
      const thresholds = this.thresholds.get(queryKey) ?? new Set<number>();
      thresholds.add(threshold);
      this.thresholds.set(queryKey, thresholds);
      return start(threshold, shared.signal!).finally(() => {
        thresholds.delete(threshold);
        if (thresholds.size === 0 && this.thresholds.get(queryKey) === thresholds) this.thresholds.delete(queryKey);
      });
    });
  }
}
