/** A range of edge @timestamp, [fromMs, toMs): the traces whose representative line falls in it. */
export type TimeSlice = { fromMs: number; toMs: number };

/** The first slice's share of the window: at 1 M traces about 16,000 traces, enough for a page of most bars. */
const FIRST_SLICE_FRACTION = 1 / 64;
/** Each further slice is this many times wider, so a sparse bar takes a handful of queries, not hundreds. */
const GROWTH = 4;

/**
 * The edge @timestamp slices a drill-down page walks, newest first, covering [fromMs, toMs)
 * exactly once: a page of a dense bar is found in the first slice, one of a sparse bar after a
 * few wider ones (at most about 1.33 times the work of one pass over the window).
 */
export function* timeSlices(fromMs: number, toMs: number): Generator<TimeSlice> {
  let width = Math.max(1, Math.ceil((toMs - fromMs) * FIRST_SLICE_FRACTION));
  let upper = toMs;
  while (upper > fromMs) {
    const lower = Math.max(fromMs, upper - width);
    yield { fromMs: lower, toMs: upper };
    upper = lower;
    width *= GROWTH;
  }
}
