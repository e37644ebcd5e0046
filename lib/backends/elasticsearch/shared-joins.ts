/**
 * Concurrent triage calls on the same query share one join: the triage summary asks for the
 * segment stats, the field values and the connect distributions at once, and each is a view of
 * the same pass over the trace set. Only calls with the same abort signal share (one caller's
 * abort must not fail another's answer), and nothing is kept once the join settles, so a later
 * call always reads the store afresh.
 */
export class SharedJoins<T> {
  private readonly byScope = new WeakMap<object, Map<string, Map<number, Promise<T>>>>();
  private readonly withoutSignal = {};

  /**
   * The join of `queryKey` at `slowMs` in flight for this signal, or a new one from `start`.
   * `slowMs` null takes any slow threshold in flight (for answers that do not depend on it), else
   * `fallbackSlowMs`.
   */
  share(queryKey: string, slowMs: number | null, fallbackSlowMs: number, signal: AbortSignal | undefined, start: (slowMs: number) => Promise<T>): Promise<T> {
    const scope = signal ?? this.withoutSignal;
    const queries = this.byScope.get(scope) ?? new Map<string, Map<number, Promise<T>>>();
    this.byScope.set(scope, queries);
    const joins = queries.get(queryKey) ?? new Map<number, Promise<T>>();
    const existing = slowMs === null ? joins.values().next().value : joins.get(slowMs);
    if (existing) return existing;

    const threshold = slowMs ?? fallbackSlowMs;
    const join = start(threshold);
    joins.set(threshold, join);
    queries.set(queryKey, joins);
    const forget = () => {
      if (joins.get(threshold) === join) joins.delete(threshold);
      if (joins.size === 0 && queries.get(queryKey) === joins) queries.delete(queryKey);
    };
    join.then(forget, forget);
    return join;
  }
}
