import { secondsWords } from './wording';

/**
 * The requests triage examines ("slow"): edge request_time in `[minMs, maxMs)`, `maxMs` null for
 * no upper end. Usually just the slow threshold (`≥ slow`); a range when a latency filter with an
 * upper bound narrows the view (toTriageComparison), since the baseline they are compared with
 * then keeps every request of the window.
 */
export type SlowRange = { minMs: number; maxMs: number | null };

/** Every request at or above the threshold. */
export const slowFrom = (minMs: number): SlowRange => ({ minMs, maxMs: null });

/** Whether an edge request_time is examined. */
export const isInSlowRange = (range: SlowRange, requestTimeMs: number): boolean =>
  requestTimeMs >= range.minMs && (range.maxMs === null || requestTimeMs < range.maxMs);

/** A range that ends at or below its start examines nothing (latencyMax ≤ the slow threshold). */
export const isEmptySlowRange = (range: SlowRange): boolean => range.maxMs !== null && range.maxMs <= range.minMs;

/** "≥ 1 s", or "of 1–1.1 s" for a range with an upper end: what follows "requests" in a sentence. */
export function slowRangeWords(range: SlowRange): string {
  if (range.maxMs === null) return `≥ ${secondsWords(range.minMs)}`;
  return `of ${range.minMs / 1000}–${secondsWords(range.maxMs)}`;
}

/**
 * The sentence for an empty range, so that an answer says why it names nothing instead of
 * reading as "no slow request here".
 */
export function emptySlowRangeWords(range: SlowRange): string {
  return (
    `No request is examined: the latency range ends at ${secondsWords(range.maxMs ?? range.minMs)}, ` +
    `at or below the slow threshold of ${secondsWords(range.minMs)}, so nothing is compared and nothing is named.`
  );
}
